import type { ErrorObject } from 'ajv';
import type { JsonSchema } from './overlays/dsl.js';

/**
 * Checks data against the JSON Schema subset this project writes by hand (the constraint overlays and the gap
 * schemas), by walking the schema: nothing to compile, so a render pays nothing before the first check. Its
 * errors are the ones ajv reports with `allErrors` and `verbose` (same keywords, params, instance paths and
 * parent schemas, per the JSON Schema draft-07 semantics ajv implements), so `issuesFromAjv` words them the same;
 * subset.test.ts compares the two on every overlay. Keywords: `type`, `enum`, `const`, `pattern`, `minLength`,
 * `maxLength`, `minimum`, `maximum`, `multipleOf`, `minItems`, `maxItems`, `items`, `properties`, `required`,
 * `additionalProperties`, `anyOf`, `$ref` (to `#/$defs/…`); `description` and `$id` are annotations. Any other
 * keyword is refused when met, so a schema never silently checks less than it says.
 */

const KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'anyOf',
  '$ref',
  '$defs',
  '$id',
  'description',
]);

type Node = Record<string, unknown>;
type Errors = ErrorObject[];

const patterns = new Map<string, RegExp>();
function regExp(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'u');
    patterns.set(source, pattern);
  }
  return pattern;
}

/** JSON Schema's type test (ajv's: an integer is a finite number without a fraction). */
function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof data === 'string';
    case 'number':
      return typeof data === 'number' && Number.isFinite(data);
    case 'integer':
      return typeof data === 'number' && Number.isFinite(data) && data % 1 === 0;
    case 'boolean':
      return typeof data === 'boolean';
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return data !== null && typeof data === 'object' && !Array.isArray(data);
    default:
      throw new Error(`unknown JSON Schema type "${type}"`);
  }
}

/** Deep equality of JSON values (for `enum` and `const`). */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => equal((a as Node)[k], (b as Node)[k]));
}

/** Where a value sits, as a linked list (the JSON pointer is only spelled out for an error). */
interface Place {
  readonly parent?: Place;
  readonly key: string | number;
}

function pointer(place: Place | undefined): string {
  let out = '';
  for (let at = place; at; at = at.parent) {
    out = `/${String(at.key).replace(/~/g, '~0').replace(/\//g, '~1')}${out}`;
  }
  return out;
}

/** Schema nodes whose keywords were checked against the supported set (once per node). */
const vetted = new WeakSet<Node>();

function check(schema: Node, data: unknown, place: Place | undefined, root: Node, errors: Errors): void {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = (root.$defs as Record<string, Node> | undefined)?.[name];
    if (!target || !schema.$ref.startsWith('#/$defs/')) throw new Error(`unresolvable $ref ${schema.$ref}`);
    check(target, data, place, root, errors);
    return;
  }
  if (!vetted.has(schema)) {
    for (const keyword of Object.keys(schema)) {
      if (!KEYWORDS.has(keyword))
        throw new Error(`JSON Schema keyword "${keyword}" is not supported by subset.ts`);
    }
    vetted.add(schema);
  }
  const fail = (keyword: string, params: Record<string, unknown>) =>
    errors.push({
      instancePath: pointer(place),
      schemaPath: `#/${keyword}`,
      keyword,
      params,
      schema: schema[keyword],
      parentSchema: schema,
      data,
    } as ErrorObject);

  const type = schema.type as string | string[] | undefined;
  if (type !== undefined) {
    const ok = Array.isArray(type) ? type.some((t) => hasType(data, t)) : hasType(data, type);
    if (!ok) fail('type', { type: Array.isArray(type) ? type.join(',') : type });
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((value) => equal(value, data)))
    fail('enum', { allowedValues: schema.enum });
  if ('const' in schema && !equal(schema.const, data)) fail('const', { allowedValue: schema.const });

  if (typeof data === 'string') {
    if (typeof schema.maxLength === 'number' || typeof schema.minLength === 'number') {
      const length = [...data].length;
      if (typeof schema.maxLength === 'number' && length > schema.maxLength)
        fail('maxLength', { limit: schema.maxLength });
      if (typeof schema.minLength === 'number' && length < schema.minLength)
        fail('minLength', { limit: schema.minLength });
    }
    if (typeof schema.pattern === 'string' && !regExp(schema.pattern).test(data))
      fail('pattern', { pattern: schema.pattern });
  }
  if (typeof data === 'number' && Number.isFinite(data)) {
    if (typeof schema.maximum === 'number' && !(data <= schema.maximum))
      fail('maximum', { comparison: '<=', limit: schema.maximum });
    if (typeof schema.minimum === 'number' && !(data >= schema.minimum))
      fail('minimum', { comparison: '>=', limit: schema.minimum });
    if (typeof schema.multipleOf === 'number' && (data / schema.multipleOf) % 1 !== 0)
      fail('multipleOf', { multipleOf: schema.multipleOf });
  }
  if (Array.isArray(data)) {
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems)
      fail('maxItems', { limit: schema.maxItems });
    if (typeof schema.minItems === 'number' && data.length < schema.minItems)
      fail('minItems', { limit: schema.minItems });
    const items = schema.items;
    if (items && typeof items === 'object') {
      for (let i = 0; i < data.length; i++)
        check(items as Node, data[i], { parent: place, key: i }, root, errors);
    }
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const record = data as Node;
    const required = schema.required as string[] | undefined;
    if (required)
      for (const name of required)
        if (record[name] === undefined) fail('required', { missingProperty: name });
    // As ajv: declared properties in the schema's order, then the other keys in the data's order.
    const properties = schema.properties as Record<string, Node> | undefined;
    if (properties) {
      for (const name in properties) {
        const value = record[name];
        if (value !== undefined) check(properties[name]!, value, { parent: place, key: name }, root, errors);
      }
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== true) {
      for (const key of Object.keys(record)) {
        if (properties && Object.hasOwn(properties, key)) continue;
        if (extra === false) fail('additionalProperties', { additionalProperty: key });
        else check(extra as Node, record[key], { parent: place, key }, root, errors);
      }
    }
  }
  if (Array.isArray(schema.anyOf)) {
    const branches: Errors = [];
    const passes = (schema.anyOf as Node[]).some((branch) => {
      const found: Errors = [];
      check(branch, data, place, root, found);
      branches.push(...found);
      return found.length === 0;
    });
    if (!passes) {
      errors.push(...branches);
      fail('anyOf', {});
    }
  }
}

/** The errors of `data` against `schema` (empty when valid), shaped as ajv's. */
export function subsetErrors(schema: JsonSchema, data: unknown): ErrorObject[] {
  const errors: Errors = [];
  check(schema as Node, data, undefined, schema as Node, errors);
  return errors;
}
