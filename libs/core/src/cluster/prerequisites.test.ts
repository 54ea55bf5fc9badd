import { describe, expect, it } from 'vitest';
import {
  prerequisitesLink,
  prerequisitesSection,
  PREREQUISITES_TITLE,
  type ClusterPrerequisite,
  type PrerequisiteTiming,
} from './prerequisites.js';
import { anchor } from '../docs/readme.js';

const prerequisite = (id: string, when: PrerequisiteTiming = 'before-first-sync'): ClusterPrerequisite => ({
  id,
  title: `${id} holds`,
  why: `without ${id} things break`,
  when,
  requiredBy: 'tests',
  inspect: `inspect ${id}`,
  expect: 'ok',
  check: `inspect ${id} | grep -q ok`,
  fix: `fix ${id}`,
  source: 'a page',
});

describe('prerequisitesSection', () => {
  it('lists every prerequisite in a table and gives its inspect, check and fix commands', () => {
    const list = [prerequisite('one'), prerequisite('two-b', 'during-first-sync')];
    const section = prerequisitesSection(list, 5);
    expect(section.title).toBe(PREREQUISITES_TITLE);
    expect(section.order).toBe(5);
    for (const p of list) {
      const row = section.body.split('\n').find((line) => line.startsWith(`| \`${p.id}\` | ${p.title} | `));
      expect(row).toBeDefined();
      expect(row).toContain(` | ${p.why} | ${p.requiredBy} |`);
      expect(section.body).toContain(
        `# inspect (expect: ${p.expect})\n${p.inspect}\n# check: exits 0 when it holds\n${p.check}\n# fix\n${p.fix}`,
      );
    }
  });

  it('says when each one can be made to hold', () => {
    const section = prerequisitesSection(
      [prerequisite('early'), prerequisite('late', 'during-first-sync')],
      5,
    );
    const when = (id: string) =>
      section.body
        .split('\n')
        .find((line) => line.startsWith(`| \`${id}\``))!
        .split(' | ')[2];
    expect(when('early')).toBe('before the first sync');
    expect(when('late')).toMatch(/^during the first sync/);
  });

  it('links to itself from other sections, by id or by title', () => {
    expect(prerequisitesLink('acm-x')).toBe(`[\`acm-x\`](#${anchor(PREREQUISITES_TITLE)})`);
    expect(prerequisitesLink()).toBe(`[${PREREQUISITES_TITLE}](#${anchor(PREREQUISITES_TITLE)})`);
  });

  it('refuses an id twice or not in kebab case (a programming error)', () => {
    expect(() => prerequisitesSection([prerequisite('a'), prerequisite('a')], 1)).toThrow(
      'not unique kebab case',
    );
    expect(() => prerequisitesSection([prerequisite('Not_Kebab')], 1)).toThrow('not unique kebab case');
  });
});
