/**
 * A small vocabulary for the constraint overlays: JSON schemas (draft-07, as ajv compiles them) written as
 * TypeScript data, holding only what the AWS APIs require beyond a vendored CRD (lengths, ranges, patterns,
 * enumerations the CRD lacks, extra required fields). Objects are open: which fields exist, their CRD types and
 * enumerations, and unknown fields are checked by the CRD's generated model, not here. A test
 * (overlays.test.ts) requires every path of an overlay to exist in the vendored CRD. An enumeration the builders
 * also write is a constant of `@pms/crd-models` (aws-enums.ts), spread into `choice`, so the narrowed spec types the
 * builders are checked against (`Aws<Kind>Spec`) and the render accept the same values.
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

/** `true` or `false` (for a field the AWS API requires and the CRD does not). */
export const boolean: JsonSchema = { type: 'boolean' };

/** A list whose items (when constrained) follow `items`. */
export function list(items?: JsonSchema, options: { minItems?: number; maxItems?: number } = {}): JsonSchema {
  return { type: 'array', ...(items ? { items } : {}), ...options };
}

/** An open object: constraints on some of its fields, and the fields the AWS API requires beyond the CRD. */
export function object(
  properties: Readonly<Record<string, JsonSchema>>,
  required: readonly string[] = [],
): JsonSchema {
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** A map whose values follow `values`. */
export function map(values: JsonSchema): JsonSchema {
  return { type: 'object', additionalProperties: values };
}

/** A reference to a shared definition of the same overlay (`$defs`). */
export function ref(name: string): JsonSchema {
  return { $ref: `#/$defs/${name}` };
}

/** One kind's overlay. */
export interface Overlay {
  readonly apiVersion: string;
  readonly kind: string;
  /** The schema of the whole object: `metadata` and `spec` required, the spec's constraints. */
  readonly schema: JsonSchema;
}

/** The overlay of a custom resource: its spec's constraints (and shared definitions). */
export function overlay(
  apiVersion: string,
  kind: string,
  spec: JsonSchema,
  definitions: Readonly<Record<string, JsonSchema>> = {},
): Overlay {
  return {
    apiVersion,
    kind,
    schema: {
      $id: `pms-gitops/${apiVersion}/${kind}`,
      ...object(
        {
          metadata: { type: 'object' },
          spec: { ...spec, description: `allowed: an object (the ${kind} spec)` },
        },
        ['metadata', 'spec'],
      ),
      ...(Object.keys(definitions).length > 0 ? { $defs: definitions } : {}),
    },
  };
}

/** Kubernetes' LabelSelector as CRDs embed it: the operators the CRD leaves as free strings. */
export const labelSelector: JsonSchema = object({
  matchExpressions: list(object({ operator: choice('In', 'NotIn', 'Exists', 'DoesNotExist') })),
});

/** An AWS resource tag as ACK spells it (`{ key, value }`), with the lengths of the AWS tagging APIs. */
export const ackTag: JsonSchema = object({
  key: string({ minLength: 1, maxLength: 128 }),
  value: string({ maxLength: 256 }),
});
