import { describe, expect, it } from 'vitest';
import { prerequisitesSection, PREREQUISITES_TITLE, type ClusterPrerequisite } from './prerequisites.js';

const prerequisite = (id: string): ClusterPrerequisite => ({
  id,
  title: `${id} holds`,
  why: `without ${id} things break`,
  requiredBy: 'tests',
  inspect: `inspect ${id}`,
  expect: 'ok',
  check: `inspect ${id} | grep -q ok`,
  fix: `fix ${id}`,
  source: 'a page',
});

describe('prerequisitesSection', () => {
  it('lists every prerequisite in a table and gives its inspect, check and fix commands', () => {
    const list = [prerequisite('one'), prerequisite('two-b')];
    const section = prerequisitesSection(list, 5);
    expect(section.title).toBe(PREREQUISITES_TITLE);
    expect(section.order).toBe(5);
    for (const p of list) {
      expect(section.body).toContain(`| \`${p.id}\` | ${p.title} | ${p.why} | ${p.requiredBy} |`);
      expect(section.body).toContain(
        `# inspect (expect: ${p.expect})\n${p.inspect}\n# check: exits 0 when it holds\n${p.check}\n# fix\n${p.fix}`,
      );
    }
  });

  it('refuses an id twice or not in kebab case (a programming error)', () => {
    expect(() => prerequisitesSection([prerequisite('a'), prerequisite('a')], 1)).toThrow(
      'not unique kebab case',
    );
    expect(() => prerequisitesSection([prerequisite('Not_Kebab')], 1)).toThrow('not unique kebab case');
  });
});
