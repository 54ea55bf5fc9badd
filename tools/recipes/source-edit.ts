/**
 * Edits of TypeScript data files addressed by declaration, not by line: append an element to `PMS_ROUTES`, a
 * property to `settings.networking.workloads`, replace an argument of one catalogue entry. The recipe test applies
 * the README's recipes with them, so a reformatted or reordered data file does not break it; a declaration that
 * is gone does, with a message that names it. Parsed with the TypeScript 5 compiler API (`typescript5`, the
 * compiler the cdk8s bench already uses): TypeScript 7's native compiler has no JavaScript API.
 */
import ts from 'typescript5';

/** `PMS_ROUTES`, `PMS_GRAPH.edges`, `settings.networking.workloads`: an exported `const` and property names. */
export type DeclarationPath = string;

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('edit.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** The expression itself, without `as const`, `satisfies T` or parentheses around it. */
function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isParenthesizedExpression(current)
  )
    current = current.expression;
  return current;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The expression at `path` in `source`: the initializer of a top-level `const`, then object properties. */
function resolve(source: ts.SourceFile, path: DeclarationPath): ts.Expression {
  const [name, ...properties] = path.split('.');
  let found: ts.Expression | undefined;
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer)
        found = unwrap(declaration.initializer);
    }
  }
  if (!found) throw new Error(`no top-level const ${name}`);
  for (const property of properties) {
    if (!ts.isObjectLiteralExpression(found))
      throw new Error(`${path}: ${property} is not in an object literal`);
    const assignment = found.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === property,
    );
    if (!assignment) throw new Error(`${path}: no property ${property}`);
    found = unwrap(assignment.initializer);
  }
  return found;
}

/** The indentation of the line `position` is on. */
function indentAt(text: string, position: number): string {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Inserts `item` as the last entry of a list (array elements or object properties) whose node is `list`. */
function appendToList(
  text: string,
  list: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression,
  items: ts.NodeArray<ts.Node>,
  item: string,
): string {
  const last = items.at(-1);
  if (!last) {
    const open = list.getStart() + 1;
    return `${text.slice(0, open)}${item}${text.slice(open)}`;
  }
  const end = last.getEnd();
  // A list written on one line stays on one line; otherwise the item gets a line of its own.
  const oneLine = !text.slice(list.getStart(), end).includes('\n');
  const separator = oneLine ? ', ' : `,\n${indentAt(text, last.getStart())}`;
  return `${text.slice(0, end)}${separator}${item}${text.slice(end)}`;
}

/** `text` with `element` (source text) appended to the array literal at `path`. */
export function appendElement(text: string, path: DeclarationPath, element: string): string {
  const array = resolve(parse(text), path);
  if (!ts.isArrayLiteralExpression(array)) throw new Error(`${path} is not an array literal`);
  return appendToList(text, array, array.elements, element);
}

/** `text` with `property` (source text, `name: value`) appended to the object literal at `path`. */
export function appendProperty(text: string, path: DeclarationPath, property: string): string {
  const object = resolve(parse(text), path);
  if (!ts.isObjectLiteralExpression(object)) throw new Error(`${path} is not an object literal`);
  return appendToList(text, object, object.properties, property);
}

/** `text` with the value of the property at `path` (`settings.monitoring.alb`) replaced by `value` (source text). */
export function replaceValue(text: string, path: DeclarationPath, value: string): string {
  const node = resolve(parse(text), path);
  return `${text.slice(0, node.getStart())}${value}${text.slice(node.getEnd())}`;
}

/**
 * `text` with arguments of one call in the array literal at `path` replaced: the call whose first argument is the
 * string `key` (a catalogue entry `workload('analytics', …)`); `replace` maps an argument's index and source text
 * to its new text.
 */
export function replaceArguments(
  text: string,
  path: DeclarationPath,
  key: string,
  replace: (index: number, argument: string) => string,
): string {
  const array = resolve(parse(text), path);
  if (!ts.isArrayLiteralExpression(array)) throw new Error(`${path} is not an array literal`);
  const call = array.elements.find(
    (e): e is ts.CallExpression =>
      ts.isCallExpression(e) &&
      e.arguments[0] !== undefined &&
      ts.isStringLiteral(e.arguments[0]) &&
      e.arguments[0].text === key,
  );
  if (!call) throw new Error(`${path}: no entry written as a call with first argument '${key}'`);
  let result = text;
  // From the last argument to the first, so that earlier positions stay valid.
  for (const [index, argument] of [...call.arguments.entries()].reverse()) {
    const old = argument.getText();
    const next = replace(index, old);
    if (next !== old)
      result = `${result.slice(0, argument.getStart())}${next}${result.slice(argument.getEnd())}`;
  }
  return result;
}

/** `text` with `statement` (an `import …;`) after its last import. */
export function addImport(text: string, statement: string): string {
  const imports = parse(text).statements.filter(ts.isImportDeclaration);
  const end = imports.at(-1)?.getEnd() ?? 0;
  return `${text.slice(0, end)}${end > 0 ? '\n' : ''}${statement}${end > 0 ? '' : '\n'}${text.slice(end)}`;
}
