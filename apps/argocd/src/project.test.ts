import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@pms/core';
import { buildPmsCluster } from '@pms/platform';
import { CONTROLLER_NAMESPACE } from '@pms/security';
import { buildArgoCd, type BuiltArgoCd } from './build.js';
import { ACK_CHART_OBJECTS } from './ack-controllers.js';
import { CONTROLLER_CHART_OBJECTS } from './controller-release.js';
import { EXTERNAL_DNS_CHART } from './external-dns.js';
import { fleet } from './fleet.js';
import { generateApplications, selectSourceFiles } from './generator.js';
import { projectRefuses } from './project.js';
import { repositoryTree } from './repo-tree.js';

let built: BuiltArgoCd;
beforeAll(() => {
  built = buildArgoCd(fleet);
});

describe('AppProject pms', () => {
  it('permits every object each cluster renders, in that cluster', () => {
    for (const cluster of fleet) {
      for (const object of buildPmsCluster(cluster).manifests) {
        expect(
          projectRefuses(built.project, cluster.name, object),
          `${cluster.name} ${object.kind} ${object.metadata.name}`,
        ).toBeUndefined();
      }
    }
  });

  it('permits every object committed under clusters/, as the ApplicationSet would sync it', () => {
    const tree = repositoryTree();
    for (const app of generateApplications(built.applicationSet, tree.directories)) {
      const prefix = `${app.spec.source!.path}/`;
      const files = tree.files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
      for (const file of selectSourceFiles(app.spec.source!.directory, files)) {
        const object = parse(readFileSync(join(tree.root, prefix, file), 'utf8')) as Manifest;
        expect(
          projectRefuses(built.project, app.spec.destination.name!, object),
          `${prefix}${file}`,
        ).toBeUndefined();
      }
    }
  });

  it('permits every object of every cluster’s Helm releases, in that cluster, and their Applications’ destinations', () => {
    expect(built.releases.length).toBe(fleet.length);
    for (const { cluster, releases, applications } of built.releases) {
      expect(releases.length).toBeGreaterThan(0);
      for (const release of releases) {
        for (const object of release.objects) {
          const manifest = {
            apiVersion: object.group ? `${object.group}/v1` : 'v1',
            kind: object.kind,
            metadata: { name: object.name, ...(object.namespace ? { namespace: object.namespace } : {}) },
          };
          expect(
            projectRefuses(built.project, cluster, manifest),
            `${release.id} ${object.kind} ${object.name}`,
          ).toBeUndefined();
        }
      }
      for (const app of applications)
        expect(built.project.spec?.destinations).toContainEqual({
          name: cluster,
          namespace: app.spec.destination.namespace,
        });
    }
  });

  it('permits the controller chart’s objects in kube-system and the Applications’ own destinations', () => {
    for (const cluster of fleet) {
      for (const object of CONTROLLER_CHART_OBJECTS) {
        const manifest = {
          apiVersion: object.group ? `${object.group}/v1` : 'v1',
          kind: object.kind,
          metadata: { name: object.name, ...(object.namespaced ? { namespace: CONTROLLER_NAMESPACE } : {}) },
        };
        expect(
          projectRefuses(built.project, cluster.name, manifest),
          `${object.kind} ${object.name}`,
        ).toBeUndefined();
      }
    }
    const destinations = [
      ...built.controllers.map((a) => a.spec.destination),
      ...built.foundations.map((a) => a.spec.destination),
      built.applicationSet.spec.template.spec.destination,
    ];
    for (const destination of destinations) {
      const names = destination.name === '{{.cluster}}' ? fleet.map((c) => c.name) : [destination.name!];
      for (const name of names) {
        expect(built.project.spec?.destinations).toContainEqual({ name, namespace: destination.namespace });
      }
    }
  });

  it('permits the ACK charts’ objects in ack-system, in the watched namespace pms-aws, and cluster-wide', () => {
    const namespaceOf = { release: 'ack-system', watched: 'pms-aws', cluster: undefined } as const;
    for (const cluster of fleet) {
      for (const object of ACK_CHART_OBJECTS) {
        const namespace = namespaceOf[object.scope];
        const manifest = {
          apiVersion: object.group ? `${object.group}/v1` : 'v1',
          kind: object.kind,
          metadata: { name: 'x', ...(namespace ? { namespace } : {}) },
        };
        expect(
          projectRefuses(built.project, cluster.name, manifest),
          `${object.kind} in ${namespace}`,
        ).toBeUndefined();
      }
      for (const app of built.ack.find((a) => a.cluster === cluster.name)!.controllers) {
        expect(built.project.spec?.destinations).toContainEqual(app.spec.destination);
      }
    }
  });

  it('refuses kinds, namespaces and clusters that are not rendered', () => {
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'x' } };
    const member = fleet[0]!.name;
    expect(projectRefuses(built.project, member, pv)).toBe(
      'cluster-scoped PersistentVolume is not in clusterResourceWhitelist',
    );
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'default' } };
    expect(projectRefuses(built.project, member, secret)).toBe(
      `namespace default of cluster ${member} is not a destination`,
    );
    const inPms = { ...secret, metadata: { name: 'x', namespace: 'pms' } };
    expect(projectRefuses(built.project, 'some-other-cluster', inPms)).toBe(
      'namespace pms of cluster some-other-cluster is not a destination',
    );
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x', namespace: 'pms' } };
    expect(projectRefuses(built.project, member, job)).toBe('batch/Job is not in namespaceResourceWhitelist');
  });

  it('allows only this repository, the eks-charts, ACK and external-dns chart repositories and the ACK controllers in use, and warns about orphans', () => {
    expect(built.project.spec?.sourceRepos).toEqual([
      'https://github.com/example-org/pms-gitops.git',
      'https://aws.github.io/eks-charts',
      'public.ecr.aws/aws-controllers-k8s',
      EXTERNAL_DNS_CHART.repoURL,
      'https://github.com/aws-controllers-k8s/acm-controller.git',
      'https://github.com/aws-controllers-k8s/cloudwatch-controller.git',
      'https://github.com/aws-controllers-k8s/iam-controller.git',
      'https://github.com/aws-controllers-k8s/s3-controller.git',
      'https://github.com/aws-controllers-k8s/wafv2-controller.git',
      // The clusters' Helm releases (backing services, metrics-server): exactly their charts' repositories.
      ...[...new Set(built.releases.flatMap((c) => c.releases.map((r) => r.chart.repoURL)))].sort(),
    ]);
    // Every allowed source is used by a pms Application (or the ApplicationSet's), and nothing else is used.
    const specs = [
      ...built.manifests
        .filter((m) => m.kind === 'Application' && (m.spec as { project: string }).project === 'pms')
        .map((m) => m.spec),
      built.applicationSet.spec.template.spec,
    ] as { source?: { repoURL: string }; sources?: { repoURL: string }[] }[];
    const used = specs.flatMap((spec) =>
      [...(spec.source ? [spec.source] : []), ...(spec.sources ?? [])].map((s) => s.repoURL),
    );
    expect([...new Set(used)].sort()).toEqual([...built.project.spec!.sourceRepos!].sort());
    expect(built.project.spec?.orphanedResources).toEqual({ warn: true });
    expect(
      built.project.spec?.destinations?.every((d) => d.server === undefined && d.name && d.namespace),
    ).toBe(true);
  });
});

describe('the fleet', () => {
  it('refuses a cluster listed twice, once', () => {
    const name = fleet[0]!.name;
    // the whole message, one line: not every value the cluster shares with itself
    let message = '';
    try {
      buildArgoCd([fleet[0]!, fleet[0]!]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `[${name}] name = "${name}": listed twice in the fleet (apps/argocd/src/fleet.ts); allowed: each name once: it is the folder under clusters/, the Argo CD destination and the app (at fleet check)`,
    );
  });

  it('refuses an empty fleet', () => {
    expect(() => buildArgoCd([])).toThrow(
      '[argocd] fleet = []; allowed: at least one cluster (register the cluster apps in apps/argocd/src/fleet.ts)',
    );
  });
});
