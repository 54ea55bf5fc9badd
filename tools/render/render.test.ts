/**
 * End-to-end behaviour of `pnpm render` on a copy of this workspace (so the real checkout is never touched):
 * determinism across runs and checkout paths, pruning, and atomic failure on bad settings. Every render is a
 * real process (what `pnpm render` runs, about a second of CPU each), so the tests share one copy, rendered once
 * in beforeAll; each puts back what it changed (its output is compared with that first render's).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PmsClusterSettings } from '@pms/platform';
import { findWorkspaceRoot, readTree } from '@pms/render';
import { loadClusterSettings } from './targets.js';

const source = findWorkspaceRoot();
/** Every cluster app of the workspace: a cluster added to it is covered without touching this file. */
const fleet = await loadClusterSettings<PmsClusterSettings>(source);
const cluster = fleet[0]!;
const COPIED = ['apps', 'libs', 'tools', 'nx.json', 'tsconfig.base.json', 'tsconfig.json', 'package.json'];

/** Copies the workspace sources (not its rendered output) to a fresh folder under a distinct path. */
function copyWorkspace(label: string): string {
  const root = join(mkdtempSync(join(tmpdir(), `pms-${label}-`)), 'checkout', label);
  for (const entry of COPIED) cpSync(join(source, entry), join(root, entry), { recursive: true });
  symlinkSync(join(source, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

function render(root: string): { status: number | null; stdout: string; stderr: string } {
  // What `pnpm render` runs.
  const result = spawnSync(process.execPath, ['tools/render/bin.mjs'], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** clusters/ and argocd/ of a workspace, as one map. */
function output(root: string): Map<string, string> {
  const tree = new Map<string, string>();
  for (const dir of ['clusters', 'argocd'])
    for (const [path, content] of readTree(join(root, dir))) tree.set(`${dir}/${path}`, content);
  return tree;
}

let first: string;
let firstOutput: Map<string, string>;
beforeAll(() => {
  first = copyWorkspace('first');
  const result = render(first);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  firstOutput = output(first);
});

describe('pnpm render', () => {
  it('renders every cluster and argocd/, one YAML file per object plus a README', () => {
    expect(fleet.length).toBeGreaterThan(0);
    for (const { name } of fleet) {
      expect(firstOutput.has(`clusters/${name}/README.md`)).toBe(true);
      expect(firstOutput.has(`clusters/${name}/_cluster/namespace/pms.yaml`)).toBe(true);
    }
    expect(firstOutput.has('argocd/README.md')).toBe(true);
  });

  it('is deterministic: a second run changes nothing', () => {
    const again = render(first);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toMatch(/\d+ (added|changed|removed)/);
    expect(output(first)).toEqual(firstOutput);
  });

  it('produces byte-identical output from another checkout path', () => {
    const second = copyWorkspace('elsewhere');
    expect(render(second).status).toBe(0);
    expect(output(second)).toEqual(firstOutput);
  });

  it('never writes timestamps, absolute paths or cdk8s hashes', () => {
    for (const [path, content] of firstOutput) {
      expect(content, path).not.toContain(source);
      expect(content, path).not.toContain(first);
      expect(content, path).not.toMatch(
        /cdk8s\.io\/metadata\.addr|creationTimestamp|\d{4}-\d\d-\d\dT\d\d:\d\d/,
      );
      expect(content.endsWith('\n'), path).toBe(true);
    }
  });

  it('removes, on the next render, a stray file from a cluster folder and the folder of a cluster app that no longer exists', () => {
    // both in one render: each is removed by its own rule (a file no target renders; a folder no app renders)
    const old = `${cluster.name}-old`;
    writeFileSync(join(first, 'clusters', cluster.name, 'stray.yaml'), 'kind: Stray\n');
    cpSync(join(first, 'clusters', cluster.name), join(first, 'clusters', old), { recursive: true });
    const result = render(first);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`clusters/${cluster.name}:`);
    expect(result.stdout).toContain('1 removed');
    expect(result.stdout).toContain(`✓ clusters/${old}: removed (no app renders it)`);
    expect(output(first)).toEqual(firstOutput);
  });

  it('refuses a certificate in another region, exits non-zero and leaves every rendered file as it was', () => {
    const settingsFile = join(first, 'apps', cluster.name, 'src', 'settings.ts');
    const settings = readFileSync(settingsFile, 'utf8');
    const { accountId, region } = cluster.aws;
    const elsewhere = region === 'us-east-1' ? 'eu-west-1' : 'us-east-1';
    const arn = `arn:aws:acm:${elsewhere}:${accountId}:certificate/1d2e3f40-3333-4a5b-8c6d-7e8f9a0b1c2d`;
    const hostLine = `  host: '${cluster.host}',\n`;
    expect(settings).toContain(hostLine);
    // Pin a certificate of another region on purpose.
    writeFileSync(settingsFile, settings.replace(hostLine, `${hostLine}  certificateArn: '${arn}',\n`));
    try {
      const result = render(first);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `✗ ${cluster.name}: render failed (settings: apps/${cluster.name}/src/settings.ts)`,
      );
      expect(result.stderr).toContain(
        `[${cluster.name}] certificateArn = "${arn}": is in region ${elsewhere}, but the cluster is in ${region}`,
      );
      expect(result.stderr).toContain('nothing was written');
      expect(output(first)).toEqual(firstOutput);
    } finally {
      writeFileSync(settingsFile, settings);
    }
  });

  it('refuses a copied cluster app that still carries the original name, writing nothing', () => {
    const copy = `${cluster.name}-copy`;
    const copied = join(first, 'apps', copy);
    cpSync(join(first, 'apps', cluster.name), copied, { recursive: true });
    try {
      const result = render(first);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `✗ apps/${copy} renders target "${cluster.name}" (its settings' name); allowed: "${copy}", the app's folder name`,
      );
      expect(result.stderr).toContain('nothing was written');
      expect(output(first)).toEqual(firstOutput);
    } finally {
      rmSync(copied, { recursive: true, force: true });
    }
  });
});
