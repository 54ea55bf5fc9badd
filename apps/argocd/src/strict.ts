/**
 * Strict field check of the Argo CD objects this app renders. Argo CD's CRDs (and the generated
 * `@kubernetes-models/argo-cd` validators) accept unknown fields and drop them silently, so a typo such as
 * `selfheal` would turn self-heal off without any error. Here every object is checked twice:
 *
 * 1. types and required fields, by `@kubernetes-models/argo-cd`'s validators (generated from Argo CD's CRDs);
 * 2. field names, against the shapes below, which list exactly the fields this project uses. Each shape is
 *    typed against the Argo CD model interface it describes, so a field that does not exist in Argo CD's
 *    schema does not compile, and a field missing here is refused at render time.
 */
import { ConfigErrors, formatValue, objectRef, type ConfigIssue, type Manifest } from '@pms/core';
import {
  AppProject,
  Application,
  ApplicationSet,
  type IAppProject,
  type IAppProjectSpec,
  type IApplication,
  type IApplicationDestination,
  type IApplicationSet,
  type IApplicationSetGenerator,
  type IApplicationSetSpec,
  type IApplicationSetSyncPolicy,
  type IApplicationSetTemplate,
  type IApplicationSetTemplateMeta,
  type IApplicationSource,
  type IApplicationSourceDirectory,
  type IApplicationSourceHelm,
  type IApplicationSpec,
  type IBackoff,
  type IClusterResourceRestrictionItem,
  type IGitDirectoryGeneratorItem,
  type IGitGenerator,
  type IManagedNamespaceMetadata,
  type IOrphanedResourcesMonitorSettings,
  type IResourceIgnoreDifferences,
  type IRetryStrategy,
  type ISyncPolicy,
  type ISyncPolicyAutomated,
} from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { SYNC_OPTIONS } from './sync-policy.js';

/** The shape of a JSON value: what `checkShape` accepts. */
export type Shape =
  | { readonly type: 'string'; readonly oneOf?: readonly string[] }
  | { readonly type: 'boolean' | 'integer' }
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly type: 'array'; readonly items: Shape }
  /** Free keys with values of one shape (labels, annotations). */
  | { readonly type: 'map'; readonly values: Shape }
  /** Checked elsewhere (e.g. Helm values, by their own typed shape). */
  | { readonly type: 'opaque' };

/** The fields of model `T` this project uses; a key that is not a field of `T` does not compile. */
export type Fields<T> = { readonly [K in keyof T]?: Shape };

export const string: Shape = { type: 'string' };
export const boolean: Shape = { type: 'boolean' };
export const integer: Shape = { type: 'integer' };
export const opaque: Shape = { type: 'opaque' };
export const oneOf = (values: readonly string[]): Shape => ({ type: 'string', oneOf: values });
export const array = (items: Shape): Shape => ({ type: 'array', items });
export const map = (values: Shape): Shape => ({ type: 'map', values });
/** An object of model `T`, allowing exactly `fields`. */
export const object = <T>(fields: Fields<T>): Shape => ({ type: 'object', fields: fields as Record<string, Shape> });

const metadata = object<IApplication['metadata']>({
  name: string,
  namespace: string,
  labels: map(string),
  annotations: map(string),
  finalizers: array(string),
});

const destination = object<IApplicationDestination>({ name: string, namespace: string, server: string });

const syncPolicy = object<ISyncPolicy>({
  automated: object<ISyncPolicyAutomated>({ enabled: boolean, prune: boolean, selfHeal: boolean, allowEmpty: boolean }),
  retry: object<IRetryStrategy>({
    limit: integer,
    refresh: boolean,
    backoff: object<IBackoff>({ duration: string, factor: integer, maxDuration: string }),
  }),
  syncOptions: array(oneOf(SYNC_OPTIONS)),
  managedNamespaceMetadata: object<IManagedNamespaceMetadata>({ labels: map(string), annotations: map(string) }),
});

const source = object<IApplicationSource>({
  repoURL: string,
  targetRevision: string,
  path: string,
  chart: string,
  directory: object<IApplicationSourceDirectory>({ recurse: boolean, include: string, exclude: string }),
  helm: object<IApplicationSourceHelm>({ releaseName: string, skipCrds: boolean, valuesObject: opaque }),
});

const ignoreDifferences = array(
  object<IResourceIgnoreDifferences>({
    group: string,
    kind: string,
    name: string,
    namespace: string,
    jsonPointers: array(string),
    jqPathExpressions: array(string),
  }),
);

const applicationSpec = object<IApplicationSpec>({
  project: string,
  source,
  sources: array(source),
  destination,
  syncPolicy,
  ignoreDifferences,
  revisionHistoryLimit: integer,
});

const restriction = object<IClusterResourceRestrictionItem>({ group: string, kind: string });

/** Shapes of the Argo CD kinds this app renders, by kind. */
export const ARGO_CD_SHAPES: Readonly<Record<'Application' | 'ApplicationSet' | 'AppProject', Shape>> = {
  Application: object<IApplication>({ apiVersion: string, kind: string, metadata, spec: applicationSpec }),
  ApplicationSet: object<IApplicationSet>({
    apiVersion: string,
    kind: string,
    metadata,
    spec: object<IApplicationSetSpec>({
      goTemplate: boolean,
      goTemplateOptions: array(oneOf(['missingkey=error'])),
      generators: array(
        object<IApplicationSetGenerator>({
          git: object<IGitGenerator>({
            repoURL: string,
            revision: string,
            directories: array(object<IGitDirectoryGeneratorItem>({ path: string, exclude: boolean })),
          }),
        }),
      ),
      syncPolicy: object<IApplicationSetSyncPolicy>({
        preserveResourcesOnDeletion: boolean,
        applicationsSync: oneOf(['create-only', 'create-update', 'create-delete', 'sync']),
      }),
      template: object<IApplicationSetTemplate>({
        metadata: object<IApplicationSetTemplateMeta>({ name: string, namespace: string, labels: map(string), annotations: map(string) }),
        spec: applicationSpec,
      }),
    }),
  }),
  AppProject: object<IAppProject>({
    apiVersion: string,
    kind: string,
    metadata,
    spec: object<IAppProjectSpec>({
      sourceRepos: array(string),
      destinations: array(destination),
      clusterResourceWhitelist: array(restriction),
      namespaceResourceWhitelist: array(restriction),
      orphanedResources: object<IOrphanedResourcesMonitorSettings>({ warn: boolean }),
    }),
  }),
};

/** One value that does not fit its shape. */
export interface ShapeProblem {
  /** JSON path of the value, e.g. `spec.syncPolicy.automated.selfheal`. */
  readonly path: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is wrong. */
  readonly problem: string;
  /** What is allowed instead. */
  readonly allowed: string;
}

/** Checks `value` against `shape`; returns every problem, each naming its JSON path. */
export function checkShape(value: unknown, shape: Shape, path = ''): ShapeProblem[] {
  const at = path || '(root)';
  const wrong = (problem: string, allowed: string): ShapeProblem[] => [{ path: at, value, problem, allowed }];
  switch (shape.type) {
    case 'opaque':
      return [];
    case 'string':
      if (typeof value !== 'string') return wrong('not a string', 'a string');
      if (shape.oneOf && !shape.oneOf.includes(value)) {
        return wrong('not a known value', `one of ${shape.oneOf.map((v) => JSON.stringify(v)).join(', ')}`);
      }
      return [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong('not a boolean', 'true or false');
    case 'integer':
      return Number.isInteger(value) ? [] : wrong('not a whole number', 'a whole number');
    case 'array':
      if (!Array.isArray(value)) return wrong('not a list', 'a list');
      return value.flatMap((item, index) => checkShape(item, shape.items, `${path}[${index}]`));
    case 'map':
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong('not an object', 'an object');
      const problems: ShapeProblem[] = [];
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const childShape = shape.type === 'map' ? shape.values : shape.fields[key];
        if (!childShape) {
          const known = Object.keys(shape.type === 'object' ? shape.fields : {}).sort();
          problems.push({ path: childPath, value: child, problem: 'unknown field', allowed: `one of the fields ${known.join(', ')}` });
          continue;
        }
        problems.push(...checkShape(child, childShape, childPath));
      }
      return problems;
    }
  }
}

/** `path = value: problem; allowed: …`, as in the render's error messages. */
export function formatShapeProblem(problem: ShapeProblem): string {
  return `${problem.path} = ${formatValue(problem.value)}: ${problem.problem}; allowed: ${problem.allowed}`;
}

const MODELS = { Application, ApplicationSet, AppProject } as const;

/**
 * Validates rendered Argo CD objects: types and required fields (Argo CD's schema) and field names (strict).
 * Throws `ConfigErrors` listing every problem, each naming the object and the field.
 */
export function validateArgoCdObjects(manifests: readonly Manifest[], cluster = 'argocd'): void {
  const issues: ConfigIssue[] = [];
  const fail = (manifest: Manifest, value: unknown, problem: string, allowed: string) =>
    issues.push({ cluster, field: objectRef(manifest), value, problem, allowed });
  // Field names first (strict.ts shapes), then types and required fields (Argo CD's schema).
  for (const manifest of manifests) {
    const kind = manifest.kind as keyof typeof ARGO_CD_SHAPES;
    const shape = ARGO_CD_SHAPES[kind];
    if (manifest.apiVersion !== 'argoproj.io/v1alpha1' || !shape) {
      fail(manifest, `${manifest.apiVersion}/${manifest.kind}`, 'not an Argo CD kind this app renders', 'argoproj.io/v1alpha1 Application, ApplicationSet or AppProject');
      continue;
    }
    for (const problem of checkShape(manifest, shape)) {
      issues.push({ cluster, field: `${objectRef(manifest)} ${problem.path}`, value: problem.value, problem: problem.problem, allowed: problem.allowed });
    }
    try {
      new MODELS[kind](manifest as never).validate();
    } catch (error) {
      fail(manifest, undefined, error instanceof Error ? error.message : String(error), "values of the types Argo CD's schema requires");
    }
  }
  if (issues.length > 0) throw new ConfigErrors(issues);
}
