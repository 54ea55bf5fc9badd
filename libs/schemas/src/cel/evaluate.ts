/**
 * Evaluates CRD validation rules (CEL) over a rendered object, with the semantics of the CEL language definition
 * (github.com/google/cel-spec, doc/langdef.md): `int` (64-bit, overflow is an error) and `double` are distinct
 * types with no implicit conversion in arithmetic, but compare and test equal across each other; `&&`, `||` and
 * the `all`/`exists` macros are commutative with errors (`false && error` is false); selecting an absent field is
 * an error, `has()` tests presence. Kubernetes binds the object a rule is attached to as `self` (and `oldSelf` for
 * transition rules, which a render cannot evaluate: they are skipped by the caller). Kubernetes' CEL types come
 * from the schema; here a whole JSON number is an `int` and any other number a `double`.
 *
 * Functions: the standard `size`, `has`, `contains`, `startsWith`, `endsWith`, `matches` (RE2 syntax, run as a
 * JavaScript regular expression), `int`, `double`, `string`, and the macros `all`, `exists`, `exists_one`, `map`,
 * `filter`. Anything else (Kubernetes' extension libraries, timestamps, …) is refused when the rule is compiled,
 * so a CRD upgrade that brings one fails libs/schemas' tests naming it, rather than being skipped.
 */
import { CelSyntaxError, parseCel, type CelExpr } from './parse.js';

/** A CEL value: `int` is a bigint, `double` a number, a list an array, a map a Map. */
export type CelValue =
  null | boolean | bigint | number | string | readonly CelValue[] | ReadonlyMap<CelKey, CelValue>;
type CelKey = string | bigint | boolean;

/** A rule that parses but uses what this evaluator does not implement. */
export class CelUnsupportedError extends Error {
  override readonly name = 'CelUnsupportedError';
}

/** A runtime error of CEL (no such key, no matching overload, overflow, …). */
class CelError extends Error {}

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

/** The macros: their argument counts (after the target). */
const MACROS: Readonly<Record<string, readonly number[]>> = {
  all: [2],
  exists: [2],
  exists_one: [2],
  map: [2, 3],
  filter: [2],
};
/** Receiver-style functions (`target.fn(args)`) and their argument counts. */
const METHODS: Readonly<Record<string, readonly number[]>> = {
  size: [0],
  contains: [1],
  startsWith: [1],
  endsWith: [1],
  matches: [1],
};
/** Global functions and their argument counts. */
const FUNCTIONS: Readonly<Record<string, readonly number[]>> = {
  has: [1],
  size: [1],
  matches: [2],
  int: [1],
  double: [1],
  string: [1],
};

/** JSON data as CEL values: objects become maps, whole numbers `int`, other numbers `double`. */
export function toCel(value: unknown): CelValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toCel);
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'object') {
    return new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCel(v)]));
  }
  return value as CelValue;
}

function typeName(value: CelValue): string {
  if (value === null) return 'null_type';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'string') return 'string';
  return Array.isArray(value) ? 'list' : 'map';
}

const isMap = (value: CelValue): value is ReadonlyMap<CelKey, CelValue> => value instanceof Map;
const isList = (value: CelValue): value is readonly CelValue[] => Array.isArray(value);
const isNumber = (value: CelValue): value is bigint | number =>
  typeof value === 'bigint' || typeof value === 'number';

function noOverload(fn: string, ...args: CelValue[]): never {
  throw new CelError(`no matching overload for ${fn}(${args.map(typeName).join(', ')})`);
}

function checkedInt(value: bigint): bigint {
  if (value < INT_MIN || value > INT_MAX) throw new CelError('int overflow');
  return value;
}

/** CEL equality: numbers compare across int and double; lists and maps element-wise; other mixed types are unequal. */
function equals(a: CelValue, b: CelValue): boolean {
  if (isNumber(a) && isNumber(b)) return Number(a) === Number(b) && (typeof a === typeof b ? a === b : true);
  if (isList(a) && isList(b)) return a.length === b.length && a.every((item, i) => equals(item, b[i]!));
  if (isMap(a) && isMap(b)) {
    if (a.size !== b.size) return false;
    for (const [key, value] of a) {
      if (!b.has(key) || !equals(value, b.get(key)!)) return false;
    }
    return true;
  }
  return a === b;
}

function compare(op: string, a: CelValue, b: CelValue): boolean {
  let order: number;
  if (isNumber(a) && isNumber(b)) order = Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  else if (typeof a === 'string' && typeof b === 'string') order = a < b ? -1 : a > b ? 1 : 0;
  else if (typeof a === 'boolean' && typeof b === 'boolean') order = Number(a) - Number(b);
  else return noOverload(op, a, b);
  return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
}

function arithmetic(op: string, a: CelValue, b: CelValue): CelValue {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if ((op === '/' || op === '%') && b === 0n)
      throw new CelError(op === '/' ? 'division by zero' : 'modulus by zero');
    if (op === '+') return checkedInt(a + b);
    if (op === '-') return checkedInt(a - b);
    if (op === '*') return checkedInt(a * b);
    if (op === '/') return checkedInt(a / b);
    return a % b;
  }
  if (typeof a === 'number' && typeof b === 'number' && op !== '%') {
    return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
  }
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (op === '+' && isList(a) && isList(b)) return [...a, ...b];
  return noOverload(op, a, b);
}

/** The elements a macro ranges over: a list's items or a map's keys. */
function range(value: CelValue, macro: string): CelValue[] {
  if (isList(value)) return [...value];
  if (isMap(value)) return [...value.keys()];
  return noOverload(macro, value);
}

type Scope = ReadonlyMap<string, CelValue>;
type Outcome = { readonly value: CelValue } | { readonly error: CelError };

function attempt(run: () => CelValue): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    if (error instanceof CelError) return { error };
    throw error;
  }
}

function asBool(outcome: Outcome, op: string): boolean | CelError {
  if ('error' in outcome) return outcome.error;
  if (typeof outcome.value !== 'boolean')
    return new CelError(`no matching overload for ${op}(${typeName(outcome.value)})`);
  return outcome.value;
}

function evaluate(node: CelExpr, scope: Scope): CelValue {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'ident': {
      if (!scope.has(node.name)) throw new CelError(`undeclared reference to "${node.name}"`);
      return scope.get(node.name)!;
    }
    case 'select': {
      const operand = evaluate(node.operand, scope);
      if (!isMap(operand)) return noOverload(`.${node.field}`, operand);
      if (!operand.has(node.field)) throw new CelError(`no such key: ${node.field}`);
      return operand.get(node.field)!;
    }
    case 'index': {
      const operand = evaluate(node.operand, scope);
      const index = evaluate(node.index, scope);
      if (isList(operand) && isNumber(index)) {
        const i = Number(index);
        if (!Number.isInteger(i) || i < 0 || i >= operand.length)
          throw new CelError(`index out of range: ${i}`);
        return operand[i]!;
      }
      if (
        isMap(operand) &&
        (typeof index === 'string' || typeof index === 'bigint' || typeof index === 'boolean')
      ) {
        if (!operand.has(index)) throw new CelError(`no such key: ${String(index)}`);
        return operand.get(index)!;
      }
      return noOverload('_[_]', operand, index);
    }
    case 'list':
      return node.items.map((item) => evaluate(item, scope));
    case 'map': {
      const map = new Map<CelKey, CelValue>();
      for (const [keyNode, valueNode] of node.entries) {
        const key = evaluate(keyNode, scope);
        if (typeof key !== 'string' && typeof key !== 'bigint' && typeof key !== 'boolean')
          return noOverload('{_: _}', key);
        if (map.has(key)) throw new CelError(`duplicate map key: ${String(key)}`);
        map.set(key, evaluate(valueNode, scope));
      }
      return map;
    }
    case 'unary': {
      const operand = evaluate(node.operand, scope);
      if (node.op === '!') return typeof operand === 'boolean' ? !operand : noOverload('!', operand);
      if (typeof operand === 'bigint') return checkedInt(-operand);
      return typeof operand === 'number' ? -operand : noOverload('-', operand);
    }
    case 'conditional': {
      const test = evaluate(node.test, scope);
      if (typeof test !== 'boolean') return noOverload('_?_:_', test);
      return evaluate(test ? node.then : node.else, scope);
    }
    case 'binary': {
      if (node.op === '&&' || node.op === '||') {
        // Commutative: a decisive operand (false for &&, true for ||) wins over an error on the other side.
        const decisive = node.op === '||';
        const left = asBool(
          attempt(() => evaluate(node.left, scope)),
          node.op,
        );
        if (left === decisive) return decisive;
        const right = asBool(
          attempt(() => evaluate(node.right, scope)),
          node.op,
        );
        if (right === decisive) return decisive;
        if (left instanceof CelError) throw left;
        if (right instanceof CelError) throw right;
        return !decisive;
      }
      const left = evaluate(node.left, scope);
      const right = evaluate(node.right, scope);
      switch (node.op) {
        case '==':
          return equals(left, right);
        case '!=':
          return !equals(left, right);
        case 'in':
          if (isList(right)) return right.some((item) => equals(item, left));
          if (isMap(right)) return [...right.keys()].some((key) => equals(key, left));
          return noOverload('in', left, right);
        case '<':
        case '<=':
        case '>':
        case '>=':
          return compare(node.op, left, right);
        default:
          return arithmetic(node.op, left, right);
      }
    }
    case 'call':
      return call(node, scope);
  }
}

function call(node: Extract<CelExpr, { type: 'call' }>, scope: Scope): CelValue {
  const { fn, target, args } = node;
  if (fn === 'has') {
    const arg = args[0]!;
    if (arg.type !== 'select') throw new CelError('has() needs a field selection, e.g. has(self.field)');
    const operand = evaluate(arg.operand, scope);
    if (!isMap(operand)) return noOverload('has', operand);
    return operand.has(arg.field);
  }
  if (target && fn in MACROS) {
    const variable = args[0]!;
    if (variable.type !== 'ident') throw new CelError(`${fn}() needs a variable name as its first argument`);
    const items = range(evaluate(target, scope), fn);
    const withItem = (item: CelValue) => new Map([...scope, [variable.name, item]]);
    const test = (item: CelValue) =>
      asBool(
        attempt(() => evaluate(args[1]!, withItem(item))),
        fn,
      );
    if (fn === 'all' || fn === 'exists') {
      const decisive = fn === 'exists';
      let error: CelError | undefined;
      for (const item of items) {
        const result = test(item);
        if (result === decisive) return decisive;
        if (result instanceof CelError) error ??= result;
      }
      if (error) throw error;
      return !decisive;
    }
    if (fn === 'exists_one') {
      let count = 0;
      for (const item of items) {
        const result = test(item);
        if (result instanceof CelError) throw result;
        if (result) count++;
      }
      return count === 1;
    }
    const kept =
      fn === 'filter' || args.length === 3
        ? items.filter((item) => {
            const result = test(item);
            if (result instanceof CelError) throw result;
            return result;
          })
        : items;
    if (fn === 'filter') return kept;
    return kept.map((item) => evaluate(args[args.length - 1]!, withItem(item)));
  }
  const values = [...(target ? [evaluate(target, scope)] : []), ...args.map((arg) => evaluate(arg, scope))];
  const [first, second] = values as [CelValue, CelValue];
  switch (fn) {
    case 'size':
      if (typeof first === 'string') return BigInt([...first].length);
      if (isList(first)) return BigInt(first.length);
      if (isMap(first)) return BigInt(first.size);
      return noOverload('size', first);
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      if (typeof first !== 'string' || typeof second !== 'string') return noOverload(fn, first, second);
      return fn === 'contains'
        ? first.includes(second)
        : fn === 'startsWith'
          ? first.startsWith(second)
          : first.endsWith(second);
    case 'matches': {
      if (typeof first !== 'string' || typeof second !== 'string') return noOverload(fn, first, second);
      let pattern: RegExp;
      try {
        pattern = new RegExp(second, 'u');
      } catch {
        throw new CelError(`invalid regular expression: ${second}`);
      }
      return pattern.test(first);
    }
    case 'int':
      if (typeof first === 'bigint') return first;
      if (typeof first === 'number' && Number.isFinite(first)) return checkedInt(BigInt(Math.trunc(first)));
      if (typeof first === 'string' && /^[+-]?\d+$/.test(first)) return checkedInt(BigInt(first));
      throw new CelError(`cannot convert ${typeName(first)} ${JSON.stringify(String(first))} to int`);
    case 'double':
      if (isNumber(first)) return Number(first);
      if (typeof first === 'string' && first.trim() !== '' && !Number.isNaN(Number(first)))
        return Number(first);
      throw new CelError(`cannot convert ${typeName(first)} to double`);
    case 'string':
      if (typeof first === 'string') return first;
      if (typeof first === 'bigint' || typeof first === 'boolean') return String(first);
      if (typeof first === 'number') return String(first);
      return noOverload('string', first);
    default:
      throw new CelError(`unknown function ${fn}`);
  }
}

/** What a rule uses that this evaluator does not implement (functions, wrong arities, unbound names). */
function unsupported(node: CelExpr, bound: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const visit = (n: CelExpr, names: ReadonlySet<string>): void => {
    switch (n.type) {
      case 'literal':
        return;
      case 'ident':
        if (!names.has(n.name)) found.push(`the name "${n.name}"`);
        return;
      case 'select':
        return visit(n.operand, names);
      case 'index':
        visit(n.operand, names);
        return visit(n.index, names);
      case 'list':
        return n.items.forEach((item) => visit(item, names));
      case 'map':
        return n.entries.forEach(([k, v]) => (visit(k, names), visit(v, names)));
      case 'unary':
        return visit(n.operand, names);
      case 'binary':
        visit(n.left, names);
        return visit(n.right, names);
      case 'conditional':
        visit(n.test, names);
        visit(n.then, names);
        return visit(n.else, names);
      case 'call': {
        const table = n.target ? { ...METHODS, ...MACROS } : FUNCTIONS;
        const arities = table[n.fn];
        if (!arities || !arities.includes(n.args.length)) {
          found.push(`${n.target ? '.' : ''}${n.fn}() with ${n.args.length} argument(s)`);
        }
        if (n.target) visit(n.target, names);
        if (n.target && n.fn in MACROS && n.args[0]?.type === 'ident') {
          const inner = new Set([...names, n.args[0].name]);
          return n.args.slice(1).forEach((arg) => visit(arg, inner));
        }
        return n.args.forEach((arg) => visit(arg, names));
      }
    }
  };
  visit(node, bound);
  return found;
}

/** A compiled rule. */
export interface CelProgram {
  /** The rule as written. */
  readonly source: string;
  /** The fields of `self` the rule selects (`self.<field>`, `has(self.<field>)`), in order of appearance. */
  readonly selfFields: readonly string[];
  /** The rule's value for `self` (JSON data), or the CEL error it raises. */
  run(self: unknown): { readonly value: CelValue } | { readonly error: string };
}

function selfFields(node: CelExpr): string[] {
  const fields: string[] = [];
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const expr = n as CelExpr;
    if (expr.type === 'select' && expr.operand.type === 'ident' && expr.operand.name === 'self')
      fields.push(expr.field);
    for (const value of Object.values(expr)) {
      if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  };
  visit(node);
  return [...new Set(fields)];
}

/**
 * Compiles a rule whose only variable is `self`. Throws `CelSyntaxError` for text outside CEL's grammar and
 * `CelUnsupportedError` naming what this evaluator lacks.
 */
export function compileCel(source: string): CelProgram {
  const tree = parseCel(source);
  const missing = unsupported(tree, new Set(['self']));
  if (missing.length > 0) {
    throw new CelUnsupportedError(
      `CEL rule ${JSON.stringify(source)} uses ${missing.join(', ')}, which libs/schemas/src/cel/evaluate.ts does not implement`,
    );
  }
  return {
    source,
    selfFields: selfFields(tree),
    run(self) {
      const outcome = attempt(() => evaluate(tree, new Map([['self', toCel(self)]])));
      return 'error' in outcome ? { error: outcome.error.message } : outcome;
    },
  };
}

export { CelSyntaxError };
