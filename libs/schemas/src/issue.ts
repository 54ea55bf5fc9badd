import type { ErrorObject } from 'ajv';
import { formatPath, pointerSegments, valueAt, type PathSegment } from './paths.js';
import { closeMatches, describeKnownNames } from '@pms/core';

/** One way an object departs from its schema: the field, its value, what is allowed and, when useful, why. */
export interface SchemaIssue {
  /** Where in the object, e.g. `['spec', 'rules', 0, 'http']`. */
  readonly path: readonly PathSegment[];
  /** The offending value (`undefined` for a missing required field). */
  readonly value: unknown;
  /** What is allowed instead; reads after "allowed: ". */
  readonly allowed: string;
  /** What is wrong, when `allowed` alone does not say it (e.g. `unknown field`). */
  readonly problem?: string;
  /** For an unknown field: the declared names it is probably a misspelling of. */
  readonly suggestions?: readonly string[];
  /** True for a required field that is absent. */
  readonly missing?: boolean;
}

/**
 * Drops the issues that only restate another one, so each mistake yields one message: a required field
 * reported missing because it was misspelt (`pathtype` for `pathType`) is reported once, as the unknown
 * field with its "did you mean".
 */
export function withoutEchoes(issues: readonly SchemaIssue[]): SchemaIssue[] {
  const meant = new Set(
    issues.flatMap((issue) =>
      (issue.suggestions ?? []).map((name) => formatPath([...issue.path.slice(0, -1), name])),
    ),
  );
  return issues.filter((issue) => !(issue.missing && meant.has(formatPath(issue.path))));
}

/** The issue for a field the schema does not declare, with a "did you mean" when a declared one is close. */
export function unknownField(
  path: readonly PathSegment[],
  value: unknown,
  known: readonly string[],
): SchemaIssue {
  const name = String(path.at(-1));
  const near = closeMatches(name, known);
  const hint = near.length > 0 ? ` (did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?)` : '';
  return {
    path,
    value,
    problem: `unknown field${hint}`,
    allowed: describeKnownNames(name, known),
    suggestions: near,
  };
}

/** A JSON schema node, as far as messages need to read it. */
type SchemaNode = Record<string, unknown>;

/**
 * Translates ajv errors (from kubernetes-models' precompiled validators or from this project's schemas)
 * into issues: exactly one per failing field, however many schema keywords failed there (an int-or-string
 * that is neither yields one issue saying "a string or an integer", not three).
 */
export function issuesFromAjv(errors: readonly ErrorObject[], data: unknown): SchemaIssue[] {
  const groups = new Map<string, { path: PathSegment[]; errors: ErrorObject[] }>();
  const add = (path: PathSegment[], error: ErrorObject) => {
    const key = formatPath(path);
    const group = groups.get(key) ?? { path, errors: [] };
    group.errors.push(error);
    groups.set(key, group);
  };
  for (const error of errors) {
    const base = pointerSegments(error.instancePath, data);
    if (error.keyword === 'additionalProperties')
      add([...base, String(error.params.additionalProperty)], error);
    else if (error.keyword === 'required') add([...base, String(error.params.missingProperty)], error);
    else add(base, error);
  }
  return [...groups.values()].map(({ path, errors: group }) => issueFor(path, valueAt(data, path), group));
}

const KEYWORD_RANK = ['additionalProperties', 'required', 'type', 'const', 'enum', 'format', 'pattern'];

function rank(error: ErrorObject): number {
  const index = KEYWORD_RANK.indexOf(error.keyword);
  if (index >= 0) return index;
  return error.keyword === 'oneOf' || error.keyword === 'anyOf' ? 99 : KEYWORD_RANK.length;
}

function issueFor(path: PathSegment[], value: unknown, errors: ErrorObject[]): SchemaIssue {
  // In a union (int-or-string, …) the alternative of the value's own type says what is wrong with it
  // (`0` is out of range, not "not a string"); type errors only matter when no alternative has the type.
  const union = errors.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const specific = errors.filter(
    (e) => e.keyword !== 'type' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf',
  );
  const candidates = union && specific.length > 0 ? specific : errors;
  const primary = [...candidates].sort((a, b) => rank(a) - rank(b))[0]!;
  const parent = primary.parentSchema as SchemaNode | undefined;
  switch (primary.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((parent?.properties as SchemaNode | undefined) ?? {});
      return unknownField(path, value, known);
    }
    case 'required': {
      const property = String(primary.params.missingProperty);
      const declared = (parent?.properties as Record<string, SchemaNode> | undefined)?.[property];
      return {
        path,
        value: undefined,
        problem: 'required field is missing',
        allowed: declared ? describeSchema(declared) : 'a value (the schema requires this field)',
        missing: true,
      };
    }
    default: {
      const owner = errors.find(
        (e) => e.parentSchema && e.keyword !== 'oneOf' && e.keyword !== 'anyOf',
      )?.parentSchema;
      const alternatives = errors.find((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')?.parentSchema;
      const schema = (alternatives ?? owner) as SchemaNode | undefined;
      const allowed = schema ? describeSchema(schema) : describeFromParams(errors);
      return { path, value, problem: problemOf(primary, value), allowed };
    }
  }
}

function problemOf(error: ErrorObject, value: unknown): string {
  switch (error.keyword) {
    case 'type':
      return `wrong type (${jsonType(value)})`;
    case 'enum':
    case 'const':
      return 'not an allowed value';
    case 'format':
      return `not a valid ${String(error.params.format)}`;
    case 'pattern':
      return 'does not match the required pattern';
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return 'out of range';
    case 'minLength':
    case 'maxLength':
      return 'wrong length';
    case 'minItems':
    case 'maxItems':
      return 'wrong number of items';
    case 'oneOf':
    case 'anyOf':
      return 'matches none of the allowed forms';
    default:
      return error.message ?? error.keyword;
  }
}

/** A phrase for what the failed keywords accept, when no schema is at hand (precompiled validators). */
function describeFromParams(errors: readonly ErrorObject[]): string {
  // A value of the wrong type fails the enumeration too (a null in a generated CRD validator, say): the
  // enumeration says exactly what is allowed.
  const enumeration = errors.find((e) => e.keyword === 'enum');
  const types = enumeration
    ? []
    : errors.filter((e) => e.keyword === 'type').flatMap((e) => String(e.params.type).split(','));
  if (types.length > 0) return [...new Set(types)].map(article).join(' or ');
  const phrases: string[] = [];
  for (const error of enumeration ? [enumeration] : errors) {
    const p = error.params as Record<string, unknown>;
    if (error.keyword === 'enum')
      phrases.push(`one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    else if (error.keyword === 'const') phrases.push(`exactly ${JSON.stringify(p.allowedValue)}`);
    else if (error.keyword === 'format') phrases.push(formatPhrase(String(p.format)));
    else if (error.keyword === 'pattern') phrases.push(`a string matching /${String(p.pattern)}/`);
    else if (error.keyword === 'minimum' || error.keyword === 'exclusiveMinimum')
      phrases.push(`a number ${String(p.comparison)} ${String(p.limit)}`);
    else if (error.keyword === 'maximum' || error.keyword === 'exclusiveMaximum')
      phrases.push(`a number ${String(p.comparison)} ${String(p.limit)}`);
    else if (error.keyword === 'minLength') phrases.push(`at least ${String(p.limit)} characters`);
    else if (error.keyword === 'maxLength') phrases.push(`at most ${String(p.limit)} characters`);
    else if (error.keyword === 'minItems') phrases.push(`at least ${String(p.limit)} items`);
    else if (error.keyword === 'maxItems') phrases.push(`at most ${String(p.limit)} items`);
  }
  return phrases.length > 0 ? [...new Set(phrases)].join(' and ') : 'a value the schema accepts';
}

/** A readable phrase for what a schema node accepts: `a whole number from 60 to 600`, `one of "IP", "CONSTANT"`. */
export function describeSchema(schema: SchemaNode): string {
  if (typeof schema.description === 'string' && schema.description.startsWith('allowed: ')) {
    return schema.description.slice('allowed: '.length);
  }
  const alternatives = (schema.oneOf ?? schema.anyOf) as SchemaNode[] | undefined;
  if (alternatives) return alternatives.map(describeSchema).join(' or ');
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if ('const' in schema) return `exactly ${JSON.stringify(schema.const)}`;
  const type = schema.type;
  if (Array.isArray(type)) return type.map((t) => article(String(t))).join(' or ');
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  switch (type) {
    case 'integer':
    case 'number': {
      const noun = type === 'integer' ? 'a whole number' : 'a number';
      if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
      if (min !== undefined) return `${noun} of at least ${min}`;
      if (max !== undefined) return `${noun} of at most ${max}`;
      return noun;
    }
    case 'string': {
      const parts = ['a string'];
      if (typeof schema.pattern === 'string') parts.push(`matching /${schema.pattern}/`);
      const minLength = schema.minLength as number | undefined;
      const maxLength = schema.maxLength as number | undefined;
      if (minLength !== undefined && maxLength !== undefined)
        parts.push(`of ${minLength} to ${maxLength} characters`);
      else if (minLength !== undefined) parts.push(`of at least ${minLength} characters`);
      else if (maxLength !== undefined) parts.push(`of at most ${maxLength} characters`);
      return parts.join(' ');
    }
    case 'array': {
      const items = schema.items as SchemaNode | undefined;
      const minItems = schema.minItems as number | undefined;
      const count = minItems ? `at least ${minItems} ` : '';
      return items ? `a list of ${count}${plural(describeSchema(items))}` : 'a list';
    }
    case 'object':
      // Only a closed object's properties are all its fields; an overlay's (open) object lists some of them.
      return schema.properties && schema.additionalProperties === false
        ? `an object with fields ${Object.keys(schema.properties as SchemaNode).join(', ')}`
        : 'an object';
    default:
      return typeof type === 'string' ? article(type) : 'a value';
  }
}

function plural(phrase: string): string {
  return phrase.replace(/^an? /, 'items: ');
}

function article(type: string): string {
  const noun = type === 'integer' ? 'integer' : type;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : noun === 'null' ? 'null' : `a ${noun}`;
}

function formatPhrase(format: string): string {
  if (format === 'int32') return 'a 32-bit integer';
  if (format === 'int64') return 'a 64-bit integer';
  if (format === 'byte') return 'base64-encoded bytes';
  return `a string in ${format} format`;
}

/** JSON's name for the type of a value. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
