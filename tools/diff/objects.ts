/**
 * The rendered output of one target as objects: every `*.yaml` file parsed into a `Manifest`, every other
 * file (the generated README) kept as text. Objects are keyed by their file path, which the render derives
 * from kind, namespace and name only — so the same key in base and head is the same object.
 */
import { objectRef, type Manifest } from '@pms/core';
import { parse } from 'yaml';

/** One rendered folder, parsed. */
export interface RenderedTree {
  /** File path (relative to the target's folder) → object. */
  readonly objects: ReadonlyMap<string, Manifest>;
  /** Non-object files (e.g. `README.md`): path → content. */
  readonly others: ReadonlyMap<string, string>;
}

/** Parses the files of one target; a YAML file that is not one Kubernetes object is an error naming it. */
export function parseTree(target: string, files: ReadonlyMap<string, string>): RenderedTree {
  const objects = new Map<string, Manifest>();
  const others = new Map<string, string>();
  for (const [path, content] of files) {
    if (!path.endsWith('.yaml')) {
      others.set(path, content);
      continue;
    }
    let value: unknown;
    try {
      value = parse(content);
    } catch (error) {
      throw new Error(
        `${target}/${path}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!isManifest(value))
      throw new Error(`${target}/${path}: not a Kubernetes object (apiVersion, kind, metadata.name)`);
    objects.set(path, value);
  }
  return { objects, others };
}

/** An empty tree: the side of a target that does not exist (a new or deleted cluster). */
export const EMPTY_TREE: RenderedTree = { objects: new Map(), others: new Map() };

/** Every object of a tree, in path order. */
export function manifestsOf(tree: RenderedTree): Manifest[] {
  return [...tree.objects.values()];
}

/** `Kind namespace/name` of an object, as used throughout the report. */
export function refOf(manifest: Manifest): string {
  return objectRef(manifest);
}

function isManifest(value: unknown): value is Manifest {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  const metadata = record['metadata'] as Record<string, unknown> | undefined;
  return (
    typeof record['apiVersion'] === 'string' &&
    typeof record['kind'] === 'string' &&
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof metadata['name'] === 'string'
  );
}
