/**
 * What the generated validators cannot say about a vendored CRD, read from the CRD by `pnpm crds`
 * (tools/crds/facts.ts) into generated/crd-facts.ts: each served version's identity and scope, the properties
 * literally named `description` and the int-or-string fields the generator's validators leave out, and the CEL
 * rules (`x-kubernetes-validations`) it drops.
 *
 * Generator behaviour, from @kubernetes-models/generate 2.5.0 (dist/schema.js, `transformSchema`): it removes
 * the key `description` from every schema object, `properties` maps included (so a *property* named
 * `description` disappears from the validator while the TypeScript interface keeps it), removes every
 * `x-kubernetes-*` key (int-or-string, CEL rules) and makes every optional property nullable.
 */

/** A JSON schema node as the CRD writes it (documentation removed). */
export type CrdSchemaNode = { readonly [keyword: string]: unknown };

/** A location inside an object: property names, `[*]` for every list item, `{*}` for every map value. */
export type ShapePath = readonly string[];

/** One `x-kubernetes-validations` rule of a CRD and the object it is attached to. */
export interface CelRuleFact {
  /** The object the rule is attached to (its `self`). */
  readonly path: ShapePath;
  /** The CEL expression; true means valid. */
  readonly rule: string;
  /** The message Kubernetes reports when the rule is false. @default "failed rule: <rule>" */
  readonly message?: string;
  /** Kubernetes' `messageExpression`, recorded for reference; this project reports `message`. @default none */
  readonly messageExpression?: string;
  /** Where Kubernetes reports the failure, relative to `path` (e.g. `.prefixListsIDs`). @default `path` itself */
  readonly fieldPath?: string;
  /** Kubernetes' reason code. @default FieldValueInvalid */
  readonly reason?: string;
  /** True for a transition rule (it reads `oldSelf`): it compares with the stored object, which a render has not. */
  readonly transition: boolean;
}

/** A property literally named `description`, which the generated validator does not declare. */
export interface DescriptionFieldFact {
  /** The object that declares it. */
  readonly parent: ShapePath;
  /** Its schema in the CRD (documentation and `x-kubernetes-*` keys removed). */
  readonly schema: CrdSchemaNode;
}

/** One served version of one vendored CRD. */
export interface CrdVersionFact {
  /** `group/version`, e.g. `elbv2.k8s.aws/v1beta1`. */
  readonly apiVersion: string;
  /** The kind, e.g. `IngressClassParams`. */
  readonly kind: string;
  /** Whether objects of the kind live in a namespace. */
  readonly scope: 'Namespaced' | 'Cluster';
  /** The version the API server stores: the one exported under the kind's plain name. */
  readonly storage: boolean;
  /** The vendored file under libs/crd-models/crds/. */
  readonly file: string;
  /** `<owner>/<repository> <tag>` of the vendored file, for messages. */
  readonly source: string;
  /** Properties named `description` (dropped from the generated validator). */
  readonly descriptionFields: readonly DescriptionFieldFact[];
  /** `x-kubernetes-int-or-string` fields without `anyOf`: the generated validator accepts any value there. */
  readonly intOrStringFields: readonly ShapePath[];
  /** The CRD's CEL rules (dropped from the generated validator). */
  readonly celRules: readonly CelRuleFact[];
}
