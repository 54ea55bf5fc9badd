/**
 * Temporary git repositories for the pull-request workflow tests: a copy of this workspace's working tree
 * (tracked and untracked files, without ignored ones such as node_modules, .nx and tmp) under os.tmpdir(),
 * with node_modules linked back and its own git history. The workspace's own git state is never touched.
 */
import { findWorkspaceRoot } from '@pms/render';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NX_ENV } from '../git.js';

/** Output of a command run in the repository. */
export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** A throw-away repository; call `dispose()` when done. */
export class TempRepo {
  /** Copies the working tree of the workspace into a fresh repository with one commit. */
  static fromWorkspace(): TempRepo {
    const source = findWorkspaceRoot();
    const dir = mkdtempSync(join(tmpdir(), 'pms-pr-test-'));
    // One tar pipe instead of a copy per file: the tracked and untracked files of the working tree, as git
    // lists them (a file deleted in the working tree but still in the index is skipped).
    execFileSync(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        'git ls-files -z --cached --others --exclude-standard | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$0"',
        dir,
      ],
      { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    symlinkSync(join(source, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const repo = new TempRepo(dir);
    repo.git('init', '-q', '-b', 'main');
    // `.gitignore` says `node_modules/`, which does not match a symbolic link
    writeFileSync(join(dir, '.git', 'info', 'exclude'), 'node_modules\n');
    repo.commit('copy of the workspace');
    return repo;
  }

  private constructor(readonly dir: string) {}

  /** Runs git; throws on failure. */
  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV },
    }).trim();
  }

  /** Stages everything and commits. */
  commit(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '--allow-empty', '-m', message);
  }

  /** Writes a file (creating folders). */
  write(path: string, content: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), content);
  }

  /** Reads a file. */
  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  /** Runs a workspace binary (`tsx`, `nx`) with the environment `pnpm diff` gives Nx (NX_ENV); never throws. */
  run(bin: string, args: readonly string[]): RunResult {
    return this.spawn(join(this.dir, 'node_modules', '.bin', bin), args);
  }

  /** Runs a script with this Node.js (e.g. `tools/render/bin.mjs --check`), as `run` does; never throws. */
  node(args: readonly string[]): RunResult {
    return this.spawn(process.execPath, args);
  }

  private spawn(command: string, args: readonly string[]): RunResult {
    const result = spawnSync(command, args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...GIT_ENV,
        ...NX_ENV,
        FORCE_COLOR: '0',
      },
    });
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  }

  /** `nx show projects --affected --withTarget render` for base..HEAD plus uncommitted files. */
  affected(base: string): string[] {
    const result = this.run('nx', [
      'show',
      'projects',
      '--affected',
      '--withTarget',
      'render',
      '--json',
      '--base',
      base,
    ]);
    if (result.status !== 0) throw new Error(result.stderr || result.stdout);
    return (JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as string[]).sort();
  }

  /** Removes the repository (and any worktree it registered). */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
