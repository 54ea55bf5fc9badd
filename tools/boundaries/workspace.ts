import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { GlobalUse, ImportRef, ProjectInfo } from './check.js';
import { IMPURE_GLOBALS } from './rules.js';

/** The Nx project graph of the workspace (projects and dependency edges), via `nx graph --file`. */
export function readProjectGraph(root: string): {
  projects: ProjectInfo[];
  dependencies: Map<string, string[]>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'pms-graph-'));
  try {
    const file = join(dir, 'graph.json');
    execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['graph', `--file=${file}`], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'pipe',
    });
    const graph = JSON.parse(readFileSync(file, 'utf8')).graph as {
      nodes: Record<string, { type: string; data: { root: string; tags?: string[] } }>;
      dependencies: Record<string, { target: string }[]>;
    };
    const projects = Object.entries(graph.nodes).map(([name, node]) => ({
      name,
      root: node.data.root,
      type: node.type === 'app' ? ('app' as const) : ('lib' as const),
      tags: node.data.tags ?? [],
    }));
    const dependencies = new Map(
      Object.entries(graph.dependencies).map(([name, deps]) => [
        name,
        deps.map((d) => d.target).filter((target) => target in graph.nodes),
      ]),
    );
    return { projects, dependencies };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;

/** Every import and every use of process state in the TypeScript files under the given project roots. */
export function readSources(
  root: string,
  projectRoots: readonly string[],
): { imports: ImportRef[]; globals: GlobalUse[] } {
  const refs: ImportRef[] = [];
  const globals: GlobalUse[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules') continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.ts')) {
        const file = relative(root, path).split(sep).join('/');
        const text = readFileSync(path, 'utf8');
        text.split('\n').forEach((line, index) => {
          const use = IMPURE_GLOBALS.exec(line);
          if (use && !/^\s*(\*|\/\/)/.test(line)) globals.push({ file, line: index + 1, text: use[0] });
        });
        for (const match of text.matchAll(IMPORT)) {
          const specifier = (match[1] ?? match[2] ?? match[3])!;
          const resolved = specifier.startsWith('.')
            ? relative(root, resolve(dirname(path), specifier.replace(/\.js$/, '.ts')))
                .split(sep)
                .join('/')
            : undefined;
          const exportAll = /^\s*export\s*\*\s*from/.test(match[0].replace(/^[\s;]/, ''));
          refs.push({
            file,
            specifier,
            ...(resolved ? { resolved } : {}),
            ...(exportAll ? { exportAll } : {}),
          });
        }
      }
    }
  };
  for (const projectRoot of projectRoots) walk(join(root, projectRoot));
  return { imports: refs, globals };
}
