/**
 * The lock of the vendored CRDs (libs/crd-models/crds.lock.json) and the checks that tie each vendored file to
 * its upstream source: the file's git blob id must be the one the lock records, and every file under crds/ must be
 * in the lock (and the reverse).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The models library, relative to the workspace root. */
export const CRD_MODELS_LIB = 'libs/crd-models';
/** The lock, relative to the workspace root. */
export const LOCK_FILE = `${CRD_MODELS_LIB}/crds.lock.json`;
/** The vendored CRD files, relative to the workspace root. */
export const CRDS_DIR = `${CRD_MODELS_LIB}/crds`;
/** The generated code, relative to the workspace root (replaced as a whole by `pnpm crds`). */
export const GENERATED_DIR = `${CRD_MODELS_LIB}/src/generated`;

/** Where one vendored CRD file comes from. */
export interface LockEntry {
  /** The upstream repository, e.g. `https://github.com/aws-controllers-k8s/acm-controller`. */
  readonly repository: string;
  /** The release tag the file is taken from. */
  readonly tag: string;
  /** The commit the tag points to (40 hex digits). */
  readonly commit: string;
  /** The file's path inside the repository at that commit. */
  readonly path: string;
  /** Its git blob id (`git hash-object <file>`, `git rev-parse <commit>:<path>`). */
  readonly blob: string;
  /**
   * Prefix for the exported names of its kinds, for a kind whose name another vendored CRD already uses
   * (e.g. `CertManager` → `CertManagerCertificate`). @default none: the kind's own name.
   */
  readonly exportPrefix?: string;
}

/** libs/crd-models/crds.lock.json. */
export interface CrdLock {
  /** `<package>@<exact version>` of the generator the checked-in code was generated with. */
  readonly generator: string;
  /** Every vendored CRD, by its path under crds/ (`<upstream repository name>/<file name>`). */
  readonly crds: Readonly<Record<string, LockEntry>>;
}

const HEX40 = /^[0-9a-f]{40}$/;
const FILE_KEY = /^[a-z0-9][a-z0-9.-]*\/[A-Za-z0-9_.-]+\.ya?ml$/;

/** Reads and checks the shape of the lock; throws naming the entry and field at fault. */
export function readLock(root: string): CrdLock {
  const lock = JSON.parse(readFileSync(join(root, LOCK_FILE), 'utf8')) as CrdLock;
  const problems: string[] = [];
  if (typeof lock.generator !== 'string' || !/^@?[\w/.-]+@\d+\.\d+\.\d+$/.test(lock.generator))
    problems.push(`generator = ${JSON.stringify(lock.generator)}: allowed: "<package>@<exact version>"`);
  for (const [file, entry] of Object.entries(lock.crds ?? {})) {
    if (!FILE_KEY.test(file))
      problems.push(`crds["${file}"]: allowed: "<upstream repository name>/<file>.yaml" under crds/`);
    for (const field of ['repository', 'tag', 'commit', 'path', 'blob'] as const) {
      if (typeof entry[field] !== 'string' || entry[field] === '')
        problems.push(`crds["${file}"].${field} is missing`);
    }
    if (!/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/.test(entry.repository ?? ''))
      problems.push(
        `crds["${file}"].repository = ${JSON.stringify(entry.repository)}: allowed: https://github.com/<owner>/<name>`,
      );
    for (const field of ['commit', 'blob'] as const) {
      if (!HEX40.test(entry[field] ?? ''))
        problems.push(
          `crds["${file}"].${field} = ${JSON.stringify(entry[field])}: allowed: 40 lower-case hex digits`,
        );
    }
    if (entry.exportPrefix !== undefined && !/^[A-Z][A-Za-z0-9]*$/.test(entry.exportPrefix))
      problems.push(
        `crds["${file}"].exportPrefix = ${JSON.stringify(entry.exportPrefix)}: allowed: a PascalCase word`,
      );
  }
  if (problems.length > 0) throw new Error(`${LOCK_FILE}:\n  ${problems.join('\n  ')}`);
  return lock;
}

/** The vendored files in lock order (sorted by their path under crds/, so generation is deterministic). */
export function lockedFiles(lock: CrdLock): string[] {
  return Object.keys(lock.crds).sort();
}

/** Git's blob id of some bytes: SHA-1 of `blob <length>\0<bytes>` (what `git hash-object` prints). */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/**
 * Every way the vendored files depart from the lock: a locked file missing or with another blob id (edited, or
 * replaced without bumping the lock), or a YAML file under crds/ the lock does not list. Empty when they agree.
 */
export function vendoredProblems(root: string, lock: CrdLock): string[] {
  const problems: string[] = [];
  const dir = join(root, CRDS_DIR);
  for (const file of lockedFiles(lock)) {
    const entry = lock.crds[file]!;
    const path = join(dir, file);
    if (!existsSync(path)) {
      problems.push(`${CRDS_DIR}/${file} is in ${LOCK_FILE} but missing`);
      continue;
    }
    const blob = gitBlobId(readFileSync(path));
    if (blob !== entry.blob) {
      problems.push(
        `${CRDS_DIR}/${file} has git blob ${blob}, but ${LOCK_FILE} records ${entry.blob} (${entry.path} at ${entry.repository} ${entry.tag}); ` +
          'restore the upstream file byte for byte, or bump the lock entry (tag, commit, blob) when upgrading',
      );
    }
  }
  for (const file of yamlFilesUnder(dir)) {
    if (!(file in lock.crds))
      problems.push(`${CRDS_DIR}/${file} is not in ${LOCK_FILE}; add its entry or remove it`);
  }
  return problems;
}
