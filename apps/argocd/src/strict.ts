/**
 * Strict checks this app adds to the schema validation of its objects.
 *
 * - Helm values (`spec.source.helm.valuesObject`) are free-form to Argo CD's schema: `checkShape` checks them
 *   against typed shapes of the values each chart takes (`CONTROLLER_VALUES_SHAPE`, `ACK_VALUES_SHAPE`).
 * - The Argo CD objects themselves are validated by `@pms/schemas` (Argo CD's API types, no unknown field at
 *   any depth, "did you mean" for a misspelt one); `validateArgoCdObjects` adds the closed set of sync options
 *   (Argo CD ignores one it does not know) and reports a mistake shared by many objects once. A typo in code
 *   every Application shares (`automatedSyncPolicy`) is one message, not one per Application.
 */
import {
  formatValue,
  objectRef,
  throwIfAny,
  type ConfigIssue,
  type IssueFields,
  type Manifest,
} from '@pms/core';
import { formatPath, schemaIssues } from '@pms/schemas';
import { SYNC_OPTIONS } from './sync-policy.js';

/** The shape of a JSON value: what `checkShape` accepts. */
export type Shape =
  | { readonly type: 'string'; readonly oneOf?: readonly string[] }
  | { readonly type: 'boolean' | 'integer' }
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly type: 'array'; readonly items: Shape }
  /** Free keys with values of one shape (labels, annotations). */
  | { readonly type: 'map'; readonly values: Shape };

/** The fields of `T` (a chart's typed values) a shape allows; a key that is not a field of `T` does not compile. */
export type Fields<T> = { readonly [K in keyof T]?: Shape };

export const string: Shape = { type: 'string' };
export const boolean: Shape = { type: 'boolean' };
export const integer: Shape = { type: 'integer' };
export const oneOf = (values: readonly string[]): Shape => ({ type: 'string', oneOf: values });
export const array = (items: Shape): Shape => ({ type: 'array', items });
export const map = (values: Shape): Shape => ({ type: 'map', values });
/** An object of model `T`, allowing exactly `fields`. */
export const object = <T>(fields: Fields<T>): Shape => ({
  type: 'object',
  fields: fields as Record<string, Shape>,
});

/** One value that does not fit its shape. */
export interface ShapeProblem {
  /** JSON path of the value, e.g. `valuesObject.serviceAccount.name`. */
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
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return wrong('not an object', 'an object');
      const problems: ShapeProblem[] = [];
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const childShape = shape.type === 'map' ? shape.values : shape.fields[key];
        if (!childShape) {
          const known = Object.keys(shape.type === 'object' ? shape.fields : {}).sort();
          problems.push({
            path: childPath,
            value: child,
            problem: 'unknown field',
            allowed: `one of the fields ${known.join(', ')}`,
          });
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

/** The Argo CD kinds this app renders. */
export const ARGO_CD_KINDS = ['Application', 'ApplicationSet', 'AppProject'] as const;

/** One problem of one object, before problems shared by several objects are merged. */
interface ObjectProblem {
  /** The object, e.g. `Application argocd/pms-argocd`. */
  readonly ref: string;
  readonly kind: string;
  /** The field's path inside the object, e.g. `spec.syncPolicy.automated.selfheal`. */
  readonly path: string;
  /**
   * The same path as seen by an Application: an ApplicationSet's `spec.template.…` is the Application it
   * generates, so one mistake in shared code reads the same in both.
   */
  readonly applicationPath: string;
  readonly value: unknown;
  readonly problem?: string;
  readonly allowed: string;
}

/**
 * Validates rendered Argo CD objects: the kind is one this app renders, the object matches Argo CD's schema
 * strictly (`@pms/schemas`) and every sync option is one of `SYNC_OPTIONS`. A problem found identically in
 * several objects is reported once, naming them. Throws `ConfigError` (one problem) or `ConfigErrors` listing
 * every problem.
 */
export function validateArgoCdObjects(manifests: readonly Manifest[], cluster = 'argocd'): void {
  const problems: ObjectProblem[] = [];
  for (const manifest of manifests) {
    const ref = objectRef(manifest);
    const add = ({ field: path, value, allowed, problem }: IssueFields) => {
      const applicationPath =
        manifest.kind === 'ApplicationSet' && path.startsWith('spec.template.')
          ? path.slice('spec.template.'.length)
          : path;
      problems.push({
        ref,
        kind: manifest.kind,
        path,
        applicationPath,
        value,
        allowed,
        ...(problem ? { problem } : {}),
      });
    };
    if (
      manifest.apiVersion !== 'argoproj.io/v1alpha1' ||
      !(ARGO_CD_KINDS as readonly string[]).includes(manifest.kind)
    ) {
      add({
        field: '',
        value: `${manifest.apiVersion}/${manifest.kind}`,
        allowed: `argoproj.io/v1alpha1 ${ARGO_CD_KINDS.join(', ')}`,
        problem: 'not an Argo CD kind this app renders',
      });
      continue;
    }
    for (const issue of schemaIssues(manifest))
      add({
        field: formatPath(issue.path),
        value: issue.value,
        allowed: issue.allowed,
        problem: issue.problem,
      });
    for (const [path, options] of syncOptionLists(manifest)) {
      options.forEach((option, index) => {
        if ((SYNC_OPTIONS as readonly unknown[]).includes(option)) return;
        const near = SYNC_OPTIONS.find(
          (known) => typeof option === 'string' && known.toLowerCase() === option.toLowerCase(),
        );
        add({
          field: `${path}[${index}]`,
          value: option,
          allowed: `one of ${SYNC_OPTIONS.map((o) => JSON.stringify(o)).join(', ')}`,
          problem: `not a sync option this project uses; Argo CD ignores one it does not know${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`,
        });
      });
    }
  }
  throwIfAny(mergeShared(problems, manifests, cluster));
}

/** The sync option lists of an Application (`spec`) or of the Applications an ApplicationSet generates. */
function syncOptionLists(manifest: Manifest): [path: string, options: readonly unknown[]][] {
  const record = manifest as {
    spec?: { syncPolicy?: unknown; template?: { spec?: { syncPolicy?: unknown } } };
  };
  const lists: [string, unknown][] = [
    [
      'spec.syncPolicy.syncOptions',
      (record.spec?.syncPolicy as { syncOptions?: unknown } | undefined)?.syncOptions,
    ],
    [
      'spec.template.spec.syncPolicy.syncOptions',
      (record.spec?.template?.spec?.syncPolicy as { syncOptions?: unknown } | undefined)?.syncOptions,
    ],
  ];
  return lists.filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]));
}

/**
 * One issue per distinct problem: problems with the same (Application) path, value, problem and allowed
 * values in several objects become one issue whose `where` names the objects ("every Application (19)").
 */
function mergeShared(
  problems: readonly ObjectProblem[],
  manifests: readonly Manifest[],
  cluster: string,
): ConfigIssue[] {
  const groups = new Map<string, ObjectProblem[]>();
  for (const p of problems) {
    const key = JSON.stringify([p.applicationPath, formatValue(p.value), p.problem ?? '', p.allowed]);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const shared = {
      cluster,
      value: first.value,
      allowed: first.allowed,
      ...(first.problem ? { problem: first.problem } : {}),
    };
    if (group.length === 1)
      return { ...shared, field: first.path ? `${first.ref} ${first.path}` : first.ref };
    return {
      ...shared,
      field: first.applicationPath,
      where: `${group.length} objects: ${describeObjects(group, manifests)}`,
    };
  });
}

/** `every Application (19) and ApplicationSet argocd/pms-clusters spec.template`. */
function describeObjects(group: readonly ObjectProblem[], manifests: readonly Manifest[]): string {
  const parts: string[] = [];
  for (const kind of [...new Set(group.map((p) => p.kind))]) {
    const members = group.filter((p) => p.kind === kind);
    const total = manifests.filter((m) => m.kind === kind).length;
    if (members.length === total && total > 1) parts.push(`every ${kind} (${total})`);
    else
      parts.push(
        ...members.map((p) =>
          p.path === p.applicationPath ? p.ref : `${p.ref} ${p.path.slice(0, -p.applicationPath.length - 1)}`,
        ),
      );
  }
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
}
