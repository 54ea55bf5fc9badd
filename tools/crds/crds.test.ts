import type { CrdVersionFact } from '@pms/crd-models';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crdFacts } from './facts.js';
import { modelsModule } from './generate.js';
import {
  CRDS_DIR,
  gitBlobId,
  LOCK_FILE,
  readLock,
  vendoredProblems,
  type CrdLock,
  type LockEntry,
} from './lock.js';
import { treeDifferences } from './tree.js';

const scratch: string[] = [];
afterEach(() => scratch.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pms-crds-test-'));
  scratch.push(dir);
  return dir;
}
function write(root: string, path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

const CRD_TEXT = 'kind: CustomResourceDefinition\n';
const entry = (blob: string, extra: Partial<LockEntry> = {}): LockEntry => ({
  repository: 'https://github.com/example/widget-operator',
  tag: 'v1.2.3',
  commit: 'a'.repeat(40),
  path: 'config/crd/bases/example.com_widgets.yaml',
  blob,
  ...extra,
});
/** A workspace with a lock of one vendored file, as `pnpm crds` reads it. */
function workspace(lock: CrdLock, files: Record<string, string>): string {
  const root = tempDir();
  write(root, LOCK_FILE, JSON.stringify(lock));
  for (const [file, text] of Object.entries(files)) write(root, `${CRDS_DIR}/${file}`, text);
  return root;
}

describe('the lock', () => {
  it('computes the git blob id git itself computes (`git hash-object`)', () => {
    // Well-known ids: the empty blob, and "hello\n".
    expect(gitBlobId(new Uint8Array())).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    expect(gitBlobId(new TextEncoder().encode('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  const file = 'widget-operator/example.com_widgets.yaml';
  const blob = gitBlobId(new TextEncoder().encode(CRD_TEXT));
  const lock: CrdLock = { generator: '@kubernetes-models/crd-generate@5.1.0', crds: { [file]: entry(blob) } };

  it('accepts vendored files equal to what the lock records', () => {
    const root = workspace(lock, { [file]: CRD_TEXT });
    expect(vendoredProblems(root, readLock(root))).toEqual([]);
  });

  it('refuses an edited file, naming both blob ids, the upstream source and the fix', () => {
    const root = workspace(lock, { [file]: `${CRD_TEXT}# local edit\n` });
    const [problem, ...rest] = vendoredProblems(root, lock);
    expect(rest).toEqual([]);
    expect(problem).toContain(`${CRDS_DIR}/${file} has git blob`);
    expect(problem).toContain(`but ${LOCK_FILE} records ${blob}`);
    expect(problem).toContain(
      'config/crd/bases/example.com_widgets.yaml at https://github.com/example/widget-operator v1.2.3',
    );
    expect(problem).toContain('bump the lock entry');
  });

  it('refuses a locked file that is missing and a vendored file the lock does not list', () => {
    const root = workspace(lock, { 'other-operator/example.com_gadgets.yaml': CRD_TEXT });
    expect(vendoredProblems(root, lock)).toEqual([
      `${CRDS_DIR}/${file} is in ${LOCK_FILE} but missing`,
      `${CRDS_DIR}/other-operator/example.com_gadgets.yaml is not in ${LOCK_FILE}; add its entry or remove it`,
    ]);
  });

  it('refuses a malformed entry, naming the field and what is allowed', () => {
    const root = workspace({ ...lock, crds: { [file]: entry('not-a-blob', { commit: 'v1.2.3' }) } }, {});
    expect(() => readLock(root)).toThrow(
      `crds["${file}"].commit = "v1.2.3": allowed: 40 lower-case hex digits`,
    );
  });
});

/** A CRD with two served versions (one the storage version), a description property, an int-or-string and CEL rules. */
const WIDGET_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: example.com
  scope: Cluster
  names: { kind: Widget }
  versions:
    - name: v1alpha1
      served: false
      storage: false
      schema: { openAPIV3Schema: { type: object } }
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-validations:
                - { rule: '!(has(self.a) && has(self.b))', message: 'a or b' }
              properties:
                description: { type: string, description: 'What the widget is for.', maxLength: 10 }
                port: { x-kubernetes-int-or-string: true, description: 'A port.' }
                items:
                  type: array
                  items:
                    type: object
                    properties:
                      name:
                        type: string
                        x-kubernetes-validations: [{ rule: 'self == oldSelf', message: immutable }]
`;

describe('facts read from a CRD', () => {
  it('lists each served version with what the generated validator misses', () => {
    const facts = crdFacts('widget-operator/widgets.yaml', WIDGET_CRD, entry('b'.repeat(40)));
    expect(facts).toEqual([
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        scope: 'Cluster',
        storage: true,
        file: 'widget-operator/widgets.yaml',
        source: 'example/widget-operator v1.2.3',
        descriptionFields: [{ parent: ['spec'], schema: { type: 'string', maxLength: 10 } }],
        intOrStringFields: [['spec', 'port']],
        celRules: [
          { path: ['spec'], rule: '!(has(self.a) && has(self.b))', message: 'a or b', transition: false },
          {
            path: ['spec', 'items', '[*]', 'name'],
            rule: 'self == oldSelf',
            message: 'immutable',
            transition: true,
          },
        ],
      },
    ]);
  });
});

describe('the exported names', () => {
  const fact = (kind: string, file: string): CrdVersionFact => ({
    apiVersion: `${file.split('/')[0]}.example.com/v1`,
    kind,
    scope: 'Namespaced',
    storage: true,
    file,
    source: 'example/operator v1',
    descriptionFields: [],
    intOrStringFields: [],
    celRules: [],
  });
  const certificates = [
    fact('Certificate', 'acm/certificates.yaml'),
    fact('Certificate', 'cert-manager/certificates.yaml'),
  ];
  const generated = certificates.map((f) => `${f.apiVersion}/${f.kind}.ts`);
  const lock = (prefix?: string): CrdLock => ({
    generator: '@kubernetes-models/crd-generate@5.1.0',
    crds: {
      'acm/certificates.yaml': entry('c'.repeat(40)),
      'cert-manager/certificates.yaml': entry('d'.repeat(40), prefix ? { exportPrefix: prefix } : {}),
    },
  });

  it('exports each kind as <Kind>, I<Kind> and I<Kind>Spec', () => {
    const module = modelsModule(certificates.slice(0, 1), lock(), generated);
    expect(module).toContain(
      'export { Certificate, type ICertificate } from "./acm.example.com/v1/Certificate";',
    );
    expect(module).toContain(
      'export type ICertificateSpec = NonNullable<import("./acm.example.com/v1/Certificate").ICertificate["spec"]>;',
    );
  });

  it('refuses two kinds of the same name unless one gets an export prefix in the lock', () => {
    expect(() => modelsModule(certificates, lock(), generated)).toThrow(
      /would both be exported as Certificate; give one of them an "exportPrefix" in libs\/crd-models\/crds\.lock\.json/,
    );
    const module = modelsModule(certificates, lock('CertManager'), generated);
    expect(module).toContain(
      'export { Certificate as CertManagerCertificate, type ICertificate as ICertManagerCertificate } from "./cert-manager.example.com/v1/Certificate";',
    );
    expect(module).toContain('export type ICertManagerCertificateSpec =');
  });
});

describe('treeDifferences', () => {
  it('names files that differ, are missing or are stale', () => {
    const [actual, expected] = [tempDir(), tempDir()];
    write(expected, 'a/same.ts', 'x');
    write(actual, 'a/same.ts', 'x');
    write(expected, 'changed.ts', 'new');
    write(actual, 'changed.ts', 'old');
    write(expected, 'new.ts', 'n');
    write(actual, 'stale.ts', 's');
    expect(treeDifferences(actual, expected)).toEqual([
      'changed.ts: differs',
      'new.ts: missing',
      'stale.ts: not generated (stale)',
    ]);
  });
});
