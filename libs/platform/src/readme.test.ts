/**
 * The generated cluster README as on-call reads it: it opens with the symptom index, the runbook and the rollback
 * procedure come next, reference material follows, and every in-page link lands on a heading of the page.
 */
import { anchor } from '@pms/core';
import { ONCALL_DOC_ORDER, ROLLBACK_TITLE, RUNBOOK_TITLE, SYMPTOM_INDEX_TITLE } from '@pms/monitoring';
import { describe, expect, it } from 'vitest';
import { validSettings } from './__fixtures__/cluster.js';
import { buildPmsCluster } from './cluster.js';

const { readme } = buildPmsCluster(validSettings());
const headings = [...readme.matchAll(/^(#{2,4}) (.+)$/gm)].map((m) => ({
  level: m[1]!.length,
  title: m[2]!,
}));

describe('the cluster README', () => {
  it('opens with the on-call page: symptom index, runbook, rollback, before any reference section', () => {
    const sections = headings.filter((h) => h.level === 2).map((h) => h.title);
    expect(sections.slice(0, 3)).toEqual([SYMPTOM_INDEX_TITLE, RUNBOOK_TITLE, ROLLBACK_TITLE]);
    expect(Object.keys(ONCALL_DOC_ORDER)).toHaveLength(3);
    // Nothing but the title, the two-line introduction and the one-line contents come before the symptom index.
    const before = readme
      .slice(0, readme.indexOf(`## ${SYMPTOM_INDEX_TITLE}`))
      .trim()
      .split('\n')
      .filter(Boolean);
    expect(before.length).toBeLessThanOrEqual(4);
  });

  it('links only to headings that exist on the page', () => {
    const anchors = new Set(headings.map((h) => anchor(h.title)));
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) expect(anchors, link).toContain(link);
  });
});
