/**
 * A small vocabulary for writing JSON schemas (draft-07, as ajv compiles them) as TypeScript data. Every
 * object schema is closed (`additionalProperties: false`): a field not listed here is an error.
 */

/** A JSON schema node. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Options shared by the scalar helpers. */
export interface ScalarOptions {
  /** Replaces the generated "allowed" phrase in messages, e.g. `an ACM certificate ARN`. */
  readonly allowed?: string;
}

function withAllowed(schema: Record<string, unknown>, options?: ScalarOptions): JsonSchema {
  return options?.allowed ? { ...schema, description: `allowed: ${options.allowed}` } : schema;
}

/** A string, optionally constrained by a pattern and length. */
export function string(
  options: ScalarOptions & { pattern?: string; minLength?: number; maxLength?: number } = {},
): JsonSchema {
  const { allowed, ...rest } = options;
  return withAllowed({ type: 'string', ...rest }, { allowed });
}

/** One of a closed set of strings. */
export function choice(...values: readonly string[]): JsonSchema {
  return { type: 'string', enum: values };
}

/** A whole number, optionally bounded (inclusive). */
export function integer(minimum?: number, maximum?: number): JsonSchema {
  return {
    type: 'integer',
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
  };
}

/** One of a closed set of whole numbers. */
export function integerOneOf(...values: readonly number[]): JsonSchema {
  return { type: 'integer', enum: values };
}

/** Any number (floating point allowed), optionally bounded. */
export function number(minimum?: number, maximum?: number): JsonSchema {
  return {
    type: 'number',
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
  };
}

/** `true` or `false`. */
export const boolean: JsonSchema = { type: 'boolean' };

/** A list of `items`. */
export function list(items: JsonSchema, options: { minItems?: number; maxItems?: number } = {}): JsonSchema {
  return { type: 'array', items, ...options };
}

/** A closed object: exactly these fields (the `required` ones must be present). */
export function object(
  properties: Readonly<Record<string, JsonSchema>>,
  required: readonly string[] = [],
): JsonSchema {
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/** A map from free keys to `values` (e.g. tags, or the empty-object "flags" AWS APIs use, `none: {}`). */
export function map(values: JsonSchema): JsonSchema {
  return { type: 'object', additionalProperties: values };
}

/** An empty object used as a flag, e.g. `overrideAction: { none: {} }`. */
export const flag: JsonSchema = map({ type: 'string' });

/** A reference to a shared definition of the same schema (`$defs`). */
export function ref(name: string): JsonSchema {
  return { $ref: `#/$defs/${name}` };
}

/** The whole schema of a custom resource: apiVersion, kind, metadata (checked separately) and spec. */
export function customResource(
  apiVersion: string,
  kind: string,
  spec: JsonSchema,
  definitions: Readonly<Record<string, JsonSchema>> = {},
): JsonSchema {
  return {
    $id: `pms-gitops/${apiVersion}/${kind}`,
    ...object(
      {
        apiVersion: { const: apiVersion },
        kind: { const: kind },
        // Checked strictly against Kubernetes' ObjectMeta by the kind's `check`.
        metadata: { type: 'object' },
        spec,
      },
      ['apiVersion', 'kind', 'metadata', 'spec'],
    ),
    ...(Object.keys(definitions).length > 0 ? { $defs: definitions } : {}),
  };
}

/** Kubernetes' LabelSelector (matchLabels and matchExpressions), as CRDs embed it. */
export const labelSelector: JsonSchema = object({
  matchExpressions: list(
    object(
      {
        key: string(),
        operator: choice('In', 'NotIn', 'Exists', 'DoesNotExist'),
        values: list(string()),
      },
      ['key', 'operator'],
    ),
  ),
  matchLabels: map(string()),
});

/** An AWS resource tag as ACK spells it: `{ key, value }`. */
export const ackTag: JsonSchema = object({
  key: string({ minLength: 1, maxLength: 128 }),
  value: string({ maxLength: 256 }),
});

/** ACK's reference to another ACK resource in the cluster (`from: { name, namespace }`). */
export const ackReference: JsonSchema = object({ from: object({ name: string(), namespace: string() }) });

/** ACK's reference to a key of a Secret (`{ name, namespace, key }`). */
export const ackSecretKeyReference: JsonSchema = object(
  { key: string(), name: string(), namespace: string() },
  ['key'],
);
