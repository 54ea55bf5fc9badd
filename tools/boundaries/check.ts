import {
  ALLOWED_APP_IMPORTS,
  CONCERN_ORDER,
  DEP_CONSTRAINTS,
  IMPURE_GLOBALS,
  IMPURE_MODULES,
  NAMED_EXPORTS_TAG,
  PURE_TAGS,
  REQUIRED_TAG_FAMILIES,
  TEST_CODE,
  TESTING_SUBPATH,
  type DepConstraint,
} from './rules.js';

/** A project as the check sees it. */
export interface ProjectInfo {
  readonly name: string;
  /** Root folder relative to the workspace, e.g. `libs/ingress`. */
  readonly root: string;
  readonly type: 'app' | 'lib';
  readonly tags: readonly string[];
}

/** One import found in a source file. */
export interface ImportRef {
  /** File relative to the workspace root. */
  readonly file: string;
  /** The import specifier as written. */
  readonly specifier: string;
  /** For relative imports: the resolved file relative to the workspace root. */
  readonly resolved?: string;
  /** True for `export * from …` (a re-export of everything the module exports). */
  readonly exportAll?: boolean;
}

/** A line of a source file that uses process state (`process.env`, …). */
export interface GlobalUse {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** A broken rule: where, what and how to fix it. */
export interface Violation {
  readonly where: string;
  readonly message: string;
}

/**
 * Workspace alias of a library: `@pms/<name>` maps to `libs/<name>/src/index.ts`, `@pms/<name>/testing` to its
 * test builders `libs/<name>/src/testing/index.ts`.
 */
const ALIAS = /^@pms\/([a-z0-9-]+)(\/.*)?$/;

/**
 * Checks tags, dependency constraints, cycles and import paths. `dependencies` are the Nx project graph's
 * edges (project name → names it depends on); `imports` are the import statements of every source file.
 */
export function checkBoundaries(
  projects: readonly ProjectInfo[],
  dependencies: ReadonlyMap<string, readonly string[]>,
  imports: readonly ImportRef[],
  constraints: readonly DepConstraint[] = DEP_CONSTRAINTS,
  globals: readonly GlobalUse[] = [],
): Violation[] {
  const violations: Violation[] = [];
  const byName = new Map(projects.map((p) => [p.name, p]));

  for (const project of projects) {
    for (const family of REQUIRED_TAG_FAMILIES) {
      const count = project.tags.filter((tag) => tag.startsWith(`${family}:`)).length;
      if (count !== 1) {
        violations.push({
          where: project.name,
          message: `has ${count} "${family}:" tags; every project needs exactly one (set "tags" in ${project.root}/project.json)`,
        });
      }
    }
    if (project.type === 'app' && !project.tags.includes('type:app')) {
      violations.push({ where: project.name, message: 'is an application but not tagged "type:app"' });
    }
  }

  for (const [source, targets] of dependencies) {
    const from = byName.get(source);
    if (!from) continue;
    for (const target of targets) {
      const to = byName.get(target);
      if (!to) continue;
      for (const constraint of constraints) {
        if (!from.tags.includes(constraint.sourceTag)) continue;
        if (!constraint.onlyDependOnLibsWithTags.some((tag) => to.tags.includes(tag))) {
          violations.push({
            where: `${source} → ${target}`,
            message: `a project tagged "${constraint.sourceTag}" may only depend on projects tagged ${
              constraint.onlyDependOnLibsWithTags.map((t) => `"${t}"`).join(', ') || '(nothing)'
            }; ${target} is tagged ${to.tags.map((t) => `"${t}"`).join(', ')}`,
          });
        }
      }
    }
  }

  for (const [source, targets] of dependencies) {
    const from = CONCERN_ORDER.indexOf(source);
    if (from === -1 || !byName.get(source)?.tags.includes('scope:concern')) continue;
    for (const target of targets) {
      const to = CONCERN_ORDER.indexOf(target);
      if (to !== -1 && to >= from) {
        violations.push({
          where: `${source} → ${target}`,
          message: `concern libraries depend downwards only (${CONCERN_ORDER.join(' ← ')}); ${source} may not use ${target}`,
        });
      }
    }
  }

  for (const cycle of findCycles(dependencies)) {
    violations.push({
      where: cycle.join(' → '),
      message: 'circular dependency between projects; break it by moving the shared part down',
    });
  }

  const ownerOf = (file: string) =>
    projects
      .filter((p) => file === p.root || file.startsWith(`${p.root}/`))
      .sort((a, b) => b.root.length - a.root.length)[0];
  const isPure = (file: string) => {
    const owner = ownerOf(file);
    return (
      owner !== undefined &&
      !/\.test\.ts$|\/__fixtures__\//.test(file) &&
      PURE_TAGS.some((tag) => owner.tags.includes(tag))
    );
  };
  for (const use of globals) {
    if (!isPure(use.file)) continue;
    violations.push({
      where: `${use.file}:${use.line}`,
      message: `${ownerOf(use.file)!.name} is a pure library but uses ${use.text}; take the value as a parameter from the app or tool`,
    });
  }
  for (const ref of imports) {
    if (isPure(ref.file) && IMPURE_MODULES.test(ref.specifier)) {
      violations.push({
        where: `${ref.file}: "${ref.specifier}"`,
        message: `${ownerOf(ref.file)!.name} is a pure library and may not import "${ref.specifier}"; I/O belongs in libs/render, apps and tools`,
      });
    }
  }
  for (const ref of imports) {
    const owner = ownerOf(ref.file);
    if (
      ref.exportAll &&
      owner?.tags.includes(NAMED_EXPORTS_TAG) &&
      ref.file === `${owner.root}/src/index.ts`
    ) {
      violations.push({
        where: `${ref.file}: "${ref.specifier}"`,
        message: `${owner.name}'s public surface is its named exports; re-export the names other projects use instead of "export *"`,
      });
    }
    const alias = ALIAS.exec(ref.specifier);
    const testCode = TEST_CODE.test(ref.file);
    if (alias) {
      if (alias[2] === TESTING_SUBPATH) {
        if (!testCode) {
          violations.push({
            where: `${ref.file}: "${ref.specifier}"`,
            message: `production code may not import test builders; "@pms/${alias[1]}/testing" is for tests, __fixtures__ and other src/testing/ modules only`,
          });
        }
      } else if (alias[2]) {
        violations.push({
          where: `${ref.file}: "${ref.specifier}"`,
          message: `deep import into @pms/${alias[1]}; import from "@pms/${alias[1]}" (its src/index.ts) instead`,
        });
      }
      if (owner && alias[1] === owner.name) {
        violations.push({
          where: `${ref.file}: "${ref.specifier}"`,
          message: `${owner.name} imports itself through its alias; use a relative import inside a project`,
        });
      }
      continue;
    }
    if (!ref.resolved || !owner) continue;
    if (!testCode && /\/src\/testing\//.test(ref.resolved)) {
      violations.push({
        where: `${ref.file}: "${ref.specifier}"`,
        message: `production code may not import test builders (${ref.resolved}); only tests, __fixtures__ and src/testing/ modules may`,
      });
    }
    const target = ownerOf(ref.resolved);
    if (!target || target.name === owner.name) continue;
    const allowed =
      target.type === 'app' && ALLOWED_APP_IMPORTS.some((pattern) => pattern.test(ref.resolved!));
    if (!allowed) {
      violations.push({
        where: `${ref.file}: "${ref.specifier}"`,
        message:
          target.type === 'lib'
            ? `relative import into ${target.name}; import from "@pms/${target.name}" instead`
            : `imports ${ref.resolved} of app ${target.name}; only a cluster app's src/settings.ts may be imported from outside it`,
      });
    }
  }
  return violations;
}

/** Every elementary cycle reachable in the graph, each reported once (rotated to start at its smallest name). */
export function findCycles(dependencies: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const visit = (node: string, stack: string[]) => {
    const index = stack.indexOf(node);
    if (index !== -1) {
      const cycle = stack.slice(index);
      const start = cycle.indexOf([...cycle].sort()[0]!);
      const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
      cycles.set(rotated.join('>'), [...rotated, rotated[0]!]);
      return;
    }
    if (stack.length > dependencies.size) return;
    for (const next of dependencies.get(node) ?? []) visit(next, [...stack, node]);
  };
  for (const node of dependencies.keys()) visit(node, []);
  return [...cycles.values()];
}
