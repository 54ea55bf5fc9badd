import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fleet } from './fleet.js';
import { target } from './target.js';

describe('the argocd render target', () => {
  const files = target.build();

  it('writes one YAML file per object plus a README', () => {
    const yaml = [...files.keys()].filter((path) => path.endsWith('.yaml'));
    expect(files.has('README.md')).toBe(true);
    expect(yaml.sort()).toEqual(
      [
        'argocd/application/pms-argocd.yaml',
        ...fleet.map((c) => `argocd/application/${c.name}-aws-load-balancer-controller.yaml`),
        'argocd/applicationset/pms-clusters.yaml',
        'argocd/appproject/pms-bootstrap.yaml',
        'argocd/appproject/pms.yaml',
      ].sort(),
    );
    for (const path of yaml) expect(parse(files.get(path)!).kind).toBeTruthy();
  });

  it('orders project, controllers and ApplicationSet by sync wave', () => {
    const wave = (path: string) => Number(parse(files.get(path)!).metadata.annotations['argocd.argoproj.io/sync-wave']);
    const controller = `argocd/application/${fleet[0]!.name}-aws-load-balancer-controller.yaml`;
    expect(wave('argocd/appproject/pms.yaml')).toBeLessThan(wave(controller));
    expect(wave(controller)).toBeLessThan(wave('argocd/applicationset/pms-clusters.yaml'));
  });

  it('names every cluster and the pinned chart in the README', () => {
    const readme = files.get('README.md')!;
    for (const cluster of fleet) expect(readme).toContain(`clusters/${cluster.name}`);
    expect(readme).toContain('aws-load-balancer-controller 1.17.1 (v2.17.1)');
  });
});
