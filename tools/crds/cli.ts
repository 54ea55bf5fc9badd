/**
 * `pnpm crds`: regenerates libs/crd-models/src/generated/ from the vendored CRDs (into a temporary folder, then
 * swapped in). `pnpm crds:check` (`--check`, part of `pnpm check`): the vendored CRDs match the lock and the
 * checked-in generated code equals a fresh generation byte for byte; writes nothing in the work tree. A check
 * whose inputs and generated code are those of a generation it already ran answers from its cache
 * (tools/crds/check-cache.ts) without generating again.
 */
import { findWorkspaceRoot } from '@pms/render';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir, generationKey, recalled, remember, treeDigest } from './check-cache.js';
import { generateInto, preflight } from './generate.js';
import { GENERATED_DIR, readLock } from './lock.js';
import { treeDifferences } from './tree.js';

const root = findWorkspaceRoot();
const check = process.argv.includes('--check');
const t0 = performance.now();
const lock = readLock(root);
const target = join(root, GENERATED_DIR);
const kinds = (versions: number) =>
  `${versions} served versions of ${Object.keys(lock.crds).length} vendored CRDs`;
const seconds = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

const problems = preflight(root, lock);
if (problems.length > 0) {
  process.stderr.write(`✗ ${problems.join('\n')}\n`);
  process.exit(1);
}
const cache = cacheDir(root);
const key = generationKey(root);
const known = check ? recalled(cache, key) : undefined;
if (known && treeDigest(target) === known.digest) {
  process.stdout.write(
    `✓ crds: vendored files match the lock; generated code is current (${kinds(known.versions)}, as generated before with the same inputs, ${seconds()})\n`,
  );
  process.exit(0);
}

// Regenerating: a sibling of the target, so the swap is a rename on one file system. Checking: outside the work
// tree, which it leaves untouched. Removed whatever happens.
const scratch = mkdtempSync(check ? join(tmpdir(), 'pms-crds-') : join(root, 'libs', 'crd-models', '.crds-'));
try {
  const fresh = join(scratch, 'generated');
  let facts;
  try {
    facts = generateInto(root, lock, fresh);
  } catch (error) {
    process.stderr.write(`✗ ${(error as Error).message}\n`);
    process.exit(1);
  }
  // Remembered only when nothing the key covers changed while the generator ran.
  if (generationKey(root) === key)
    remember(cache, key, { digest: treeDigest(fresh)!, versions: facts.length });
  if (check) {
    const differences = treeDifferences(target, fresh);
    if (differences.length > 0) {
      for (const line of differences) process.stderr.write(`✗ ${GENERATED_DIR}/${line}\n`);
      process.stderr.write(
        `${GENERATED_DIR} is not what the vendored CRDs generate: run \`pnpm crds\`, review the diff and commit it\n`,
      );
      process.exitCode = 1;
    } else {
      process.stdout.write(
        `✓ crds: vendored files match the lock; generated code is current (${kinds(facts.length)}, ${seconds()})\n`,
      );
    }
  } else {
    const previous = join(scratch, 'previous');
    if (existsSync(target)) renameSync(target, previous);
    renameSync(fresh, target);
    process.stdout.write(`✓ crds: generated ${GENERATED_DIR} (${kinds(facts.length)}) in ${seconds()}\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
