import { ConfigError, type RenderTarget } from '@pms/core';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTree } from './tree.js';
import { findOrphans, renderTargets } from './run.js';

const target = (name: string, files: Record<string, string>): RenderTarget => ({
  name,
  outDir: `clusters/${name}`,
  build: () => new Map(Object.entries(files)),
});
const failing = (name: string): RenderTarget => ({
  name,
  outDir: `clusters/${name}`,
  build: () => {
    throw new ConfigError({ cluster: name, field: 'host', value: 'x', allowed: 'a DNS name' });
  },
});

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'pms-run-'));
  mkdirSync(join(root, 'clusters', 'a'), { recursive: true });
  writeFileSync(join(root, 'clusters', 'a', 'old.yaml'), 'old\n');
  return root;
}

const libraryError = (name: string): RenderTarget => ({
  name,
  outDir: `clusters/${name}`,
  settingsFile: `apps/${name}/src/settings.ts`,
  settings: { name, host: 'x' },
  build: () => {
    throw new ConfigError({
      cluster: name,
      field: 'PMS_GRAPH (libs/networking/src/graph.ts) edges[3].to',
      value: 'billing',
      allowed: 'a PMS service',
      where: `${name}/networking`,
    });
  },
});

describe('renderTargets', () => {
  it('writes every target when all build', () => {
    const root = workspace();
    const report = renderTargets(root, [
      target('a', { 'new.yaml': 'n\n' }),
      target('b', { 'x.yaml': 'x\n' }),
    ]);
    expect(report.ok).toBe(true);
    expect([...readTree(join(root, 'clusters', 'a')).keys()]).toEqual(['new.yaml']);
    expect(report.lines).toEqual([
      '✓ clusters/a: 1 files, 1 added, 1 removed, 0 changed',
      '✓ clusters/b: 1 files, 1 added, 0 removed, 0 changed',
    ]);
  });

  it('writes nothing at all when any target fails, and says why', () => {
    const root = workspace();
    const report = renderTargets(root, [target('a', { 'new.yaml': 'n\n' }), failing('b')]);
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toBe('✗ b: render failed\n    [b] host = "x"; allowed: a DNS name');
    expect(report.lines.at(-1)).toBe('nothing was written: 1 of 2 target(s) failed');
    expect([...readTree(join(root, 'clusters', 'a'))]).toEqual([['old.yaml', 'old\n']]);
  });

  it('reports a problem shared by several clusters once, naming them, and no settings file for a library error', () => {
    const report = renderTargets(workspace(), [libraryError('pms-a'), libraryError('pms-b')]);
    expect(report.lines).toEqual([
      '✗ pms-a, pms-b: render failed\n    [pms-a, pms-b] PMS_GRAPH (libs/networking/src/graph.ts) edges[3].to = "billing"; allowed: a PMS service (at <cluster>/networking)',
      'nothing was written: 2 of 2 target(s) failed',
    ]);
    const one = renderTargets(workspace(), [libraryError('a')]);
    expect(one.lines[0]).toMatch(/^✗ a: render failed\n/);
  });

  it('names the settings file for an issue of a settings field', () => {
    const settingsError: RenderTarget = {
      ...failing('c'),
      settingsFile: 'apps/c/src/settings.ts',
      settings: { name: 'c', host: 'x' },
    };
    expect(renderTargets(workspace(), [settingsError]).lines[0]).toBe(
      '✗ c: render failed (settings: apps/c/src/settings.ts)\n    [c] host = "x"; allowed: a DNS name',
    );
  });

  it('gives every build the workspace’s targets and prints its warnings, once for identical ones', () => {
    const seen: string[][] = [];
    const warning = (name: string): RenderTarget => ({
      name,
      outDir: `clusters/${name}`,
      build: (context) => {
        seen.push(context!.targets.map((t) => t.name));
        context!.warn({ cluster: name, field: 'PMS_GRAPH', value: 'billing', allowed: 'an edge to it' });
        return new Map([['x.yaml', 'x\n']]);
      },
    });
    const all = [warning('pms-a'), warning('pms-b'), target('z', {})];
    const report = renderTargets(workspace(), all.slice(0, 2), 'write', { workspace: all });
    expect(seen).toEqual([
      ['pms-a', 'pms-b', 'z'],
      ['pms-a', 'pms-b', 'z'],
    ]);
    expect(report.ok).toBe(true);
    expect(report.lines.at(-1)).toBe('⚠ [pms-a, pms-b] PMS_GRAPH = "billing"; allowed: an edge to it');
  });

  it('reports unexpected errors with their stack rather than hiding them', () => {
    const broken: RenderTarget = {
      name: 'c',
      outDir: 'clusters/c',
      build: () => {
        throw new TypeError('boom');
      },
    };
    const report = renderTargets(workspace(), [broken]);
    expect(report.lines[0]).toContain('unexpected error: TypeError: boom');
  });

  it('in check mode lists stale files and writes nothing', () => {
    const root = workspace();
    const report = renderTargets(root, [target('a', { 'new.yaml': 'n\n' })], 'check');
    expect(report.ok).toBe(false);
    expect(report.lines).toEqual([
      '✗ clusters/a is not current (1 added, 1 removed, 0 changed):',
      '    added   clusters/a/new.yaml',
      '    removed clusters/a/old.yaml',
      'run `pnpm render` and commit the result',
    ]);
    expect([...readTree(join(root, 'clusters', 'a')).keys()]).toEqual(['old.yaml']);
  });

  it('removes, in write mode, a folder of an exclusive parent that no target renders', () => {
    const root = workspace();
    mkdirSync(join(root, 'clusters', 'pms-old', 'pms'), { recursive: true });
    writeFileSync(join(root, 'clusters', 'pms-old', 'pms', 'x.yaml'), 'x\n');
    mkdirSync(join(root, 'clusters', '.in-flight'), { recursive: true });
    const report = renderTargets(root, [target('a', { 'new.yaml': 'n\n' })], 'write', {
      exclusiveParents: ['clusters'],
    });
    expect(report.ok).toBe(true);
    expect(report.lines).toContain('✓ clusters/pms-old: removed (no app renders it)');
    expect(existsSync(join(root, 'clusters', 'pms-old'))).toBe(false);
    expect(existsSync(join(root, 'clusters', '.in-flight'))).toBe(true);
  });

  it('fails the drift check on a folder no target renders, and keeps it', () => {
    const root = workspace();
    mkdirSync(join(root, 'clusters', 'pms-old'), { recursive: true });
    const report = renderTargets(root, [target('a', { 'old.yaml': 'old\n' })], 'check', {
      exclusiveParents: ['clusters'],
    });
    expect(report.ok).toBe(false);
    expect(report.lines).toContain(
      '✗ clusters/pms-old is not rendered by any app: delete it, or restore the app that rendered it',
    );
    expect(existsSync(join(root, 'clusters', 'pms-old'))).toBe(true);
  });

  it('leaves other folders alone without exclusive parents (rendering a subset of the apps)', () => {
    const root = workspace();
    mkdirSync(join(root, 'clusters', 'pms-other'), { recursive: true });
    expect(renderTargets(root, [target('a', { 'old.yaml': 'old\n' })], 'check').ok).toBe(true);
    expect(findOrphans(root, [target('a', {})], ['clusters'])).toEqual(['clusters/pms-other']);
  });
});
