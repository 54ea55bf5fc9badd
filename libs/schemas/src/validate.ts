import { closeMatches, throwIfAny, type ConfigIssue, type Manifest } from '@pms/core';
import { withoutEchoes, type SchemaIssue } from './issue.js';
import { kindKey, kindSchema, knownKinds } from './kinds/registry.js';
import { formatPath } from './paths.js';

/**
 * Every schema issue of one object: its kind must be known, its fields must match the kind's schema
 * (Kubernetes OpenAPI, Argo CD, or this project's CRD schemas) with no unknown field at any depth, and its
 * namespace must agree with the kind's scope. Empty when the object is valid.
 */
export function schemaIssues(object: unknown): SchemaIssue[] {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    return [
      {
        path: [],
        value: object,
        allowed: 'a Kubernetes object (a mapping with apiVersion, kind and metadata)',
      },
    ];
  }
  const { apiVersion, kind, metadata } = object as Partial<Manifest>;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    const field = typeof apiVersion !== 'string' ? 'apiVersion' : 'kind';
    return [
      {
        path: [field],
        value: (object as Record<string, unknown>)[field],
        problem: 'required field is missing',
        allowed: 'a string',
      },
    ];
  }
  const schema = kindSchema(apiVersion, kind);
  if (!schema) {
    const known = knownKinds().map((k) => kindKey(k.apiVersion, k.kind));
    const near = closeMatches(kindKey(apiVersion, kind), known);
    const sameKind = known.filter((k) => k.endsWith(` ${kind}`));
    const hints = [...new Set([...sameKind, ...near])];
    const hint =
      hints.length > 0 ? ` (did you mean ${hints.map((h) => JSON.stringify(h)).join(' or ')}?)` : '';
    return [
      {
        path: [],
        value: kindKey(apiVersion, kind),
        problem: `unknown kind${hint}`,
        allowed: known.join(', '),
      },
    ];
  }
  const issues = withoutEchoes(schema.check(object));
  const namespace = (metadata as { namespace?: unknown } | undefined)?.namespace;
  if (schema.scope === 'Namespaced' && (namespace === undefined || namespace === '')) {
    issues.push({
      path: ['metadata', 'namespace'],
      value: namespace,
      problem: `${kind} is namespaced`,
      allowed: 'a namespace name',
    });
  }
  if (schema.scope === 'Cluster' && namespace !== undefined) {
    issues.push({
      path: ['metadata', 'namespace'],
      value: namespace,
      problem: `${kind} is cluster-scoped`,
      allowed: 'no namespace',
    });
  }
  return issues;
}

/** `Deployment pms/apigateway` (or `Deployment ?/(unnamed)` for an object without metadata). */
function describeObject(object: unknown): string {
  const record = (object ?? {}) as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const kind = typeof record.kind === 'string' ? record.kind : '(no kind)';
  const name = typeof record.metadata?.name === 'string' ? record.metadata.name : '(unnamed)';
  const namespace = record.metadata?.namespace;
  return typeof namespace === 'string' && namespace !== ''
    ? `${kind} ${namespace}/${name}`
    : `${kind} ${name}`;
}

/** The issues of one object as `ConfigIssue`s: `[cluster] Kind ns/name spec.path = value: problem; allowed: …`. */
export function objectIssues(cluster: string, object: unknown): ConfigIssue[] {
  return schemaIssues(object).map((issue) => {
    const path = formatPath(issue.path);
    return {
      cluster,
      field: path ? `${describeObject(object)} ${path}` : describeObject(object),
      value: issue.value,
      allowed: issue.allowed,
      ...(issue.problem ? { problem: issue.problem } : {}),
    };
  });
}

/**
 * Validates rendered objects strictly against their schemas (Kubernetes OpenAPI, Argo CD, the AWS Load
 * Balancer Controller's and ACK's CRDs), rejecting unknown fields. Throws `ConfigError` (one issue) or
 * `ConfigErrors` (several) naming the cluster, the object, the field and what is allowed; returns normally
 * when every object is valid.
 */
export function validateManifests(cluster: string, manifests: readonly Manifest[]): void {
  throwIfAny(manifests.flatMap((manifest) => objectIssues(cluster, manifest)));
}
