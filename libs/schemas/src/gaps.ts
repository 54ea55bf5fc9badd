import { boolean, choice, list, object as openObject, string, type JsonSchema } from './overlays/dsl.js';
import { issuesFromAjv, type SchemaIssue } from './issue.js';
import { pathShape, type PathSegment } from './paths.js';
import { subsetErrors } from './subset.js';

/**
 * A field that a published validator leaves out although the API declares it.
 *
 * The generator behind kubernetes-models and @kubernetes-models/argo-cd strips documentation keywords from
 * the schemas it compiles, and with them every *property* named `description` and every `x-kubernetes-*`
 * extension. Their TypeScript typings still declare these fields (e.g. `AppProjectSpec.description`,
 * `JSONSchemaProps["x-kubernetes-validations"]`), as do the upstream CRDs and OpenAPI document. Without this
 * list the strict check would call them unknown; with it they are checked against the schema given here.
 */
export interface FieldGap {
  /** Shape of the path of the object that holds the field (indexes as `[*]`), e.g. `^spec\.roles\[\*\]$`. */
  readonly parent: RegExp;
  /** The field's name. */
  readonly field: string;
  /** Its schema, written from the upstream API definition. */
  readonly schema: JsonSchema;
}

/** A closed object: exactly these fields (the `required` ones must be present). */
function object(
  properties: Readonly<Record<string, JsonSchema>>,
  required: readonly string[] = [],
): JsonSchema {
  return { ...openObject(properties, required), additionalProperties: false };
}

/** Any depth inside a CRD version's OpenAPI schema: every object there is a JSONSchemaProps. */
const CRD_SCHEMA = /^spec\.versions\[\*\]\.schema\.openAPIV3Schema($|[.[])/;

const JSON_SCHEMA_EXTENSIONS: Readonly<Record<string, JsonSchema>> = {
  description: string(),
  'x-kubernetes-embedded-resource': boolean,
  'x-kubernetes-int-or-string': boolean,
  'x-kubernetes-list-map-keys': list(string()),
  'x-kubernetes-list-type': choice('atomic', 'set', 'map'),
  'x-kubernetes-map-type': choice('granular', 'atomic'),
  'x-kubernetes-preserve-unknown-fields': boolean,
  'x-kubernetes-validations': list(
    object(
      {
        fieldPath: string(),
        message: string(),
        messageExpression: string(),
        optionalOldSelf: boolean,
        reason: choice(
          'FieldValueInvalid',
          'FieldValueForbidden',
          'FieldValueRequired',
          'FieldValueDuplicate',
        ),
        rule: string({ minLength: 1 }),
      },
      ['rule'],
    ),
  ),
};

/** The gaps, per `apiVersion kind`. */
export const FIELD_GAPS: Readonly<Record<string, readonly FieldGap[]>> = {
  'argoproj.io/v1alpha1 AppProject': [
    { parent: /^spec$/, field: 'description', schema: string({ maxLength: 255 }) },
    { parent: /^spec\.roles\[\*\]$/, field: 'description', schema: string() },
    { parent: /^spec\.syncWindows\[\*\]$/, field: 'description', schema: string() },
  ],
  'apiextensions.k8s.io/v1 CustomResourceDefinition': [
    ...Object.entries(JSON_SCHEMA_EXTENSIONS).map(([field, schema]) => ({
      parent: CRD_SCHEMA,
      field,
      schema,
    })),
    {
      parent: /^spec\.versions\[\*\]\.additionalPrinterColumns\[\*\]$/,
      field: 'description',
      schema: string(),
    },
  ],
};

/** The gap fields an object at `path` declares (for the allowed names of an unknown-field message). */
export function gapFields(gaps: readonly FieldGap[], path: readonly PathSegment[]): string[] {
  const shape = pathShape(path);
  return gaps.filter((g) => g.parent.test(shape)).map((g) => g.field);
}

/**
 * For a field the validator did not read: the issues of its value when it is a known gap (none when the
 * value is valid), or undefined when it really is unknown.
 */
export function checkGap(
  gaps: readonly FieldGap[],
  path: readonly PathSegment[],
  value: unknown,
): SchemaIssue[] | undefined {
  const field = path.at(-1);
  const parent = pathShape(path.slice(0, -1));
  const gap = gaps.find((g) => g.field === field && g.parent.test(parent));
  if (!gap) return undefined;
  return issuesFromAjv(subsetErrors(gap.schema, value), value).map((issue) => ({
    ...issue,
    path: [...path, ...issue.path],
  }));
}
