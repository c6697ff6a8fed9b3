// Every field of a table-backed type says what it reads, where it is defined (src/data/planner):
// a field without a declaration would make the planner read whole rows, or miss a column.
import { type GraphQLObjectType, getNamedType, isObjectType } from "graphql";
import { describe, expect, test } from "vitest";
import { planOf, tableOfType } from "../../src/data/planner/plan.ts";
import { schema } from "../../src/app/schema.ts";
import { counted } from "../counted.ts";

const tableBacked = Object.values(schema.getTypeMap()).filter(
  (type): type is GraphQLObjectType => isObjectType(type) && tableOfType(type) !== undefined,
);

describe("declarations on the fields of table-backed types", () => {
  test("the table-backed types are the graph's stored objects", () => {
    expect(tableBacked.map((type) => type.name).sort()).toEqual(
      [
        ...["Batch", "BatchRelation", "Customer", "Cycle", "Letter", "LetterBatch", "LetterStatusChange", "Location"],
        ...["Message", "MobileSubscription", "ProcessStatus", "Program", "Project", "ProvisioningBatch"],
        ...["ProvisioningEvent", "ProvisioningRequest", "Queue", "User", "WorkOrder"],
      ].sort(),
    );
  });

  const fields = tableBacked.flatMap((type) =>
    Object.values(type.getFields()).map((field) => [type.name, field.name, field, tableOfType(type)!] as const),
  );

  test.each(fields.map(([typeName, fieldName]) => [typeName, fieldName]))(
    "%s.%s declares what it reads",
    (typeName, fieldName) => {
      const [, , field, table] = fields.find(([t, f]) => t === typeName && f === fieldName)!;
      if (fieldName === "id") return; // the Node id reads the table's key, always read
      const plan = planOf(field);
      expect(
        plan,
        `${typeName}.${fieldName} has no plan: expose a column or spread a helper of src/data/planner/fields.ts`,
      ).toBeDefined();
      // may be empty: a computed field (a count, a due date of the queue's batches) reads no column of its row
      for (const read of plan!.reads) expect(table.fields, `${typeName}.${fieldName} reads ${read}`).toContain(read);
      if (plan!.kind === "toOne" || plan!.kind === "many") {
        const target = plan!.kind === "toOne" ? plan!.target : plan!.relation.target;
        const returned = getNamedType(field.type);
        const edge =
          plan!.kind === "many" && plan!.paged && isObjectType(returned)
            ? getNamedType(returned.getFields().edges!.type)
            : undefined;
        const item = isObjectType(edge) ? getNamedType(edge.getFields().node!.type) : returned;
        expect(isObjectType(item) && tableOfType(item), `${typeName}.${fieldName} returns rows of ${target.name}`).toBe(
          target,
        );
      }
      if (plan!.kind === "embed") {
        const embedded = getNamedType(field.type) as GraphQLObjectType;
        for (const inner of counted(Object.values(embedded.getFields()), { atLeast: 1 })) {
          const innerPlan = planOf(inner);
          expect(innerPlan?.kind, `${embedded.name}.${inner.name} reads columns of the row it shows`).toBe("columns");
          for (const read of innerPlan!.reads)
            expect(plan!.reads, `${embedded.name}.${inner.name} reads ${read}`).toContain(read);
        }
      }
    },
  );
  test("every field was walked", () => expect(fields.length).toBeGreaterThan(150));
});
