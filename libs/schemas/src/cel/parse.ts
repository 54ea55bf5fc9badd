/**
 * A parser for CEL, the Common Expression Language of CRD validation rules (`x-kubernetes-validations`), following
 * the grammar of the CEL language definition (github.com/google/cel-spec, doc/langdef.md, "Syntax"):
 *
 *   Expr = ConditionalOr ["?" ConditionalOr ":" Expr]; ConditionalOr = [ConditionalOr "||"] ConditionalAnd;
 *   ConditionalAnd = [ConditionalAnd "&&"] Relation; Relation = [Relation Relop] Addition;
 *   Addition = [Addition ("+"|"-")] Multiplication; Multiplication = [Multiplication ("*"|"/"|"%")] Unary;
 *   Unary = Member | "!" {"!"} Member | "-" {"-"} Member;
 *   Member = Primary | Member "." IDENT ["(" [ExprList] ")"] | Member "[" Expr "]";
 *   Primary = ["."] IDENT ["(" [ExprList] ")"] | "(" Expr ")" | "[" [ExprList] [","] "]" | "{" [MapInits] [","] "}" | LITERAL
 *
 * Literals: integers (decimal and hex), doubles, strings (single, double or triple quotes, `r` raw prefix, the
 * usual escapes), `true`, `false`, `null`. Not supported (refused with a message): unsigned and bytes literals,
 * message construction, optional syntax (`?.`). The evaluator (evaluate.ts) says which functions it knows.
 */

/** A CEL expression tree. */
export type CelExpr =
  | { readonly type: 'literal'; readonly value: CelLiteral }
  | { readonly type: 'ident'; readonly name: string }
  | { readonly type: 'select'; readonly operand: CelExpr; readonly field: string }
  | { readonly type: 'index'; readonly operand: CelExpr; readonly index: CelExpr }
  | {
      readonly type: 'call';
      readonly fn: string;
      readonly target?: CelExpr;
      readonly args: readonly CelExpr[];
    }
  | { readonly type: 'list'; readonly items: readonly CelExpr[] }
  | { readonly type: 'map'; readonly entries: readonly (readonly [CelExpr, CelExpr])[] }
  | { readonly type: 'unary'; readonly op: '!' | '-'; readonly operand: CelExpr }
  | { readonly type: 'binary'; readonly op: string; readonly left: CelExpr; readonly right: CelExpr }
  | { readonly type: 'conditional'; readonly test: CelExpr; readonly then: CelExpr; readonly else: CelExpr };

/** A literal's value: CEL `int` is a bigint, `double` a number. */
export type CelLiteral = bigint | number | string | boolean | null;

/** A rule this parser cannot read: the message says where and what. */
export class CelSyntaxError extends Error {
  override readonly name = 'CelSyntaxError';
}

interface Token {
  readonly kind: 'ident' | 'int' | 'double' | 'string' | 'op' | 'end';
  readonly text: string;
  readonly value?: CelLiteral;
  readonly at: number;
}

const OPERATORS = [
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
];
const RESERVED = new Set([
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);
const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '?': '?',
  '"': '"',
  "'": "'",
  '`': '`',
};

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new CelSyntaxError(`${message} at offset ${i} of ${JSON.stringify(source)}`);
  };
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const start = i;
    const raw = /[rR]/.test(c) && /['"]/.test(source[i + 1] ?? '');
    if (/['"]/.test(c) || raw) {
      if (raw) i++;
      const quote = source.startsWith(source[i]!.repeat(3), i) ? source[i]!.repeat(3) : source[i]!;
      i += quote.length;
      let text = '';
      while (!source.startsWith(quote, i)) {
        if (i >= source.length || (quote.length === 1 && source[i] === '\n')) fail('unterminated string');
        const ch = source[i]!;
        if (ch === '\\' && !raw) {
          const next = source[i + 1] ?? '';
          if (next in ESCAPES) {
            text += ESCAPES[next];
            i += 2;
          } else if (next === 'u' || next === 'U' || next === 'x' || next === 'X') {
            const length = next === 'u' ? 4 : next === 'U' ? 8 : 2;
            const hex = source.slice(i + 2, i + 2 + length);
            if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) fail('invalid escape');
            text += String.fromCodePoint(parseInt(hex, 16));
            i += 2 + length;
          } else if (/[0-3]/.test(next)) {
            const octal = source.slice(i + 1, i + 4);
            if (!/^[0-3][0-7]{2}$/.test(octal)) fail('invalid escape');
            text += String.fromCodePoint(parseInt(octal, 8));
            i += 4;
          } else {
            fail('invalid escape');
          }
        } else {
          text += ch;
          i++;
        }
      }
      i += quote.length;
      tokens.push({ kind: 'string', text: source.slice(start, i), value: text, at: start });
      continue;
    }
    if (/[bB]/.test(c) && /['"]/.test(source[i + 1] ?? '')) fail('bytes literals are not supported');
    const number = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?)([uU]?)/.exec(
      source.slice(i),
    );
    if (number && (/\d/.test(c) || (c === '.' && /\d/.test(source[i + 1] ?? '')))) {
      const text = number[0];
      if (number[1]) fail('unsigned integer literals are not supported');
      i += text.length;
      const isDouble = !/^0[xX]/.test(text) && /[.eE]/.test(text);
      tokens.push(
        isDouble
          ? { kind: 'double', text, value: Number(text), at: start }
          : { kind: 'int', text, value: BigInt(text), at: start },
      );
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident) {
      i += ident[0].length;
      tokens.push({ kind: 'ident', text: ident[0], at: start });
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) fail(`unexpected character ${JSON.stringify(c)}`);
    i += op!.length;
    tokens.push({ kind: 'op', text: op!, at: start });
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

const RELATIONS = new Set(['<', '<=', '>', '>=', '==', '!=', 'in']);

/** Parses one CEL expression; throws `CelSyntaxError` naming the offset for anything outside the grammar above. */
export function parseCel(source: string): CelExpr {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position]!;
  const fail = (message: string): never => {
    throw new CelSyntaxError(`${message} at offset ${peek().at} of ${JSON.stringify(source)}`);
  };
  const isOp = (text: string) => peek().kind === 'op' && peek().text === text;
  const take = (text: string) => {
    if (!isOp(text)) fail(`expected "${text}"`);
    position++;
  };
  const list = (close: string): CelExpr[] => {
    const items: CelExpr[] = [];
    while (!isOp(close)) {
      items.push(expr());
      if (!isOp(close)) take(',');
    }
    take(close);
    return items;
  };

  const primary = (): CelExpr => {
    const token = peek();
    if (token.kind === 'int' || token.kind === 'double' || token.kind === 'string') {
      position++;
      return { type: 'literal', value: token.value! };
    }
    if (token.kind === 'ident') {
      position++;
      if (token.text === 'true' || token.text === 'false')
        return { type: 'literal', value: token.text === 'true' };
      if (token.text === 'null') return { type: 'literal', value: null };
      if (RESERVED.has(token.text) || token.text === 'in') fail(`reserved word "${token.text}"`);
      if (isOp('(')) {
        position++;
        return { type: 'call', fn: token.text, args: list(')') };
      }
      if (isOp('{')) fail('message construction is not supported');
      return { type: 'ident', name: token.text };
    }
    if (isOp('.')) fail('leading-dot identifiers are not supported');
    if (isOp('(')) {
      position++;
      const inner = expr();
      take(')');
      return inner;
    }
    if (isOp('[')) {
      position++;
      return { type: 'list', items: list(']') };
    }
    if (isOp('{')) {
      position++;
      const entries: [CelExpr, CelExpr][] = [];
      while (!isOp('}')) {
        const key = expr();
        take(':');
        entries.push([key, expr()]);
        if (!isOp('}')) take(',');
      }
      take('}');
      return { type: 'map', entries };
    }
    return fail(token.kind === 'end' ? 'unexpected end of expression' : `unexpected "${token.text}"`);
  };

  const member = (): CelExpr => {
    let node = primary();
    for (;;) {
      if (isOp('.')) {
        position++;
        if (isOp('?')) fail('optional field selection (".?") is not supported');
        const name = peek();
        if (name.kind !== 'ident') fail('expected a field name');
        position++;
        if (isOp('(')) {
          position++;
          node = { type: 'call', fn: name.text, target: node, args: list(')') };
        } else {
          node = { type: 'select', operand: node, field: name.text };
        }
      } else if (isOp('[')) {
        position++;
        if (isOp('?')) fail('optional index ("[?") is not supported');
        const index = expr();
        take(']');
        node = { type: 'index', operand: node, index };
      } else {
        return node;
      }
    }
  };

  const unary = (): CelExpr => {
    if (isOp('!') || isOp('-')) {
      const op = peek().text as '!' | '-';
      position++;
      const operand = unary();
      // A negative number literal is one literal (so -9223372036854775808 is representable).
      if (
        op === '-' &&
        operand.type === 'literal' &&
        (typeof operand.value === 'bigint' || typeof operand.value === 'number')
      )
        return { type: 'literal', value: -operand.value };
      return { type: 'unary', op, operand };
    }
    return member();
  };

  const binary = (next: () => CelExpr, ops: (token: Token) => boolean): (() => CelExpr) => {
    return () => {
      let left = next();
      while (ops(peek())) {
        const op = peek().text;
        position++;
        left = { type: 'binary', op, left, right: next() };
      }
      return left;
    };
  };
  const multiplication = binary(unary, (t) => t.kind === 'op' && ['*', '/', '%'].includes(t.text));
  const addition = binary(multiplication, (t) => t.kind === 'op' && ['+', '-'].includes(t.text));
  const relation = binary(addition, (t) => (t.kind === 'op' || t.text === 'in') && RELATIONS.has(t.text));
  const and = binary(relation, (t) => t.kind === 'op' && t.text === '&&');
  const or = binary(and, (t) => t.kind === 'op' && t.text === '||');

  function expr(): CelExpr {
    const test = or();
    if (!isOp('?')) return test;
    position++;
    const then = or();
    take(':');
    return { type: 'conditional', test, then, else: expr() };
  }

  const result = expr();
  if (peek().kind !== 'end') fail(`unexpected "${peek().text}"`);
  return result;
}
