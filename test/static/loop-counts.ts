// Finds the loops in test code that would pass when empty: a loop whose body asserts
// (`expect(...)`) over results that nobody counted first. A test that checks "every edge has X"
// proves nothing when there are no edges, so such a loop must follow, in its function, a count
// assertion on the same expression (`expect(list).toHaveLength(n)`, `expect(list.length).toBe(n)`
// or `.toBeGreaterThan(0)`, `expect(list).toEqual([...])`, the same on `list.map(f)`), or
// iterate `counted(list, n)` (test/counted.ts), which asserts the count itself.
// The same holds for the table of `test.each` / `describe.each`: an empty one makes no test and
// the file passes, so it is counted somewhere in the file.
// Not counted: loops over a count written in the test (`[...]`, `[...].map(f)`,
// `Array.from({ length: 4 }, f)`, or a name bound to one of those in the file), and loops
// nested in another loop (walks of a schema, where an empty inner list is normal; the
// outermost loop is counted). A loop that may really be empty says why in a comment
// starting `// may be empty:` on the line before it.
import ts from "typescript";

export interface UncountedLoop {
  file: string;
  line: number;
  /** The expression the loop goes over, as written. */
  over: string;
}

const COUNT_OF_LIST = new Set(["toHaveLength"]);
const COUNT_OF_LENGTH = new Set(["toBe", "toEqual", "toBeGreaterThan", "toBeGreaterThanOrEqual"]);
const EXACT_LIST = new Set(["toEqual", "toStrictEqual"]);

/** Text of an expression without layout, non-null assertions or optional chaining. */
const normal = (node: ts.Node, file: ts.SourceFile) =>
  node
    .getText(file)
    .replace(/\s+/g, "")
    .replace(/\?\./g, ".")
    .replace(/!(?!=)/g, "");

const isFunction = (node: ts.Node) => ts.isFunctionLike(node);

function containsExpect(node: ts.Node): boolean {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "expect") return true;
  return ts.forEachChild(node, containsExpect) ?? false;
}

/** `list.forEach(callback)`: the list and the callback's body. */
function forEachCall(node: ts.Node): { over: ts.Expression; body: ts.Node } | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  if (node.expression.name.text !== "forEach" || !node.arguments[0]) return undefined;
  return { over: node.expression.expression, body: node.arguments[0] };
}

function loopOf(node: ts.Node): { over: ts.Expression; body: ts.Node } | undefined {
  if (ts.isForOfStatement(node)) return { over: node.expression, body: node.statement };
  return forEachCall(node);
}

function isInsideLoop(node: ts.Node): boolean {
  for (let parent = node.parent; parent && !ts.isSourceFile(parent); parent = parent.parent) {
    if (ts.isForOfStatement(parent) || ts.isForInStatement(parent) || ts.isForStatement(parent)) return true;
    if (ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return true;
    if (isFunction(parent) && parent.parent && forEachCall(parent.parent)) return true;
  }
  return false;
}

/** `list.entries()`, `list.keys()`, `list.values()`: the list. */
function listOf(over: ts.Expression): ts.Expression {
  let node = over;
  while (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) {
    node = node.expression;
  }
  if (ts.isCallExpression(node) && !node.arguments.length && ts.isPropertyAccessExpression(node.expression)) {
    if (["entries", "keys", "values"].includes(node.expression.name.text)) return listOf(node.expression.expression);
  }
  return node;
}

const literalList = (node: ts.Expression | undefined): boolean => {
  if (!node) return false;
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) {
    return literalList(node.expression);
  }
  // `[...a, ...b]` holds as many items as a and b: only a literal with an item of its own is non-empty.
  return ts.isArrayLiteralExpression(node) && node.elements.some((element) => !ts.isSpreadElement(element));
};

const isCallOf = (node: ts.Node, name: string): node is ts.CallExpression =>
  ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name;

/** A list of a count written in the test: `[...]`, `[...].map(f)`, `Array.from({ length: 4 }, f)`, awaited or not. */
function madeOfFixedCount(node: ts.Expression | undefined): boolean {
  if (!node) return false;
  if (ts.isAwaitExpression(node) || ts.isParenthesizedExpression(node)) return madeOfFixedCount(node.expression);
  if (literalList(node)) return true;
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const { expression: target, name } = node.expression;
  if (name.text === "map") return literalList(target);
  if (ts.isIdentifier(target) && target.text === "Promise" && name.text === "all")
    return madeOfFixedCount(node.arguments[0]);
  const [shape] = node.arguments;
  if (!ts.isIdentifier(target) || target.text !== "Array" || name.text !== "from" || !shape) return false;
  if (!ts.isObjectLiteralExpression(shape)) return false;
  return shape.properties.some(
    (p) =>
      ts.isPropertyAssignment(p) &&
      p.name.getText() === "length" &&
      ts.isNumericLiteral(p.initializer) &&
      Number(p.initializer.text) > 0,
  );
}

/** Fixed cases: a list of a count written in the test, a name bound to one, or `counted(list, n)`. */
function isFixed(list: ts.Expression, file: ts.SourceFile): boolean {
  if (madeOfFixedCount(list) || isCallOf(list, "counted")) return true;
  if (!ts.isIdentifier(list)) return false;
  let bound = false;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === list.text) {
      bound ||= madeOfFixedCount(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return bound;
}

/**
 * Whether `statement` holds an assertion of how many items `list` (normalized) has; inside
 * functions only with `intoFunctions` (a function declared before a loop may never run).
 */
function countsList(statement: ts.Node, list: string, file: ts.SourceFile, intoFunctions = false): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (isFunction(node) && !intoFunctions)) return;
    // expect(subject).matcher(argument)
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const call = node.expression.expression;
      const matcher = node.expression.name.text;
      if (ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === "expect") {
        const subject = call.arguments[0] ? normal(call.arguments[0], file) : "";
        // `list.map(f)` (and `.sort()` after it) has as many items as the list.
        const sameCount = subject === list || subject.startsWith(`${list}.map(`);
        if (sameCount && COUNT_OF_LIST.has(matcher)) found = true;
        if (subject === `${list}.length` && COUNT_OF_LENGTH.has(matcher)) found = true;
        const expected = node.arguments[0];
        const fixed =
          expected && (madeOfFixedCount(expected) || (ts.isIdentifier(expected) && isFixed(expected, file)));
        if (sameCount && EXACT_LIST.has(matcher) && fixed) found = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return found;
}

/** Whether a statement before the loop, in its function, counts the list. */
function countedBefore(loop: ts.Node, list: string, file: ts.SourceFile): boolean {
  let child = loop;
  for (let parent = loop.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      const before = parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement));
      if (before.some((statement) => countsList(statement, list, file))) return true;
    }
    if (isFunction(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

function saysMayBeEmpty(loop: ts.Node, file: ts.SourceFile): boolean {
  let statement = loop;
  while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) {
    statement = statement.parent;
  }
  const comments = ts.getLeadingCommentRanges(file.text, statement.getFullStart()) ?? [];
  return comments.some((range) => /^\/\/\s*may be empty:\s*\S/.test(file.text.slice(range.pos, range.end)));
}

/** `test.each(table)`, `it.each(table)`, `describe.each(table)` (also `.for`): the table. */
function eachTable(node: ts.Node): ts.Expression | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const { expression: runner, name } = node.expression;
  if (!["each", "for"].includes(name.text) || !ts.isIdentifier(runner)) return undefined;
  return ["test", "it", "describe"].includes(runner.text) ? node.arguments[0] : undefined;
}

/** `list.map(f)` has as many items as `list`. */
function unmapped(node: ts.Expression): ts.Expression {
  const list = listOf(node);
  if (ts.isCallExpression(list) && ts.isPropertyAccessExpression(list.expression)) {
    if (list.expression.name.text === "map" && !literalList(list.expression.expression)) {
      return unmapped(list.expression.expression);
    }
  }
  return list;
}

/** The loops in `source` that assert over a list without counting it first. */
export function uncountedLoops(source: string, fileName: string): UncountedLoop[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: UncountedLoop[] = [];
  const report = (node: ts.Node, over: ts.Expression) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.push({ file: fileName, line, over: over.getText(file) });
  };
  const visit = (node: ts.Node): void => {
    // An empty table makes no test at all, and the file passes: the table is counted somewhere
    // in the file (usually a test of its own), since it is built before any test runs.
    const table = eachTable(node);
    if (table) {
      const list = unmapped(table);
      if (!isFixed(list, file) && !countsList(file, normal(list, file), file, true)) report(node, table);
    }
    const loop = loopOf(node);
    if (loop && containsExpect(loop.body) && !isInsideLoop(node)) {
      const list = listOf(loop.over);
      const counted = isFixed(list, file) || countedBefore(node, normal(list, file), file);
      if (!counted && !saysMayBeEmpty(node, file)) report(node, loop.over);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
