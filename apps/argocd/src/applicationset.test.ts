import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTO_SYNC_SWITCH, clusterApplicationName, type Manifest } from '@pms/core';
import { buildPmsCluster } from '@pms/platform';
import {
  CLUSTER_FILES_EXCLUDE,
  CLUSTER_FILES_INCLUDE,
  clustersApplicationSet,
  controllerOwnedFields,
} from './applicationset.js';
import { FOUNDATION_FILES } from './foundation.js';
import { buildArgoCd, type BuiltArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { generateApplications, renderGoTemplate, selectSourceFiles } from './generator.js';
import { repositoryTree } from './repo-tree.js';

let built: BuiltArgoCd;
const tree = repositoryTree();
beforeAll(() => {
  built = buildArgoCd(fleet);
});

describe('the list generator, evaluated against this repository', () => {
  it('creates exactly one Application per cluster folder, and the folders are the fleet', () => {
    const apps = generateApplications(built.applicationSet, tree.directories);
    const folders = tree.directories
      .filter((d) => /^clusters\/[^/]+$/.test(d))
      .map((d) => d.slice('clusters/'.length));
    expect(apps.map((a) => a.name).sort()).toEqual([...folders].sort());
    expect([...folders].sort()).toEqual(fleet.map((c) => c.name).sort());
  });

  it('points each Application at its folder and at the cluster registered under the folder name', () => {
    for (const app of generateApplications(built.applicationSet, tree.directories)) {
      expect(app.spec.source?.path).toBe(`clusters/${app.name}`);
      expect(app.spec.destination.name).toBe(app.name);
      expect(app.spec.project).toBe('pms');
      expect(app.spec.syncPolicy?.automated).toEqual({
        enabled: true,
        prune: true,
        selfHeal: true,
        allowEmpty: false,
      });
      expect(app.spec.source?.directory).toEqual({
        recurse: true,
        include: CLUSTER_FILES_INCLUDE,
        exclude: CLUSTER_FILES_EXCLUDE,
      });
    }
  });

  it("names each Application as the clusters' on-call pages do (clusterApplicationName of @pms/core)", () => {
    for (const app of generateApplications(built.applicationSet, tree.directories)) {
      expect(app.name).toBe(clusterApplicationName(app.spec.destination.name!));
    }
  });

  it('leaves the auto-sync switch of a generated Application alone, so an on-call pause holds', () => {
    expect(built.applicationSet.spec.ignoreApplicationDifferences).toEqual([
      { jsonPointers: [AUTO_SYNC_SWITCH.pointer] },
    ]);
    // The pointer names a field the template sets: pausing flips it, resuming restores the template's value.
    let value: unknown = built.applicationSet.spec.template;
    for (const key of AUTO_SYNC_SWITCH.pointer.split('/').slice(1))
      value = (value as Record<string, unknown>)[key];
    expect(value).toBe(true);
    expect(JSON.parse(AUTO_SYNC_SWITCH.patch(false))).toEqual({
      spec: { syncPolicy: { automated: { enabled: false } } },
    });
  });

  it('finds YAML objects, and only YAML objects, in every generated path', () => {
    for (const app of generateApplications(built.applicationSet, tree.directories)) {
      const prefix = `${app.spec.source!.path}/`;
      const files = tree.files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
      const selected = selectSourceFiles(app.spec.source!.directory, files);
      expect(selected.length, `${prefix} holds YAML`).toBeGreaterThan(0);
      expect(selected).not.toContain('README.md');
      expect(selected.every((f) => f.endsWith('.yaml'))).toBe(true);
      for (const file of selected) {
        const object = parse(readFileSync(join(tree.root, prefix, file), 'utf8')) as Manifest;
        expect(
          object.apiVersion && object.kind && object.metadata?.name,
          `${prefix}${file} is an object`,
        ).toBeTruthy();
      }
    }
  });

  it('keeps a JSON document in a cluster folder out of the sync (Argo CD would load it without the include)', () => {
    const files = [
      'README.md',
      '_cluster/namespace/pms.yaml',
      'pms/service/frontend.yaml',
      'iam/controller-policy.json',
    ];
    expect(selectSourceFiles({ recurse: true, include: CLUSTER_FILES_INCLUDE }, files)).toEqual([
      '_cluster/namespace/pms.yaml',
      'pms/service/frontend.yaml',
    ]);
    expect(selectSourceFiles({ recurse: true }, files)).toContain('iam/controller-policy.json');
    expect(selectSourceFiles({ recurse: false, include: CLUSTER_FILES_INCLUDE }, files)).toEqual([]);
  });

  it('turns a new folder into an Application only once the fleet lists its cluster (the list, not the tree)', () => {
    const folders = [...tree.directories, 'clusters/pms-eu2', 'clusters/pms-eu2/pms'];
    expect(generateApplications(built.applicationSet, folders).map((a) => a.name)).not.toContain('pms-eu2');
    const listed = clustersApplicationSet({ clusters: ['pms-eu2'], namespace: 'pms', ignoreDifferences: [] });
    const [app] = generateApplications(listed, folders);
    expect(app?.name).toBe('pms-eu2');
    expect(app?.spec.destination.name).toBe('pms-eu2');
    expect(app?.spec.source?.path).toBe('clusters/pms-eu2');
  });

  it('leaves the foundation files to the foundation Application: every YAML file has exactly one of the two', () => {
    for (const app of generateApplications(built.applicationSet, tree.directories)) {
      const prefix = `${app.spec.source!.path}/`;
      const files = tree.files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
      const cluster = selectSourceFiles(app.spec.source!.directory, files);
      const foundation = selectSourceFiles({ recurse: true, include: FOUNDATION_FILES }, files);
      expect(foundation.length, `${prefix} has a foundation`).toBeGreaterThan(0);
      expect(cluster.filter((f) => foundation.includes(f))).toEqual([]);
      expect([...cluster, ...foundation].sort()).toEqual(files.filter((f) => f.endsWith('.yaml')).sort());
    }
  });

  it('refuses template keys the generator does not provide (missingkey=error)', () => {
    expect(() => renderGoTemplate('{{.path.basenme}}', { path: { basename: 'x' } })).toThrow(
      /\.path\.basenme/,
    );
  });
});

describe('ignoreDifferences', () => {
  const hpa = (name: string, target: string): Manifest => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: 'pms' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target } },
  });
  const deployment = (name: string, replicas?: number): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'pms' },
    spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: { app: name } } },
  });

  it('ignores spec.replicas of an autoscaled workload that renders spec.replicas', () => {
    expect(controllerOwnedFields([hpa('auth', 'auth'), hpa('auth', 'auth'), deployment('auth', 3)])).toEqual([
      { group: 'apps', kind: 'Deployment', name: 'auth', namespace: 'pms', jsonPointers: ['/spec/replicas'] },
    ]);
  });

  it('ignores nothing for an autoscaled workload that leaves spec.replicas out (Git does not own the field)', () => {
    expect(controllerOwnedFields([hpa('auth', 'auth'), deployment('auth')])).toEqual([]);
  });

  it('ignores nothing for a workload that renders spec.replicas without an autoscaler', () => {
    expect(controllerOwnedFields([deployment('redis', 1), hpa('auth', 'auth'), deployment('auth')])).toEqual(
      [],
    );
  });

  it('matches the autoscaler target by group, kind, namespace and name', () => {
    const otherNamespace: Manifest = {
      ...deployment('auth', 3),
      metadata: { name: 'auth', namespace: 'other' },
    };
    const statefulSet: Manifest = { ...deployment('auth', 3), kind: 'StatefulSet' };
    expect(controllerOwnedFields([hpa('auth', 'auth'), otherNamespace, statefulSet])).toEqual([]);
  });

  it('omits the field from the ApplicationSet when nothing is ignored', () => {
    expect(
      clustersApplicationSet({ clusters: ['pms-dev'], namespace: 'pms', ignoreDifferences: [] }).spec.template
        .spec.ignoreDifferences,
    ).toBeUndefined();
  });

  it('ignores exactly the autoscaled workloads the clusters render with spec.replicas (none today)', () => {
    const ignored = built.applicationSet.spec.template.spec.ignoreDifferences ?? [];
    const expected = new Set<string>();
    for (const cluster of fleet) {
      const manifests = buildPmsCluster(cluster).manifests;
      for (const object of manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler')) {
        const target = (object.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
        const workload = manifests.find(
          (m) =>
            m.kind === target.kind &&
            m.metadata.name === target.name &&
            m.metadata.namespace === object.metadata.namespace,
        );
        expect(workload, `${cluster.name} ${target.kind} ${target.name} is rendered`).toBeDefined();
        if ((workload!.spec as { replicas?: number }).replicas !== undefined)
          expected.add(`${target.kind}/${target.name}`);
      }
    }
    expect(ignored.map((d) => `${d.kind}/${d.name}`).sort()).toEqual([...expected].sort());
  });
});
