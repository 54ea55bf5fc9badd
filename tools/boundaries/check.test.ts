import { describe, expect, it } from 'vitest';
import { checkBoundaries, findCycles, type ProjectInfo } from './check.js';

const lib = (name: string, scope: string): ProjectInfo => ({
  name,
  root: `libs/${name}`,
  type: 'lib',
  tags: ['type:lib', `scope:${scope}`],
});
const app = (name: string, scope: string): ProjectInfo => ({
  name,
  root: `apps/${name}`,
  type: 'app',
  tags: ['type:app', `scope:${scope}`],
});

const projects = [
  lib('core', 'shared'),
  lib('ingress', 'concern'),
  lib('networking', 'concern'),
  lib('platform', 'platform'),
  lib('render', 'render'),
  app('pms-dev', 'cluster'),
  app('argocd', 'fleet'),
];
const deps = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('module boundaries', () => {
  it('accepts the intended layering', () => {
    const graph = deps({
      ingress: ['core', 'networking'],
      networking: ['core'],
      platform: ['core', 'ingress', 'networking'],
      'pms-dev': ['platform', 'render'],
      argocd: ['platform', 'pms-dev'],
    });
    const imports = [
      {
        file: 'apps/argocd/src/fleet.ts',
        specifier: '../../pms-dev/src/settings.js',
        resolved: 'apps/pms-dev/src/settings.ts',
      },
    ];
    expect(checkBoundaries(projects, graph, imports)).toEqual([]);
  });

  it('refuses a library that depends on an app', () => {
    const violations = checkBoundaries(projects, deps({ ingress: ['pms-dev'] }), []);
    expect(violations.map((v) => v.where)).toContain('ingress → pms-dev');
    expect(violations[0]!.message).toContain(
      'a project tagged "type:lib" may only depend on projects tagged "type:lib"',
    );
  });

  it('refuses the shared model depending on a concern', () => {
    const [violation] = checkBoundaries(projects, deps({ core: ['ingress'] }), []);
    expect(violation!.message).toContain('"scope:shared" may only depend on projects tagged (nothing)');
  });

  it('refuses a cluster app reaching into a concern library directly', () => {
    const [violation] = checkBoundaries(projects, deps({ 'pms-dev': ['ingress'] }), []);
    expect(violation).toMatchObject({ where: 'pms-dev → ingress' });
  });

  it('refuses cycles between concern libraries', () => {
    const violations = checkBoundaries(
      projects,
      deps({ ingress: ['networking'], networking: ['ingress'] }),
      [],
    );
    expect(violations.map((v) => v.where)).toContain('ingress → networking → ingress');
  });

  it('lets test code, and only test code, import a library’s test builders', () => {
    const testing = (file: string) => ({ file, specifier: '@pms/networking/testing' });
    const violations = checkBoundaries(projects, deps({}), [
      testing('libs/ingress/src/ingress.test.ts'),
      testing('libs/ingress/src/__fixtures__/cluster.ts'),
      testing('libs/ingress/src/testing/index.ts'),
      testing('libs/ingress/src/ingress.ts'),
    ]);
    expect(violations).toEqual([
      {
        where: 'libs/ingress/src/ingress.ts: "@pms/networking/testing"',
        message:
          'production code may not import test builders; "@pms/networking/testing" is for tests, __fixtures__ and other src/testing/ modules only',
      },
    ]);
  });

  it('makes concern libraries name their public surface: no "export *" in their index', () => {
    const violations = checkBoundaries(projects, deps({}), [
      {
        file: 'libs/ingress/src/index.ts',
        specifier: './routes.js',
        resolved: 'libs/ingress/src/routes.ts',
        exportAll: true,
      },
      {
        file: 'libs/ingress/src/alb-model/index.ts',
        specifier: './rules.js',
        resolved: 'libs/ingress/src/alb-model/rules.ts',
        exportAll: true,
      },
      {
        file: 'libs/core/src/index.ts',
        specifier: './checks.js',
        resolved: 'libs/core/src/checks.ts',
        exportAll: true,
      },
    ]);
    expect(violations).toEqual([
      {
        where: 'libs/ingress/src/index.ts: "./routes.js"',
        message:
          'ingress\'s public surface is its named exports; re-export the names other projects use instead of "export *"',
      },
    ]);
  });

  it('refuses production code reaching its own test builders by a relative import', () => {
    const violations = checkBoundaries(projects, deps({}), [
      {
        file: 'libs/core/src/index.ts',
        specifier: './testing/index.js',
        resolved: 'libs/core/src/testing/index.ts',
      },
      {
        file: 'libs/core/src/cluster/validate.test.ts',
        specifier: '../testing/index.js',
        resolved: 'libs/core/src/testing/index.ts',
      },
    ]);
    expect(violations.map((v) => v.where)).toEqual(['libs/core/src/index.ts: "./testing/index.js"']);
  });

  it('refuses deep imports past a library’s public index', () => {
    const [violation] = checkBoundaries(projects, deps({}), [
      { file: 'libs/ingress/src/a.ts', specifier: '@pms/networking/src/catalogue.js' },
    ]);
    expect(violation!.message).toBe(
      'deep import into @pms/networking; import from "@pms/networking" (its src/index.ts) instead',
    );
  });

  it('refuses relative imports into another project, except a cluster app’s settings', () => {
    const violations = checkBoundaries(projects, deps({}), [
      {
        file: 'libs/ingress/src/a.ts',
        specifier: '../../networking/src/catalogue.js',
        resolved: 'libs/networking/src/catalogue.ts',
      },
      {
        file: 'apps/argocd/src/a.ts',
        specifier: '../../pms-dev/src/target.js',
        resolved: 'apps/pms-dev/src/target.ts',
      },
    ]);
    expect(violations.map((v) => v.message)).toEqual([
      'relative import into networking; import from "@pms/networking" instead',
      "imports apps/pms-dev/src/target.ts of app pms-dev; only a cluster app's src/settings.ts may be imported from outside it",
    ]);
  });

  it('requires exactly one type and one scope tag', () => {
    const untagged: ProjectInfo = { name: 'x', root: 'libs/x', type: 'lib', tags: ['type:lib'] };
    const [violation] = checkBoundaries([untagged], deps({}), []);
    expect(violation!.message).toContain('has 0 "scope:" tags');
  });

  it('finds each cycle once', () => {
    expect(findCycles(deps({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(deps({ a: ['b'], b: [] }))).toEqual([]);
  });

  it('keeps concern libraries in their order: networking ← ingress ← security ← monitoring', () => {
    const concerns = [
      lib('networking', 'concern'),
      lib('ingress', 'concern'),
      lib('security', 'concern'),
      lib('monitoring', 'concern'),
    ];
    expect(
      checkBoundaries(
        concerns,
        deps({
          ingress: ['networking'],
          security: ['ingress', 'networking'],
          monitoring: ['networking', 'ingress', 'security'],
        }),
        [],
      ),
    ).toEqual([]);
    expect(checkBoundaries(concerns, deps({ networking: ['monitoring'] }), [])).toEqual([
      {
        where: 'networking → monitoring',
        message:
          'concern libraries depend downwards only (networking ← ingress ← security ← monitoring); networking may not use monitoring',
      },
    ]);
  });

  it('keeps pure libraries free of I/O and process state, outside their tests', () => {
    const imports = [
      { file: 'libs/networking/src/catalogue.ts', specifier: 'node:fs' },
      { file: 'libs/networking/src/catalogue.test.ts', specifier: 'node:fs' },
      { file: 'libs/render/src/tree.ts', specifier: 'node:fs' },
    ];
    const globals = [
      { file: 'libs/ingress/src/a.ts', line: 3, text: 'process.env' },
      { file: 'libs/render/src/cli.ts', line: 9, text: 'process.stdout' },
    ];
    const projectsWithRender = [...projects];
    expect(
      checkBoundaries(projectsWithRender, deps({}), imports, undefined, globals).map((v) => v.message),
    ).toEqual([
      'ingress is a pure library but uses process.env; take the value as a parameter from the app or tool',
      'networking is a pure library and may not import "node:fs"; I/O belongs in libs/render, apps and tools',
    ]);
  });
});
