// The GraphiQL page: Yoga's GraphiQL (@graphql-yoga/render-graphiql) with its bundle, styles and
// Monaco's workers loaded from the hashed static files of assets.ts instead of inlined, so the
// page itself is a few kB (the options, with the example tabs, are most of it).
import type { GraphiQLOptions } from "graphql-yoga";
import { graphiqlAssets } from "./assets.ts";

/** JSON inside a <script>: "<" escaped so no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value ?? {}).replaceAll("<", "\\u003c");

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export async function renderGraphiQL(options?: GraphiQLOptions): Promise<string> {
  const { assets } = await graphiqlAssets();
  const workers = {
    editorWorkerService: assets.editorWorkerService.path,
    json: assets.json.path,
    graphql: assets.graphql.path,
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options?.title ?? "GraphiQL")}</title>
    <link rel="icon" href="${assets.favicon.path}" />
    <link rel="stylesheet" href="${assets.css.path}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
    </script>
    <script src="${assets.js.path}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector("#root"), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}
