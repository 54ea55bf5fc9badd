/**
 * "Did you mean" support for every closed set of names (schema fields, services, routes, WAF rule groups, ALB
 * annotation keys, kinds): the known names nearest to a misspelled one.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= t.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[s.length]![t.length]!;
}

/** The names close enough to `name` to be what was meant (same letters ignoring case, or a typo or two away). */
export function closeMatches(name: string, known: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(name.length / 4));
  return known
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .filter(({ candidate, distance }) => distance <= limit || candidate.toLowerCase() === name.toLowerCase())
    .sort((a, b) => a.distance - b.distance || compare(a.candidate, b.candidate))
    .map(({ candidate }) => candidate);
}

/**
 * ` (did you mean "x"?)` for the known names closest to `name` (those at the smallest distance, at most three), or
 * `''` when none is close: appended to a refusal's problem so the fix reads next to the mistake.
 */
export function didYouMean(name: string, known: readonly string[]): string {
  const candidates = closeMatches(
    name,
    [...new Set(known)].filter((candidate) => candidate !== name),
  );
  const best = candidates.length > 0 ? editDistance(name, candidates[0]!) : 0;
  const near = candidates.filter((candidate) => editDistance(name, candidate) === best).slice(0, 3);
  if (near.length === 0) return '';
  return ` (did you mean ${near.map((candidate) => JSON.stringify(candidate)).join(' or ')}?)`;
}

/** How many names a message lists before it summarises the rest. */
const LISTED = 12;

/**
 * The known names as a message lists them: all of them (sorted) when there are few, otherwise the
 * nearest ones to `name` and how many more exist.
 */
export function describeKnownNames(name: string, known: readonly string[]): string {
  const unique = [...new Set(known)];
  if (unique.length === 0) return 'no fields';
  if (unique.length <= LISTED) return unique.sort(compare).join(', ');
  const nearest = unique
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .sort((a, b) => a.distance - b.distance || compare(a.candidate, b.candidate))
    .slice(0, LISTED)
    .map(({ candidate }) => candidate);
  return `${nearest.join(', ')} … (${unique.length - LISTED} more)`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
