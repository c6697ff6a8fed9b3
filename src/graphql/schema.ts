// The whole schema: the builder, its scalars, and one import per domain.
import { GraphQLSchema } from "graphql";
import { builder } from "./builder.ts";
import "./scalars.ts";
import "../production/index.ts";
import "../processes/index.ts";
import "../letters/index.ts";
import "../messages/index.ts";
import "../provisioning/index.ts";

const built = builder.toSchema({ sortSchema: true });

// TODO(foundation): drop once the domains' mutations have landed; an empty Mutation type is invalid.
const mutation = built.getMutationType();
function withoutEmptyMutation(schema: GraphQLSchema): GraphQLSchema {
  if (!mutation || Object.keys(mutation.getFields()).length > 0) return schema;
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, mutation: undefined, types: config.types.filter((type) => type !== mutation) });
}

export const schema = withoutEmptyMutation(built);
