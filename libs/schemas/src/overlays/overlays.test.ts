import { CRD_FACTS } from '@pms/crd-models';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { knownKinds } from '../kinds/registry.js';
import { object, overlay, string, type JsonSchema, type Overlay } from './dsl.js';
import { ingressClassParams } from './aws-load-balancer-controller.js';
import { OVERLAYS } from './index.js';

/**
 * Every path an overlay constrains must exist in the vendored CRD, with the same type: an upgraded CRD that
 * renames, moves or retypes a field fails here, naming the overlay path, instead of leaving a constraint that
 * no longer applies to anything.
 */
const crds = join(dirname(fileURLToPath(import.meta.url)), '../../../crd-models/crds');

type Node = Record<string, any>;

/** The openAPIV3Schema of the vendored CRD version an overlay is written for. */
function crdSchema(o: Overlay): Node {
  const fact = CRD_FACTS.find((f) => f.apiVersion === o.apiVersion && f.kind === o.kind);
  if (!fact) throw new Error(`no vendored CRD for ${o.apiVersion} ${o.kind}`);
  const version = o.apiVersion.split('/')[1];
  const crd = parse(readFileSync(join(crds, fact.file), 'utf8'));
  return crd.spec.versions.find((v: Node) => v.name === version).schema.openAPIV3Schema;
}

/** The types a CRD node allows (an int-or-string allows both). */
function crdTypes(node: Node): string[] {
  if (node['x-kubernetes-int-or-string']) return ['integer', 'string'];
  if (node.anyOf) return node.anyOf.flatMap(crdTypes);
  return node.type ? [node.type] : [];
}

/** Every place an overlay departs from the CRD's structure: a field the CRD lacks, or another type. */
function overlayProblems(o: Overlay, crd: Node): string[] {
  const defs = (o.schema.$defs ?? {}) as Record<string, JsonSchema>;
  const problems: string[] = [];
  const resolve = (node: Node): Node =>
    node.$ref ? resolve(defs[node.$ref.replace('#/$defs/', '')]!) : node;
  const walk = (overlayNode: Node, crdNode: Node | undefined, path: string) => {
    const node = resolve(overlayNode);
    if (!crdNode) {
      problems.push(`${o.kind} ${path}: not in the CRD`);
      return;
    }
    const allowed = crdTypes(crdNode);
    const types = node.anyOf
      ? node.anyOf.map((alt: Node) => resolve(alt).type)
      : node.type
        ? [node.type]
        : [];
    for (const type of types) {
      if (allowed.length > 0 && !allowed.includes(type))
        problems.push(`${o.kind} ${path}: the overlay says ${type}, the CRD ${allowed.join(' or ')}`);
    }
    for (const name of node.required ?? []) {
      if (!crdNode.properties?.[name])
        problems.push(`${o.kind} ${path}.${name}: required, but not in the CRD`);
    }
    for (const [name, sub] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
      walk(sub, crdNode.properties?.[name], path ? `${path}.${name}` : name);
    }
    if (node.items) walk(node.items, crdNode.items, `${path}[*]`);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      walk(node.additionalProperties, crdNode.additionalProperties, `${path}{*}`);
    }
  };
  // The overlay's root adds only `metadata` and `spec` (both in every CRD's root).
  walk(o.schema, crd, '');
  return problems;
}

describe('constraint overlays', () => {
  it.each(OVERLAYS.map((o) => [`${o.apiVersion} ${o.kind}`, o] as const))(
    'every path of the %s overlay exists in the vendored CRD, with its type',
    (_name, o) => {
      expect(overlayProblems(o, crdSchema(o))).toEqual([]);
    },
  );

  it('fails loudly for a field an upgrade renamed or retyped', () => {
    const renamed = overlay(
      'elbv2.k8s.aws/v1beta1',
      'IngressClassParams',
      object({
        sslPolicyName: string({ minLength: 1 }),
        scheme: { type: 'integer' },
        group: object({}, ['id']),
      }),
    );
    expect(overlayProblems(renamed, crdSchema(ingressClassParams))).toEqual([
      'IngressClassParams spec.sslPolicyName: not in the CRD',
      'IngressClassParams spec.scheme: the overlay says integer, the CRD string',
      'IngressClassParams spec.group.id: required, but not in the CRD',
    ]);
  });

  it('belong to kinds the validator knows, one overlay per kind', () => {
    const known = new Set(knownKinds().map((k) => `${k.apiVersion} ${k.kind}`));
    const keys = OVERLAYS.map((o) => `${o.apiVersion} ${o.kind}`);
    for (const key of keys) expect(known).toContain(key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
