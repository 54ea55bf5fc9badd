/** "Did you mean" support: the known field names nearest to a misspelled one. */
import { editDistance } from '@pms/core';

/** The distance and the nearest names live in @pms/core (concern libraries suggest names too). */
export { closeMatches, editDistance } from '@pms/core';

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
