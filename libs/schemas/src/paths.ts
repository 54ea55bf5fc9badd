/** Field paths inside one object, written the way a reviewer reads YAML: `spec.rules[0].http.paths[1].pathType`. */

/** One step into an object (a key) or an array (an index). */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`; odd keys are quoted: `labels["app.kubernetes.io/name"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Turns an ajv instance path (a JSON pointer such as `/spec/rules/0/http`) into segments, using the data to
 * tell array indexes from object keys that look like numbers.
 */
export function pointerSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const segments: PathSegment[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(key)) {
      segments.push(Number(key));
      current = current[Number(key)];
    } else {
      segments.push(key);
      current =
        current !== null && typeof current === 'object'
          ? (current as Record<string, unknown>)[key]
          : undefined;
    }
  }
  return segments;
}

/** The value at `segments` inside `data` (undefined when absent). */
export function valueAt(data: unknown, segments: readonly PathSegment[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The shape of a path, indexes generalised: `spec.roles[*].description`. Gap patterns match against it. */
export function pathShape(segments: readonly PathSegment[]): string {
  return formatPath(segments).replace(/\[\d+\]/g, '[*]');
}
