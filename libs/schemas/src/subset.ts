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

const pointer = (key: string | number) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function check(schema: Node, data: unknown, path: string, root: Node, errors: Errors): void {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = (root.$defs as Record<string, Node> | undefined)?.[name];
    if (!target || !schema.$ref.startsWith('#/$defs/')) throw new Error(`unresolvable $ref ${schema.$ref}`);
    check(target, data, path, root, errors);
    return;
  }
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword))
      throw new Error(`JSON Schema keyword "${keyword}" is not supported by subset.ts`);
  }
  const fail = (keyword: string, params: Record<string, unknown>) =>
    errors.push({
      instancePath: path,
      schemaPath: `#/${keyword}`,
      keyword,
      params,
      schema: schema[keyword],
      parentSchema: schema,
      data,
    } as ErrorObject);

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => hasType(data, type))) fail('type', { type: types.join(',') });
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((value) => equal(value, data)))
    fail('enum', { allowedValues: schema.enum });
  if ('const' in schema && !equal(schema.const, data)) fail('const', { allowedValue: schema.const });

  if (typeof data === 'string') {
    const length = [...data].length;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      fail('maxLength', { limit: schema.maxLength });
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      fail('minLength', { limit: schema.minLength });
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
    if (schema.items && typeof schema.items === 'object') {
      data.forEach((item, i) => check(schema.items as Node, item, path + pointer(i), root, errors));
    }
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const record = data as Node;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (record[name] === undefined) fail('required', { missingProperty: name });
    }
    // As ajv: declared properties in the schema's order, then the other keys in the data's order.
    const properties = (schema.properties ?? {}) as Record<string, Node>;
    for (const [name, sub] of Object.entries(properties)) {
      if (record[name] !== undefined) check(sub, record[name], path + pointer(name), root, errors);
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== true) {
      for (const key of Object.keys(record)) {
        if (Object.hasOwn(properties, key)) continue;
        if (extra === false) fail('additionalProperties', { additionalProperty: key });
        else check(extra as Node, record[key], path + pointer(key), root, errors);
      }
    }
  }
  if (Array.isArray(schema.anyOf)) {
    const branches: Errors = [];
    const passes = (schema.anyOf as Node[]).some((branch) => {
      const found: Errors = [];
      check(branch, data, path, root, found);
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
  check(schema as Node, data, '', schema as Node, errors);
  return errors;
}
