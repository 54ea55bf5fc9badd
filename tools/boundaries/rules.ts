/**
 * Module boundaries of the workspace, in the shape of Nx's `depConstraints`: a project tagged `sourceTag`
 * may only depend on projects carrying one of `onlyDependOnLibsWithTags`. Checked by `pnpm boundaries`
 * against the Nx project graph, together with the import rules in check.ts.
 */
export interface DepConstraint {
  readonly sourceTag: string;
  readonly onlyDependOnLibsWithTags: readonly string[];
}

export const DEP_CONSTRAINTS: readonly DepConstraint[] = [
  // Libraries never depend on apps; apps may depend on libraries.
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  // The shared model depends on nothing of ours.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
  // Models generated from the vendored CRDs (libs/crd-models): nothing of ours either.
  { sourceTag: 'scope:models', onlyDependOnLibsWithTags: [] },
  // File-system side of rendering: only the shared model.
  { sourceTag: 'scope:render', onlyDependOnLibsWithTags: ['scope:shared'] },
  // Strict schema validation: the shared model and the CRD models.
  { sourceTag: 'scope:validation', onlyDependOnLibsWithTags: ['scope:shared', 'scope:models'] },
  // Concern libraries: the shared model, the CRD models and each other (through their public index, acyclic).
  {
    sourceTag: 'scope:concern',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:models', 'scope:concern'],
  },
  // Composition of one cluster.
  {
    sourceTag: 'scope:platform',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:concern', 'scope:validation'],
  },
  // A cluster app: its settings composed by the platform, written by the render lib.
  {
    sourceTag: 'scope:cluster',
    onlyDependOnLibsWithTags: ['scope:platform', 'scope:render', 'scope:shared'],
  },
  // The Argo CD app reads the cluster apps' settings modules (only those; see ALLOWED_APP_IMPORTS).
  {
    sourceTag: 'scope:fleet',
    onlyDependOnLibsWithTags: [
      'scope:platform',
      'scope:render',
      'scope:shared',
      'scope:concern',
      'scope:validation',
      'scope:cluster',
    ],
  },
];

/** Every project carries exactly one tag of each of these families. */
export const REQUIRED_TAG_FAMILIES = ['type', 'scope'] as const;

/**
 * The only files of an app another project may import: a cluster app's settings (plain data). Anything
 * else in an app is private to it.
 */
export const ALLOWED_APP_IMPORTS: readonly RegExp[] = [/^apps\/[^/]+\/src\/settings\.ts$/];

/**
 * The concern libraries, lowest first: a concern may use only concerns before it in this list. The order follows
 * the data: networking declares the catalogue (with its health values) and the graph; ingress routes to the
 * catalogue's Services; security's gate reads the ingress model; monitoring reads what all three produce.
 */
export const CONCERN_ORDER: readonly string[] = ['networking', 'ingress', 'security', 'monitoring'];

/**
 * The one subpath a library may expose besides its index: `@pms/<lib>/testing` (`libs/<lib>/src/testing/index.ts`),
 * its test builders. Only test code may import it: test files, fixtures and other test builders.
 */
export const TESTING_SUBPATH = '/testing';

/** Projects whose `src/index.ts` must name every export (no `export *`): the concern libraries. */
export const NAMED_EXPORTS_TAG = 'scope:concern';

/** Files that are test code: tests (type-level `*.test-d.ts` too), fixtures and test builders (`src/testing/`). */
export const TEST_CODE = /\.test(-d)?\.ts$|\/__fixtures__\/|\/src\/testing\//;

/** Projects that must stay pure (Tanka's rule: libraries never read the environment): no I/O, no process state. */
export const PURE_TAGS: readonly string[] = [
  'scope:shared',
  'scope:models',
  'scope:concern',
  'scope:platform',
  'scope:validation',
];

/** Modules a pure project may not import outside its tests. */
export const IMPURE_MODULES =
  /^(node:)?(fs|fs\/promises|child_process|os|net|http|https|http2|dgram|dns|worker_threads|cluster|readline|process|zx|esbuild)$/;

/** Uses of process state a pure project may not make outside its tests. */
export const IMPURE_GLOBALS = /\bprocess\.(env|cwd|argv|exit|exitCode|stdout|stderr|stdin|chdir)\b/;
