import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareWithCdk8s } from './compare.js';

const service = (name: string, port: number) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: pms\nspec:\n  ports:\n    - port: ${port}\n`;

describe('comparing cdk8s synth output with ours', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-bench-compare-'));
    mkdirSync(join(dir, 'ours/clusters/pms-dev/pms/Service'), { recursive: true });
    mkdirSync(join(dir, 'cdk8s'));
    writeFileSync(join(dir, 'ours/clusters/pms-dev/pms/Service/api.yaml'), service('api', 8080));
    writeFileSync(join(dir, 'ours/clusters/pms-dev/pms/Service/web.yaml'), service('web', 80));
    writeFileSync(join(dir, 'ours/clusters/pms-dev/README.md'), '# not an object\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the same objects equal whatever the YAML layout and document order', () => {
    writeFileSync(
      join(dir, 'cdk8s/pms-dev.k8s.yaml'),
      `${service('web', 80)}---\n{"apiVersion": "v1", "kind": "Service", "metadata": {"namespace": "pms", "name": "api"}, "spec": {"ports": [{"port": 8080}]}}\n`,
    );
    const result = compareWithCdk8s(join(dir, 'cdk8s'), join(dir, 'ours'), ['pms-dev']);
    expect(result).toEqual({
      equal: true,
      objects: 2,
      clusters: [{ cluster: 'pms-dev', cdk8sObjects: 2, ourObjects: 2, differing: [] }],
    });
  });

  it('names objects that differ in content or exist on one side only', () => {
    writeFileSync(join(dir, 'cdk8s/pms-dev.k8s.yaml'), `${service('api', 9090)}---\n${service('extra', 1)}`);
    const result = compareWithCdk8s(join(dir, 'cdk8s'), join(dir, 'ours'), ['pms-dev']);
    expect(result.equal).toBe(false);
    expect(result.clusters[0]!.differing).toEqual([
      'v1 Service pms/api',
      'v1 Service pms/extra',
      'v1 Service pms/web',
    ]);
  });

  it('does not call two empty outputs equal', () => {
    expect(compareWithCdk8s(join(dir, 'cdk8s'), join(dir, 'nothing'), ['pms-dev']).equal).toBe(false);
  });
});
