import type { ErrorObject } from 'ajv';
import { issuesFromAjv, unknownField, type SchemaIssue } from './issue.js';
import type { PathSegment } from './paths.js';

/**
 * Strictness for validators that accept unknown fields.
 *
 * kubernetes-models and @kubernetes-models/argo-cd ship ajv validators precompiled from the Kubernetes
 * OpenAPI document and Argo CD's CRDs, but not the schemas themselves, and those validators ignore fields
 * they do not declare. The compiled code does, however, read every declared property of every object it
 * checks (`data.selfHeal !== undefined`, …) and enumerates the keys of maps (`for (const key in data)`).
 * So we let the validator run over a traced view of the object and record, per object node, which keys it
 * read and whether it enumerated them. Afterwards a key present in the data that the validator never
 * asked for is a field the schema does not declare: an unknown field. The declared names (what it read)
 * become the message's "allowed" list.
 *
 * Three kinds of node are not checked for unknown keys: maps (the validator enumerated the keys, e.g.
 * labels), free-form values (the validator read nothing, e.g. Helm `valuesObject`, which the schema leaves
 * open) and nodes below an unknown field (never visited; the unknown field is reported instead).
 */
export interface FieldTrace {
  /** Keys the validator read (declared properties, including absent ones). */
  readonly read: Set<string>;
  /** True when the validator listed the keys: the node is a map. */
  enumerated: boolean;
  /** Traces of the object and array values the validator descended into, by key (array index as string). */
  readonly children: Map<string, FieldTrace>;
}

/** Wraps `value` so that every read made on it and on its nested objects is recorded in the returned trace. */
export function traced<T extends object>(value: T): { proxy: T; trace: FieldTrace } {
  const trace: FieldTrace = { read: new Set(), enumerated: false, children: new Map() };
  const proxies = new Map<string, object>();
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      const result = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string') return result;
      trace.read.add(key);
      if (result === null || typeof result !== 'object' || !Object.hasOwn(target, key)) return result;
      let child = proxies.get(key);
      if (!child) {
        const wrapped = traced(result);
        trace.children.set(key, wrapped.trace);
        proxies.set(key, wrapped.proxy);
        child = wrapped.proxy;
      }
      return child;
    },
    has(target, key) {
      if (typeof key === 'string') trace.read.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') trace.read.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      trace.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
  return { proxy, trace };
}

/**
 * For a key the validator did not read: the issues to report instead of "unknown field" (an empty list
 * accepts it), or undefined to report it as unknown.
 */
export type UnreadFieldPolicy = (path: readonly PathSegment[], value: unknown) => SchemaIssue[] | undefined;

/**
 * Field names an object declares that its validator does not read (the fields behind an `UnreadFieldPolicy`), so
 * that messages list them among the allowed names.
 */
export type DeclaredFields = (path: readonly PathSegment[]) => readonly string[];

/** Every key of `value` (recursively, arrays included) that its validator did not read, per `trace`. */
export function unknownFields(
  value: unknown,
  trace: FieldTrace,
  path: PathSegment[] = [],
  unread: UnreadFieldPolicy = () => undefined,
  declared: DeclaredFields = () => [],
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const child = trace.children.get(String(index));
      if (child) issues.push(...unknownFields(item, child, [...path, index], unread, declared));
    });
    return issues;
  }
  if (value === null || typeof value !== 'object') return issues;
  const record = value as Record<string, unknown>;
  const checked = !trace.enumerated && trace.read.size > 0;
  // The declared names, for a message: worked out only when a node has a key its validator did not read.
  let known: string[] | undefined;
  const declaredNames = () =>
    (known ??= [...[...trace.read].filter((key) => !(key in Object.prototype)), ...declared(path)]);
  for (const key of Object.keys(record)) {
    if (record[key] === undefined) continue;
    if (checked && !trace.read.has(key)) {
      const fieldPath = [...path, key];
      issues.push(
        ...(unread(fieldPath, record[key]) ?? [unknownField(fieldPath, record[key], declaredNames())]),
      );
      continue;
    }
    const child = trace.children.get(key);
    if (child) issues.push(...unknownFields(record[key], child, [...path, key], unread, declared));
  }
  return issues;
}

/** A kubernetes-models class: its prototype's `validate()` runs the precompiled validator on `this`. */
export interface ModelClass {
  readonly prototype: { validate(): void };
}

/**
 * Validates `data` with a kubernetes-models class, strictly: schema errors from the model's own validator
 * plus every field the schema does not declare. The data is cloned first, so the caller's objects are
 * never wrapped or touched, unless `owned` says the caller hands over a copy of its own.
 */
export function checkWithModel(
  model: ModelClass,
  data: unknown,
  unread?: UnreadFieldPolicy,
  declared?: DeclaredFields,
  owned = false,
): SchemaIssue[] {
  const copy = (owned ? data : structuredClone(data)) as object;
  const { proxy, trace } = traced(copy);
  let errors: ErrorObject[] = [];
  try {
    model.prototype.validate.call(proxy);
  } catch (error) {
    const found = (error as { errors?: unknown }).errors;
    if (!Array.isArray(found)) throw error;
    errors = found as ErrorObject[];
  }
  return [...issuesFromAjv(errors, copy), ...unknownFields(copy, trace, [], unread, declared)];
}
