import type { Manifest } from './manifest.js';
import { emitYaml } from './yaml-emitter.js';

/** Keys written first, in this order, at the top of every object; all other keys follow sorted. */
const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata'];
/** Keys written first inside `metadata`. */
const METADATA_ORDER = ['name', 'namespace'];

/**
 * Returns a copy of `value` with object keys in canonical order: the given leading keys first, the rest
 * sorted by code point. Arrays keep their order (order is meaningful, e.g. Ingress paths); `undefined`
 * members are dropped.
 */
export function canonicalize(value: unknown, leading: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalize(item));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined);
  const first = leading.filter((key) => keys.includes(key));
  const rest = keys.filter((key) => !leading.includes(key)).sort();
  const out: Record<string, unknown> = {};
  for (const key of [...first, ...rest]) {
    out[key] = canonicalize(record[key], key === 'metadata' ? METADATA_ORDER : []);
  }
  return out;
}

/**
 * Serializes one object as YAML in the project's single style: canonical key order, two-space indent,
 * no line folding, block scalars for multi-line strings, a single trailing newline.
 */
export function toYaml(manifest: Manifest | Record<string, unknown>): string {
  return emitYaml(canonicalize(manifest, TOP_LEVEL_ORDER));
}
