/** Locating values and schema nodes by path, for the CRD facts (`[*]`/`{*}` shapes) and the overlays. */
import type { ShapePath } from '@pms/crd-models';
import type { JsonSchema } from './overlays/dsl.js';
import type { PathSegment } from './paths.js';

/** One value found at a shape: where it is and what it is. */
export interface Located {
  readonly path: PathSegment[];
  readonly value: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every present value (not `undefined`) at `shape` inside `data`: `[*]` ranges over list items, `{*}` over map values. */
export function locate(data: unknown, shape: ShapePath, at: PathSegment[] = []): Located[] {
  if (data === undefined) return [];
  if (shape.length === 0) return [{ path: at, value: data }];
  const [step, ...rest] = shape as [string, ...string[]];
  if (step === '[*]') {
    return Array.isArray(data) ? data.flatMap((item, i) => locate(item, rest, [...at, i])) : [];
  }
  if (!isRecord(data)) return [];
  if (step === '{*}') return Object.keys(data).flatMap((key) => locate(data[key], rest, [...at, key]));
  return Object.hasOwn(data, step) ? locate(data[step], rest, [...at, step]) : [];
}

/** Whether a concrete path has the shape (indexes match `[*]`, any key matches `{*}`). */
export function hasShape(path: readonly PathSegment[], shape: ShapePath): boolean {
  return (
    path.length === shape.length &&
    path.every((segment, i) =>
      shape[i] === '[*]'
        ? typeof segment === 'number'
        : shape[i] === '{*}'
          ? typeof segment === 'string'
          : segment === shape[i],
    )
  );
}

/**
 * The schema node that constrains the value at `path`, following `properties`, `items`, `additionalProperties`
 * and `$ref`s into `root.$defs`; undefined when the schema says nothing about that path.
 */
export function schemaAt(root: JsonSchema, path: readonly PathSegment[]): JsonSchema | undefined {
  const defs = (root.$defs ?? {}) as Record<string, JsonSchema>;
  const resolve = (node: JsonSchema): JsonSchema =>
    typeof node.$ref === 'string' ? resolve(defs[node.$ref.replace('#/$defs/', '')] ?? {}) : node;
  let node: JsonSchema | undefined = resolve(root);
  for (const segment of path) {
    if (!node) return undefined;
    const properties = node.properties as Record<string, JsonSchema> | undefined;
    let next: JsonSchema | undefined;
    if (typeof segment === 'number') next = node.items as JsonSchema | undefined;
    else if (properties && Object.hasOwn(properties, segment)) next = properties[segment];
    else if (isRecord(node.additionalProperties)) next = node.additionalProperties as JsonSchema;
    node = next && resolve(next);
  }
  return node;
}
