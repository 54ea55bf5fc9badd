import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from './generate.js';

/**
 * How the folder `actual` differs from `expected`, byte for byte: one line per file that differs, is missing or is
 * extra (paths relative to the folders). Empty when they are identical.
 */
export function treeDifferences(actual: string, expected: string): string[] {
  const have = existsSync(actual) ? filesUnder(actual) : [];
  const want = filesUnder(expected);
  const haveSet = new Set(have);
  const wantSet = new Set(want);
  const lines: string[] = [];
  for (const file of want) {
    if (!haveSet.has(file)) lines.push(`${file}: missing`);
    else if (!readFileSync(join(actual, file)).equals(readFileSync(join(expected, file))))
      lines.push(`${file}: differs`);
  }
  for (const file of have) if (!wantSet.has(file)) lines.push(`${file}: not generated (stale)`);
  return lines;
}
