import {
  deletionGuardRequired,
  DELETION_GUARD_SYNC_OPTIONS,
  formatIssue,
  parseSyncOptions,
  SYNC_OPTIONS_ANNOTATION,
  type Manifest,
} from '@pms/core';
import { describe, expect, it } from 'vitest';
import { backingServicesOf, PMS_SERVICES } from '../catalogue.js';
import { PMS_NAMESPACE } from '../namespace.js';
import { renderNetworking, TEST_CLUSTERS } from '../__fixtures__/clusters.js';
import { releaseValueIssues } from './construct.js';
import { BACKING_TITLE } from './docs.js';
import { KAFKA_NODE_POOL, PMS_STORAGE_CLASS, statefulBackingKindOf } from './resources.js';
import { UPSTREAM_PROJECTS } from './upstream.js';

const find = (manifests: readonly Manifest[], kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name) as
    (Manifest & { spec: any }) | undefined;

describe.each(TEST_CLUSTERS)('backing services on $cluster.name', (test) => {
  const { networking, manifests } = renderNetworking(test);
  const settings = test.networking.backing as Record<string, any>;

  it('renders each operator’s custom resources in pms, sized by the settings, on the StorageClass', () => {
    for (const service of backingServicesOf(PMS_SERVICES)) {
      const own = settings[service.name];
      const project = UPSTREAM_PROJECTS[service.installer.project];
      if (project.kind !== 'operator') continue;
      const [, kind] = project.resources[0]!.split(' ');
      const resource = find(manifests, kind!, service.installer.instance);
      expect(resource?.metadata.namespace, `${kind} ${service.installer.instance}`).toBe(PMS_NAMESPACE);
      if (service.installer.project === 'cloudnative-pg') {
        expect(resource!.spec.instances).toBe(own.instances);
        expect(resource!.spec.storage).toEqual({ size: own.storage.size, storageClass: PMS_STORAGE_CLASS });
        // A one-instance cluster gets no primary PDB (it would block every node drain).
        expect(resource!.spec.enablePDB).toBe(own.instances > 1);
      } else {
        expect(resource!.spec.kafka.listeners).toEqual([
          { name: 'plain', port: service.port, type: 'internal', tls: false },
        ]);
        const pool = find(manifests, 'KafkaNodePool', KAFKA_NODE_POOL)!;
        expect(pool.metadata.labels?.['strimzi.io/cluster']).toBe(service.installer.instance);
        expect(pool.spec.replicas).toBe(own.replicas);
        expect(pool.spec.storage.volumes[0]).toMatchObject({
          size: own.storage.size,
          class: PMS_STORAGE_CLASS,
        });
        const rf = resource!.spec.kafka.config['default.replication.factor'];
        expect(rf).toBeLessThanOrEqual(own.replicas);
        expect(resource!.spec.kafka.config['min.insync.replicas']).toBeLessThan(Math.max(rf, 2));
      }
    }
    const storageClass = find(manifests, 'StorageClass', PMS_STORAGE_CLASS)!;
    expect(storageClass).toMatchObject({
      volumeBindingMode: 'WaitForFirstConsumer',
      provisioner: 'ebs.csi.aws.com',
    });
    expect((storageClass as any).reclaimPolicy).toBe(
      deletionGuardRequired(test.cluster) ? 'Retain' : 'Delete',
    );
  });

  it('guards the data-holding custom resources against Argo CD deletion where deletion protection is required', () => {
    const stateful = manifests.filter((m) => statefulBackingKindOf(m));
    expect(stateful.length).toBeGreaterThan(0);
    for (const resource of stateful) {
      const options = parseSyncOptions(resource.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION]);
      for (const option of DELETION_GUARD_SYNC_OPTIONS)
        expect(options.includes(option), `${resource.kind} ${option}`).toBe(
          deletionGuardRequired(test.cluster),
        );
      // Their CRDs come with the operators' Applications: the first sync must not fail while they are missing.
      expect(options).toContain('SkipDryRunOnMissingResource=true');
    }
  });

  it('says in its README section whether the cluster guards the backing services against deletion', () => {
    const section = networking.docs.find((d) => d.title === BACKING_TITLE)!;
    expect(section.body.includes('Prune=false,Delete=false')).toBe(deletionGuardRequired(test.cluster));
    expect(section.body).toContain(
      deletionGuardRequired(test.cluster) ? 'reclaimPolicy: Retain' : 'reclaimPolicy: Delete',
    );
  });

  it('releases each operator once and each chart-run service, keeping every required value', () => {
    const projects = new Set(backingServicesOf(PMS_SERVICES).map((s) => s.installer.project));
    for (const id of projects) {
      const chart = UPSTREAM_PROJECTS[id].chart;
      expect(networking.releases.filter((r) => r.chart.name === chart).length, chart).toBeGreaterThan(0);
    }
    expect(new Set(networking.releases.map((r) => r.id)).size).toBe(networking.releases.length);
    expect(releaseValueIssues(test.cluster.name, networking.releases)).toEqual([]);
    for (const release of networking.releases)
      expect(release.chart.version, release.id).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('holds every project that is not restricted by default to a required value in its release', () => {
    for (const project of Object.values(UPSTREAM_PROJECTS).filter((p) => !p.podSecurity.compliantByDefault)) {
      const release = networking.releases.find((r) => r.chart.name === project.chart)!;
      expect(
        release.requiredValues.some((v) => /Pod Security/.test(v.why)),
        project.id,
      ).toBe(true);
    }
  });

  it('refuses a release that lost a required value, naming the release, the value and why', () => {
    const strimzi = networking.releases.find((r) => r.chart.name === UPSTREAM_PROJECTS.strimzi.chart)!;
    const broken = { ...strimzi, values: { ...strimzi.values, extraEnvs: [] } };
    const [issue] = releaseValueIssues(test.cluster.name, [broken]).map(formatIssue);
    expect(issue).toContain(`[${test.cluster.name}] releases.${strimzi.id}.values.extraEnvs.0 = (missing):`);
    expect(issue).toContain('STRIMZI_POD_SECURITY_PROVIDER_CLASS');
  });

  it('puts no release object into pms under the name of one of ours of the same kind', () => {
    const ours = new Set(manifests.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`));
    for (const release of networking.releases)
      for (const o of release.objects.filter((o) => o.namespace === PMS_NAMESPACE))
        expect(ours.has(`${o.kind}/${o.namespace}/${o.name}`), `${release.id} ${o.kind} ${o.name}`).toBe(
          false,
        );
  });
});
