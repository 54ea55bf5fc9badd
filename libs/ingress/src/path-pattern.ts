/**
 * How the controller turns Ingress paths into ALB path-pattern conditions, in which order it emits them,
 * and how the ALB matches them. ALB patterns are case-sensitive; `*` matches any run of characters
 * (including none, including `/`) and `?` exactly one character; they apply to the path only, never the query.
 */

/** `spec.rules[].http.paths[].pathType`. */
export type IngressPathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/**
 * The ALB path patterns of one Ingress path, as the controller builds them:
 * Exact `/a` → `/a`; Prefix `/a` (or `/a/`) → `/a`, `/a/*`; Prefix `/` → `/*`; ImplementationSpecific → as
 * written. Throws for wildcards in Exact and Prefix paths (the controller refuses the Ingress).
 */
export function pathPatterns(path: string, pathType: IngressPathType | undefined): string[] {
  const type = pathType ?? 'ImplementationSpecific';
  if (type === 'ImplementationSpecific') return [path];
  if (type === 'Prefix' && path === '/') return ['/*'];
  if (/[*?]/.test(path)) throw new Error(`${type.toLowerCase()} path shouldn't contain wildcards: ${path}`);
  if (type === 'Exact') return [path];
  const normalized = path.endsWith('/') ? path.slice(0, -1) : path;
  return [normalized, `${normalized}/*`];
}

/**
 * Orders the paths of ONE `spec.rules[]` entry as the controller does: Exact paths first (as declared), then
 * Prefix paths by descending length (stable), then ImplementationSpecific (or untyped) paths as declared.
 * Entries and Ingresses themselves are never sorted this way.
 */
export function sortIngressPaths<T extends { readonly pathType?: string; readonly path?: unknown }>(
  paths: readonly T[],
): T[] {
  const exact = paths.filter((p) => p.pathType === 'Exact');
  const prefix = paths.filter((p) => p.pathType === 'Prefix');
  const other = paths.filter((p) => p.pathType !== 'Exact' && p.pathType !== 'Prefix');
  const byLength = prefix
    .map((path, index) => ({ path, index }))
    .sort((a, b) => pathLength(b.path) - pathLength(a.path) || a.index - b.index)
    .map(({ path }) => path);
  return [...exact, ...byLength, ...other];
}

function pathLength(path: { readonly path?: unknown }): number {
  return typeof path.path === 'string' ? path.path.length : 0;
}

/** Glob match with ALB semantics (`*` any run, `?` one character); `caseless` for host headers. */
export function globMatches(pattern: string, value: string, caseless = false): boolean {
  const pat = caseless ? pattern.toLowerCase() : pattern;
  const val = caseless ? value.toLowerCase() : value;
  // Iterative wildcard matching with backtracking to the last `*`.
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < val.length) {
    if (p < pat.length && (pat[p] === '?' || pat[p] === val[v])) {
      p++;
      v++;
    } else if (p < pat.length && pat[p] === '*') {
      star = p++;
      mark = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.length && pat[p] === '*') p++;
  return p === pat.length;
}

/** True when an ALB path pattern matches a request path. */
export function pathMatches(pattern: string, path: string): boolean {
  return globMatches(pattern, path);
}

/** True when an ALB host-header pattern matches a host (case-insensitive, wildcards allowed). */
export function hostMatchesPattern(pattern: string, host: string): boolean {
  return globMatches(pattern, host, true);
}

/**
 * True when every path `inner` matches is also matched by `outer` (so a rule with `outer` placed first
 * shadows `inner`). Sound: a true answer is always right; for exotic wildcard combinations it may answer
 * false where coverage holds.
 */
export function patternCovers(outer: string, inner: string): boolean {
  const memo = new Map<number, boolean>();
  const covers = (i: number, j: number): boolean => {
    const id = i * (inner.length + 1) + j;
    const known = memo.get(id);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === outer.length) result = j === inner.length;
    else if (outer[i] === '*') result = covers(i + 1, j) || (j < inner.length && covers(i, j + 1));
    else if (outer[i] === '?') result = j < inner.length && inner[j] !== '*' && covers(i + 1, j + 1);
    else result = j < inner.length && inner[j] === outer[i] && covers(i + 1, j + 1);
    memo.set(id, result);
    return result;
  };
  return covers(0, 0);
}
