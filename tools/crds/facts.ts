/**
 * Reads what the generated validators cannot say about a CRD from the vendored CRD itself (the types and the
 * generator's behaviour are described in libs/crd-models/src/facts.ts). Written to
 * libs/crd-models/src/generated/crd-facts.ts by `pnpm crds`.
 */
import { parseAllDocuments } from 'yaml';
import type {
  CelRuleFact,
  CrdSchemaNode,
  CrdVersionFact,
  DescriptionFieldFact,
  ShapePath,
} from '@pms/crd-models';
import type { LockEntry } from './lock.js';

type Schema = CrdSchemaNode;

/** The schema node with its documentation (`description` keyword) and `x-kubernetes-*` keys removed, recursively. */
function withoutDocs(schema: Schema): Schema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([name, sub]) => [name, withoutDocs(sub)]),
      );
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      out[key] = withoutDocs(value as Schema);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((sub: Schema) => withoutDocs(sub));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Reads `self`/`oldSelf` usage: a transition rule needs the previously stored object. */
const OLD_SELF = /\boldSelf\b/;

function collect(
  schema: Schema,
  path: ShapePath,
  facts: {
    descriptionFields: DescriptionFieldFact[];
    intOrStringFields: ShapePath[];
    celRules: CelRuleFact[];
  },
): void {
  for (const rule of (schema['x-kubernetes-validations'] as Record<string, unknown>[] | undefined) ?? []) {
    facts.celRules.push({
      path,
      rule: String(rule.rule),
      ...(typeof rule.message === 'string' ? { message: rule.message } : {}),
      ...(typeof rule.messageExpression === 'string' ? { messageExpression: rule.messageExpression } : {}),
      ...(typeof rule.fieldPath === 'string' ? { fieldPath: rule.fieldPath } : {}),
      ...(typeof rule.reason === 'string' ? { reason: rule.reason } : {}),
      transition: OLD_SELF.test(String(rule.rule)),
    });
  }
  if (schema['x-kubernetes-int-or-string'] === true && !schema.anyOf && !schema.oneOf && !schema.type) {
    facts.intOrStringFields.push(path);
  }
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  for (const [name, sub] of Object.entries(properties)) {
    if (name === 'description') facts.descriptionFields.push({ parent: path, schema: withoutDocs(sub) });
    collect(sub, [...path, name], facts);
  }
  if (schema.items && typeof schema.items === 'object')
    collect(schema.items as Schema, [...path, '[*]'], facts);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    collect(schema.additionalProperties as Schema, [...path, '{*}'], facts);
  }
}

/** The facts of every served version of the CRD(s) in one vendored file. */
export function crdFacts(file: string, text: string, entry: LockEntry): CrdVersionFact[] {
  const source = `${entry.repository.replace('https://github.com/', '')} ${entry.tag}`;
  const facts: CrdVersionFact[] = [];
  for (const document of parseAllDocuments(text)) {
    const crd = document.toJSON() as {
      kind?: string;
      spec?: {
        group: string;
        scope: 'Namespaced' | 'Cluster';
        names: { kind: string };
        versions: { name: string; served: boolean; storage: boolean; schema?: { openAPIV3Schema: Schema } }[];
      };
    } | null;
    if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
    for (const version of crd.spec.versions) {
      if (!version.served || !version.schema) continue;
      const found = {
        descriptionFields: [] as DescriptionFieldFact[],
        intOrStringFields: [] as ShapePath[],
        celRules: [] as CelRuleFact[],
      };
      collect(version.schema.openAPIV3Schema, [], found);
      facts.push({
        apiVersion: `${crd.spec.group}/${version.name}`,
        kind: crd.spec.names.kind,
        scope: crd.spec.scope,
        storage: version.storage,
        file,
        source,
        ...found,
      });
    }
  }
  return facts;
}
