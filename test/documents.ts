// Every operation the suite (test/operations) and the sample client (client/operations) send,
// each as a standalone document carrying the fragments it uses: for tests that walk them all.
import { readdirSync, readFileSync } from "node:fs";
import { type DocumentNode, type OperationDefinitionNode, concatAST, parse, print, separateOperations } from "graphql";

const FOLDERS = ["../test/operations/", "../client/operations/"].map((folder) => new URL(folder, import.meta.url));

export interface Operation {
  name: string;
  kind: OperationDefinitionNode["operation"];
  definition: OperationDefinitionNode;
  document: DocumentNode;
  /** The document's text, as a client sends it. */
  text: string;
}

export function allOperations(): Operation[] {
  const files = FOLDERS.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith(".graphql"))
      .map((name) => readFileSync(new URL(name, folder), "utf8")),
  );
  const separated = separateOperations(concatAST(files.map((text) => parse(text))));
  return Object.entries(separated).map(([name, document]) => {
    const definition = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === "OperationDefinition",
    )!;
    return { name, kind: definition.operation, definition, document, text: print(document) };
  });
}
