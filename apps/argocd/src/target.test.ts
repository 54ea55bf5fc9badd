import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPmsCluster } from '@pms/platform';
import { BOOTSTRAP_APPLICATION } from './bootstrap.js';
import { buildArgoCd } from './build.js';
import { BOOTSTRAP_PROJECT } from './repository.js';
import { fleet } from './fleet.js';
import { target } from './target.js';

describe('the argocd render target', () => {
  const files = target.build();
  const built = buildArgoCd(fleet);

  it('writes one YAML file per object plus a README', () => {
    const yaml = [...files.keys()].filter((path) => path.endsWith('.yaml'));
    expect(files.has('README.md')).toBe(true);
    expect(yaml.sort()).toEqual(
      [
        'argocd/application/pms-argocd.yaml',
        ...fleet.map((c) => `argocd/application/${c.name}-foundation.yaml`),
        ...fleet.map((c) => `argocd/application/${c.name}-aws-load-balancer-controller.yaml`),
        ...fleet.map((c) => `argocd/application/${c.name}-external-dns.yaml`),
        ...fleet.flatMap((c) => [
          `argocd/application/${c.name}-ack-crds.yaml`,
          ...built.ack
            .find((a) => a.cluster === c.name)!
            .usages.map((u) => `argocd/application/${c.name}-ack-${u.controller.service}-controller.yaml`),
        ]),
        ...fleet.flatMap((c) =>
          buildPmsCluster(c).releases.map((r) => `argocd/application/${c.name}-${r.id}.yaml`),
        ),
        'argocd/applicationset/pms-clusters.yaml',
        'argocd/configmap/argocd-cm.yaml',
        'argocd/appproject/pms-bootstrap.yaml',
        'argocd/appproject/pms.yaml',
      ].sort(),
    );
    for (const path of yaml) expect(parse(files.get(path)!).kind).toBeTruthy();
  });

  it('orders project, ACK CRDs, controllers and ApplicationSet by sync wave', () => {
    const wave = (path: string) =>
      Number(parse(files.get(path)!).metadata.annotations['argocd.argoproj.io/sync-wave']);
    for (const cluster of fleet) {
      const controller = `argocd/application/${cluster.name}-aws-load-balancer-controller.yaml`;
      const ackCrds = `argocd/application/${cluster.name}-ack-crds.yaml`;
      const ack = `argocd/application/${cluster.name}-ack-wafv2-controller.yaml`;
      expect(wave('argocd/appproject/pms.yaml')).toBeLessThan(wave(ackCrds));
      expect(wave(ackCrds)).toBeLessThan(wave(ack));
      expect(wave(ack)).toBe(wave(controller));
      expect(wave(controller)).toBeLessThan(wave('argocd/applicationset/pms-clusters.yaml'));
    }
  });

  it('names every cluster and the pinned chart in the README', () => {
    const readme = files.get('README.md')!;
    for (const cluster of fleet) expect(readme).toContain(`clusters/${cluster.name}`);
    expect(readme).toContain('aws-load-balancer-controller 1.17.1 (v2.17.1)');
    expect(readme).toContain('wafv2-chart 1.4.2');
  });

  it('names files as the repository has them, and applies only the bootstrap project and Application by hand', () => {
    const readme = files.get('README.md')!;
    const named = [...readme.matchAll(/`(argocd\/[^`\s]+\.yaml)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    // `files` is relative to argocd/: every path the README names is `argocd/` + one of them.
    for (const path of named) expect(files.has(path.slice('argocd/'.length)), path).toBe(true);
    const apply = /kubectl apply --server-side -n argocd ((?:-f [^\s`]+ ?)+)/.exec(readme)![1]!;
    const applied = apply.trim().split(/ ?-f /).filter(Boolean);
    expect(applied.map((path) => parse(files.get(path.slice('argocd/'.length))!).metadata.name)).toEqual([
      BOOTSTRAP_PROJECT,
      BOOTSTRAP_APPLICATION,
    ]);
  });

  it('lists each ACK controller’s IAM role as a bootstrap prerequisite, with its subject and permissions', () => {
    const readme = files.get('README.md')!;
    expect(readme).toContain('Bootstrap prerequisite: the controllers’ IAM roles');
    for (const cluster of fleet) {
      for (const service of built.ack
        .find((a) => a.cluster === cluster.name)!
        .usages.map((u) => u.controller.service)) {
        expect(readme).toContain(
          `arn:aws:iam::${cluster.aws.accountId}:role/${cluster.name}-ack-${service}-controller`,
        );
      }
    }
    expect(readme).toContain('system:serviceaccount:ack-system:ack-wafv2-controller');
    expect(readme).not.toContain('AWSWAFFullAccess');
    expect(readme).toContain('`wafv2:GetLoggingConfiguration`');
    expect(readme).toContain('system:serviceaccount:ack-system:ack-s3-controller');
  });
});
