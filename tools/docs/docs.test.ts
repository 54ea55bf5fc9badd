/**
 * The documentation against what it points to, read from the committed files: every in-page link of a generated
 * README (`clusters/<cluster>/README.md`, `argocd/README.md`) and of the hand-written docs resolves to a heading, every
 * link to another document of the repository resolves to that file (and heading), every repository path the docs
 * name exists, and each cluster README's "First sync" lists the cluster prerequisites its own table times before and
 * during the first sync. A new cluster, document or section is covered without touching this file.
 */
import { findWorkspaceRoot } from '@pms/render';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = findWorkspaceRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const generated = [
  ...readdirSync(join(root, 'clusters')).map((c) => `clusters/${c}/README.md`),
  'argocd/README.md',
].filter((path) => existsSync(join(root, path)));
const handWritten = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks (a `# comment` in a shell block is not a heading, a link there not a link). */
function prose(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .filter((line) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return false;
      }
      return !fenced;
    })
    .join('\n');
}

/** GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces to `-`, repeats `-1`, `-2`. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, title] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const base = title!
      .replace(/`/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Markdown links `[text](target)` of the prose, target as written. */
function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('links inside the documentation', () => {
  it.each([...generated, ...handWritten])('%s: every in-page link names a heading of it', (path) => {
    const text = read(path);
    const anchors = anchorsOf(text);
    const broken = linksOf(text)
      .filter((target) => target.startsWith('#'))
      .filter((target) => !anchors.has(target.slice(1)));
    expect(broken).toEqual([]);
  });

  it.each([...generated, ...handWritten])(
    '%s: every link to a file of the repository names one that exists, and a heading of it',
    (path) => {
      const broken: string[] = [];
      for (const target of linksOf(read(path))) {
        if (/^[a-z]+:/.test(target) || target.startsWith('#')) continue;
        const [file, anchor] = target.split('#');
        const resolved = relative(root, normalize(join(root, dirname(path), file!)));
        if (!existsSync(join(root, resolved))) broken.push(`${target} (no file ${resolved})`);
        else if (anchor && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(anchor))
          broken.push(`${target} (no heading #${anchor} in ${resolved})`);
      }
      expect(broken).toEqual([]);
    },
  );
});

/**
 * Repository paths the documents name (`libs/…/x.ts`, `apps/…`, `tools/…`, `clusters/…`, `argocd/…`, `docs/x.md`),
 * without patterns or placeholders. Upstream documents cited by their own paths (`docs/user-guide/…` of Argo CD) have
 * a folder under `docs/`, which this repository's docs do not.
 */
function repositoryPaths(markdown: string): string[] {
  const found = markdown.matchAll(
    /(?<![\w./-])((?:apps|libs|tools|clusters|argocd)\/[\w./{}*<>-]+\.(?:ts|mjs|json|yaml|md)|docs\/[\w-]+\.md)\b/g,
  );
  return [...new Set([...found].map((m) => m[1]!))].filter((p) => !/[*<>{}]/.test(p));
}

describe('paths the documentation names', () => {
  it.each([...generated, ...handWritten])('%s: every repository path it names exists', (path) => {
    const missing = repositoryPaths(read(path)).filter((p) => !existsSync(join(root, p)));
    expect(missing).toEqual([]);
  });
});

/** The rows of the "Cluster prerequisites" table: id → its "when" cell. */
function prerequisiteTimings(readme: string): Map<string, string> {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Cluster prerequisites\n'))!;
  const rows = new Map<string, string>();
  for (const [, id, when] of section.matchAll(/^\| `([a-z0-9-]+)` \| [^|]+ \| ([^|]+) \|/gm))
    rows.set(id!, when!.trim());
  return rows;
}

describe('each cluster README: "First sync" follows the prerequisites table', () => {
  const clusters = generated.filter((p) => p.startsWith('clusters/'));

  it.each(clusters)(
    '%s: step 1 lists the prerequisites timed before it, step 3 those timed during it',
    (path) => {
      const readme = read(path);
      const timings = prerequisiteTimings(readme);
      expect(timings.size).toBeGreaterThan(0);
      const firstSync = readme.split(/^## /m).find((s) => s.startsWith('First sync\n'))!;
      const stepOne = firstSync.slice(firstSync.indexOf('**1. '), firstSync.indexOf('**2. '));
      const stepThree = firstSync.slice(firstSync.indexOf('**3. '));
      for (const [id, when] of timings) {
        const link = `[\`${id}\`](#cluster-prerequisites)`;
        expect(stepOne.includes(link), `${id} (${when}) in step 1`).toBe(when.startsWith('before'));
        expect(stepThree.includes(link), `${id} (${when}) in step 3`).toBe(when.startsWith('during'));
      }
    },
  );
});
