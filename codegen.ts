// GraphQL Code Generator: typed documents for the operations the tests send, and for the
// sample client (client/) its typed documents plus the persisted-operations manifest.
import type { CodegenConfig } from "@graphql-codegen/cli";

const scalars = { DateTime: "string", JSON: "unknown", UUID: "string" };

const config: CodegenConfig = {
  schema: "schema.graphql",
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    "test/generated/": {
      documents: ["test/operations/**/*.graphql"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, scalars },
    },
    "client/generated/": {
      documents: ["client/**/*.graphql"],
      preset: "client",
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      config: { useTypeImports: true, scalars },
    },
  },
};

export default config;
