import { DateTimeResolver, JSONResolver, NonNegativeIntResolver, PositiveIntResolver, UUIDResolver } from "graphql-scalars";
import { builder } from "./builder.ts";

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("JSON", JSONResolver);
builder.addScalarType("UUID", UUIDResolver);
builder.addScalarType("PositiveInt", PositiveIntResolver);
builder.addScalarType("NonNegativeInt", NonNegativeIntResolver);
