import { describe, expect, it } from 'vitest';
import { median, round, summarize } from './stats.js';

describe('bench statistics', () => {
  it('takes the middle sample, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no samples');
  });

  it('summarises and rounds', () => {
    expect(round(1.26)).toBe(1.3);
    expect(summarize([3.14159, 1, 2])).toEqual({ medianMs: 2, minMs: 1, maxMs: 3.1, runs: [3.1, 1, 2] });
  });
});
