/**
 * The pull-request workflow (.github/workflows/pull-request.yml) as a specification: what it runs on, what it
 * checks out, how it finds base and head (its shell step, run here against real merge commits), and how the
 * risk gate and the report are wired.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@pms/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly if?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly if?: string;
  readonly needs?: string;
  readonly environment?: string;
  readonly outputs?: Record<string, string>;
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Record<string, { types?: string[]; branches?: string[] }>;
  readonly concurrency: { group: string; 'cancel-in-progress': string };
  readonly jobs: Record<string, Job>;
}

const workflow = parse(
  readFileSync(join(findWorkspaceRoot(), '.github/workflows/pull-request.yml'), 'utf8'),
) as Workflow;
const step = (job: string, name: string) => {
  const found = workflow.jobs[job]!.steps.find((s) => s.name === name || s.uses?.startsWith(name));
  if (!found) throw new Error(`no step ${name} in ${job}`);
  return found;
};

describe('pull-request workflow', () => {
  it('runs on pull requests (not on label events), merge groups and pushes to main', () => {
    expect(workflow.on['pull_request']).toEqual({
      branches: ['main'],
      types: ['opened', 'synchronize', 'reopened'],
    });
    expect(workflow.on['merge_group']).toEqual({ types: ['checks_requested'] });
    expect(workflow.on['push']).toEqual({ branches: ['main'] });
    // the checks job (drift check included) runs for every event
    expect(workflow.jobs['checks']!.if).toBeUndefined();
    expect(workflow.jobs['checks']!.steps.some((s) => s.run === 'pnpm drift')).toBe(true);
  });

  it('cancels superseded runs of a pull request only', () => {
    expect(workflow.concurrency['cancel-in-progress']).toBe("${{ github.event_name == 'pull_request' }}");
    expect(workflow.concurrency.group).toContain('|| github.sha');
  });

  it('checks out the event commit (the merge result of a pull request), never the head alone', () => {
    for (const job of ['checks', 'render-diff']) {
      const checkout = step(job, 'actions/checkout');
      expect(checkout.with).toEqual({ 'fetch-depth': 0 });
    }
    expect(JSON.stringify(workflow)).not.toContain('pull_request.head.sha ||');
    expect(step('render-diff', 'pnpm diff').run).toContain(
      "pnpm diff --base 'HEAD^1' --base-output committed",
    );
  });

  it('gates risky diffs on an environment approval, and keeps the report even when the diff fails', () => {
    expect(workflow.jobs['render-diff']!.outputs).toEqual({ status: '${{ steps.diff.outputs.status }}' });
    expect(workflow.jobs['risk-gate']).toMatchObject({
      needs: 'render-diff',
      if: "github.event_name == 'pull_request' && needs.render-diff.outputs.status == '3'",
      environment: 'risk-acceptance',
    });
    expect(JSON.stringify(workflow)).not.toContain('risk-accepted');
    expect(step('render-diff', 'Keep the full report').if).toBe('always()');
  });
});

describe('the Base and head step', () => {
  const script = step('checks', 'Base and head').run!;
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.invalid',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.invalid',
        GIT_CONFIG_NOSYSTEM: '1',
      },
    }).trim();
  const commit = (file: string) => {
    writeFileSync(join(dir, file), file);
    git('add', file);
    git('commit', '-q', '-m', file);
    return git('rev-parse', 'HEAD');
  };
  /** Runs the step as GitHub does (bash -e) and returns what it wrote to GITHUB_ENV. */
  const run = (env: Record<string, string>) => {
    const githubEnv = join(dir, '.github-env');
    writeFileSync(githubEnv, '');
    const result = spawnSync('bash', ['-e', '-c', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ENV: githubEnv, ...env },
      // No stdin (as on a runner): with a socket for stdin bash reads ~/.bashrc (bash(1), INVOCATION).
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: result.status, stdout: result.stdout, env: readFileSync(githubEnv, 'utf8') };
  };
  let main1: string, main2: string, feature: string, merge: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-workflow-test-'));
    git('init', '-q', '-b', 'main');
    main1 = commit('a');
    git('checkout', '-q', '-b', 'feature');
    feature = commit('b');
    git('checkout', '-q', 'main');
    main2 = commit('c'); // main moved on after the branch
    git('merge', '-q', '--no-ff', '-m', 'merge', 'feature');
    merge = git('rev-parse', 'HEAD');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compares a pull request’s merge commit with its first parent, the current main', () => {
    const result = run({ EVENT_NAME: 'pull_request' });
    expect(result.status).toBe(0);
    expect(result.env).toBe(`NX_BASE=${main2}\nNX_HEAD=${merge}\n`);
  });

  it('refuses a pull request checkout that is not a merge commit', () => {
    git('checkout', '-q', feature);
    const result = run({ EVENT_NAME: 'pull_request' });
    git('checkout', '-q', 'main');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`::error::expected the pull request's merge commit`);
  });

  it('uses the merge group’s base, and the pushed range with a fallback to HEAD~1', () => {
    expect(run({ EVENT_NAME: 'merge_group', MERGE_GROUP_BASE: main1 }).env).toBe(
      `NX_BASE=${main1}\nNX_HEAD=${merge}\n`,
    );
    expect(run({ EVENT_NAME: 'push', PUSH_BEFORE: main1 }).env).toContain(`NX_BASE=${main1}\n`);
    expect(run({ EVENT_NAME: 'push', PUSH_BEFORE: '0'.repeat(40) }).env).toContain(`NX_BASE=${main2}\n`);
  });
});
