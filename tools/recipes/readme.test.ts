import { findWorkspaceRoot } from '@pms/render';
import type { PmsClusterSettings } from '@pms/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClusterSettings } from '../render/targets.js';
import { sectionOf, touchedPaths } from './readme.js';
import { CLUSTER_RECIPE_SOURCE, recipes } from './recipes.js';

const root = findWorkspaceRoot();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const settings = await loadClusterSettings<PmsClusterSettings>(root);
const clusters = new Map(settings.map((s) => [s.name, s]));

describe('README "How to": the files each recipe touches', () => {
  it.each(recipes({ clusters }).map((r) => [r.title, r] as const))(
    '%s: the README names exactly the files the recipe touches',
    (_title, recipe) => {
      const section = sectionOf(readme, recipe.section);
      expect(section, `README.md has no section "### ${recipe.section}"`).toBeDefined();
      expect(touchedPaths(section!, recipe.paragraphs).sort()).toEqual([...recipe.touches].sort());
    },
  );

  it('copies the cluster app the recipe copies', () => {
    expect(sectionOf(readme, 'Add a cluster')).toContain(`Copy \`apps/${CLUSTER_RECIPE_SOURCE}\``);
    expect(clusters.has(CLUSTER_RECIPE_SOURCE)).toBe(true);
  });
});

describe('reading the README', () => {
  const markdown = [
    '## How to',
    '### Add a thing',
    'Edit `a/b.ts`.',
    '',
    '**Touches:** `a/b.ts` and `c/d/` (not `e`).',
    '',
    'A new kind also touches: `f/g.ts`.',
    '### Next',
    'Touches: `x/y.ts`.',
  ].join('\n');

  it('reads the paths of the labelled paragraphs of one section, emphasis or not', () => {
    const section = sectionOf(markdown, 'Add a thing')!;
    expect(touchedPaths(section, ['Touches'])).toEqual(['a/b.ts', 'c/d/']);
    expect(touchedPaths(section, ['Touches', 'A new kind also touches'])).toEqual([
      'a/b.ts',
      'c/d/',
      'f/g.ts',
    ]);
  });

  it('refuses a label no paragraph starts with, and a section that is not there', () => {
    expect(() => touchedPaths(sectionOf(markdown, 'Add a thing')!, ['Edits'])).toThrow(
      'no paragraph starting with "Edits"',
    );
    expect(sectionOf(markdown, 'Add another thing')).toBeUndefined();
  });
});
