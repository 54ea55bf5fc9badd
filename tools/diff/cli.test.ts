/**
 * `pnpm diff` end to end, in a temporary repository whose clusters render the fixture cluster from one shared
 * library: the base is rendered in a temporary worktree, the working tree fresh, for the affected clusters.
 * The commands run in-process (tools/diff/main.ts and tools/render/render-affected.ts, their output captured;
 * they still start git, Nx and the base's render) except in one test, which runs `pnpm diff` as the package
 * script does: a real process, its exit status and streams.
 *
 * Each `pnpm diff` starts Nx (`nx show projects --affected`, about a second of CPU) and, by default, renders the
 * base in a worktree (another second). So the default path runs where it is what the test is about: the pull
 * request's workflow (Nx's affected set, argocd affected but identical, a base whose committed output is stale
 * and must be rendered), a new cluster app Nx finds untracked, nothing affected, and the real process. Tests
 * about what the report says of a change pass `--all` (every target compared: Nx is not asked) and
 * `--base-output committed` on a base whose committed output is current (the first test leaves it so and checks
 * it with the drift check; the last renders before it commits).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureObjects, type FixtureOptions } from './__fixtures__/cluster.js';
import { clusterAppsOf, installFixtureLibrary, setFixtureObjects } from './__fixtures__/fixture-lib.js';
import { TempRepo, type RunResult } from './__fixtures__/temp-repo.js';
import { ExitStatus, isProdTarget } from './diff.js';
import { RISK_TITLES } from './risks.js';
import { main } from './main.js';
import { renderAffected } from '../render/render-affected.js';
import { PMS_SERVICES } from '@pms/networking';
import { FULL_WEIGHT } from '@pms/ingress';

let repo: TempRepo;
/** The cluster apps of the workspace (all of them render the fixture). */
let clusters: string[];

beforeAll(() => {
  repo = TempRepo.fromWorkspace();
  clusters = clusterAppsOf(repo);
  installFixtureLibrary(repo, fixtureObjects());
  repo.commit('clusters render the fixture');
});
afterAll(() => repo?.dispose());

const change = (options: FixtureOptions) => setFixtureObjects(repo, fixtureObjects(options));
/** `pnpm diff` in-process, in the repository. */
const diff = async (...args: string[]): Promise<RunResult> => {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    cwd: repo.dir,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr };
};
/** `pnpm render:affected` in-process, in the repository (Nx without colours, so its lines can be matched). */
const renderAffectedIn = async (...args: string[]): Promise<RunResult> => {
  let stdout = '';
  let stderr = '';
  const status = await renderAffected(args, {
    cwd: repo.dir,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr };
};
/** `pnpm diff` as a process of its own, as the package script runs it. */
const diffProcess = (...args: string[]) => repo.run('tsx', ['tools/diff/cli.ts', ...args]);
/** The Markdown section holding one cluster (alone or grouped with others), up to the next section. */
const section = (markdown: string, cluster: string) => {
  const heading = markdown
    .split('\n')
    .find((line) => line.startsWith('## ') && line.includes(`\`${cluster}\``));
  if (!heading) return '';
  const start = markdown.indexOf(`${heading}\n`);
  const next = markdown.indexOf('\n## `', start + 1);
  return markdown.slice(start, next === -1 ? undefined : next);
};

describe('pnpm diff', () => {
  it('shows a route change under Routing on every affected cluster, its moved API URLs loudly: exit 2', async () => {
    // the workflow of a pull request: change, re-render what is affected, commit both
    change({ apiPath: '/apis' });
    repo.commit('rename the API route');
    const render = await renderAffectedIn('--base', 'HEAD~1');
    expect(render.status, render.stderr).toBe(0);
    expect(render.stdout).toContain(`Successfully ran target render for ${clusters.length + 1} projects`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--amend', '--no-edit');

    const result = await diff('--base', 'HEAD~1');
    // the route moved (the backend keeps its rules): a change, with its old API URLs called out under Routing
    expect(result.status, result.stderr).toBe(ExitStatus.changes);
    // argocd imports the clusters' settings, so Nx counts it as affected; it renders identically: one line
    expect(result.stdout).toContain('Affected, but rendering identically (not shown): `argocd`.');
    expect(section(result.stdout, 'argocd')).toBe('');
    // every cluster changed alike, prod included (its deletions would differ; here nothing is deleted): one section
    const headings = result.stdout.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      `## ${clusters.map((c) => `\`${c}\`${isProdTarget(c) ? ' (prod)' : ''}`).join(', ')} — 0 added, 0 removed, 1 changed`,
    ]);
    for (const cluster of clusters) {
      const text = section(result.stdout, cluster);
      const routing = text.slice(text.indexOf('### Routing'), text.indexOf('### Reachability'));
      expect(routing, cluster).toContain(
        '**Rules removed** (1):\n\n- Prefix `/api` on `pms.example.com` → `apigateway:8080`',
      );
      expect(routing, cluster).toContain(
        '**Rules added** (1):\n\n- Prefix `/apis` on `pms.example.com` → `apigateway:8080`',
      );
      expect(routing, cluster).toContain(
        '| `pms.example.com/api/x` | `apigateway:8080` via `/api` | `frontend:80` via `/` |',
      );
      expect(routing, cluster).toContain(
        '> - `pms.example.com/api`, `pms.example.com/api/`, `pms.example.com/api/x`: `apigateway:8080` → `frontend:80` (the frontend)',
      );
      expect(text, cluster).not.toContain('[!CAUTION]');
    }
    // render:affected re-rendered exactly the affected clusters, so the committed output is current
    for (const cluster of clusters)
      expect(repo.read(`clusters/${cluster}/pms/ingress/pms.yaml`), cluster).toContain('path: /apis');
    expect(repo.node(['tools/render/bin.mjs', '--check']).status).toBe(0);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('reports removed DNS egress as closed connections', async () => {
    change({ apiPath: '/apis', dnsEgress: false });
    const result = await diff('--base', 'HEAD', '--all', '--base-output', 'committed');
    const prod = clusters.filter(isProdTarget);
    const other = clusters.find((c) => !isProdTarget(c))!;
    expect(prod.length, 'the workspace has a prod cluster and another one').toBeGreaterThan(0);
    const dev = section(result.stdout, other);
    const reachability = dev.slice(dev.indexOf('### Reachability'), dev.indexOf('### Objects'));
    expect(reachability).toContain(`**Closed** (${PMS_SERVICES.length}):`);
    expect(reachability).toContain('- `frontend → kube-dns: 53/TCP, 53/UDP`');
    expect(reachability).not.toContain('Opened');
    // deleting an object from prod is a risk of its own: only the prod clusters carry a flag
    expect(result.status).toBe(ExitStatus.risky);
    for (const cluster of prod)
      expect(section(result.stdout, cluster), cluster).toContain(
        '🚨 **Object deleted from prod**: NetworkPolicy pms/allow-dns is deleted',
      );
    expect(dev).not.toContain('[!CAUTION]');
  });

  it('flags a detached WAF as risky, exit 3, using the committed base output when asked (a real process)', () => {
    change({ apiPath: '/apis', waf: false });
    // the working tree has no rendered output at all: a base read from it, not from the commit, would flag nothing
    for (const dir of ['clusters', 'argocd']) rmSync(join(repo.dir, dir), { recursive: true, force: true });
    try {
      const result = diffProcess('--base', 'HEAD', '--base-output', 'committed');
      expect(result.status, result.stderr).toBe(ExitStatus.risky);
      expect(result.stdout).toContain(`🚨 Risky changes: ${clusters.length} risk flag(s) — exit 3`);
      for (const cluster of clusters)
        expect(section(result.stdout, cluster)).toContain('> - 🚨 **WAF detached**: web ACL `arn:aws:wafv2:');
    } finally {
      repo.git('checkout', '-q', '--', 'clusters', 'argocd');
    }
  });

  it('flags no risk for a new cluster: its reachability is not compared with the empty base it never had', async () => {
    // a new cluster app copied from an existing one, rendering the fixture like the others (uncommitted)
    const source = clusters[0]!;
    const name = 'pms-newcluster';
    for (const file of ['project.json', 'src/settings.ts', 'src/target.ts'])
      repo.write(`apps/${name}/${file}`, repo.read(`apps/${source}/${file}`).split(source).join(name));
    try {
      const result = await diff('--base', 'HEAD', '--base-output', 'committed');
      const text = section(result.stdout, name);
      expect(text, result.stdout).toContain('— new target');
      expect(text).toContain('Not compared: the target is new');
      expect(text).not.toContain('[!CAUTION]');
      expect(text).not.toContain('Load balancer cut off');
    } finally {
      repo.git('clean', '-qfd', '--', 'apps');
    }
  });

  it('exits 0 when nothing renders differently and 1 for a base that does not exist', async () => {
    repo.git('checkout', '-q', '--', '.');
    repo.git('clean', '-qfd', '--', 'clusters', 'libs');
    const same = await diff('--base', 'HEAD');
    expect(same.stdout).toContain('No rendered change — exit 0');
    expect(same.status).toBe(ExitStatus.unchanged);
    const bad = await diff('--base', 'no-such-branch');
    expect(bad.status).toBe(ExitStatus.error);
    expect(bad.stderr).toContain('base ref "no-such-branch" is not a commit');
  });

  it("shows a change of the migration's weights as a traffic shift (exit 2), and a jump straight to 100 % as a risk", async () => {
    const legacyLoadBalancers = [
      {
        name: 'frontend',
        hostname: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1234567890.eu-central-1.elb.amazonaws.com',
      },
    ];
    const at = (albWeightPercent: number) =>
      change({
        apiPath: '/apis',
        migration: {
          albWeightPercent,
          legacyLoadBalancers: albWeightPercent < FULL_WEIGHT ? legacyLoadBalancers : [],
        },
      });
    // committed with its output (as render:affected leaves a pull request): the base's committed output is current
    at(10);
    expect(repo.node(['tools/render/bin.mjs']).status).toBe(0);
    repo.commit('the migration at 10 %');
    try {
      at(50);
      const step = await diff('--base', 'HEAD', '--all', '--base-output', 'committed');
      // a change without a risk flag: exit 2
      expect(step.status, step.stderr).toBe(ExitStatus.changes);
      expect(step.stdout).toContain('**Changes — exit 2**');
      expect(step.stdout).not.toContain('[!CAUTION]');
      for (const cluster of clusters)
        expect(section(step.stdout, cluster)).toContain(
          '- Traffic shift: **ALB 10 % → 50 % (ALB 10 % / legacy 90 % → ALB 50 % / legacy 50 %)**',
        );

      at(FULL_WEIGHT);
      const jump = await diff('--base', 'HEAD', '--all', '--base-output', 'committed');
      expect(jump.status, jump.stderr).toBe(ExitStatus.risky);
      for (const cluster of clusters)
        expect(section(jump.stdout, cluster)).toContain(
          `> - 🚨 **${RISK_TITLES['traffic-jump-to-full']}**: ALB 10 % → 100 %`,
        );
    } finally {
      repo.git('reset', '-q', '--hard', 'HEAD~1');
    }
  });
});
