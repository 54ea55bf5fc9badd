import { ConfigError, SyncWave, SYNC_WAVE_ANNOTATION } from '@pms/core';
import { metricsServerRelease, type HelmRelease } from '@pms/networking';
import { buildPmsCluster } from '@pms/platform';
import { describe, expect, it } from 'vitest';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { definesResources, releaseApplication, releaseApplicationName } from './release-applications.js';
import { CLUSTERS_APPLICATION_SET } from './applicationset.js';

const built = buildArgoCd(fleet);
const [first] = fleet;

describe('the Helm releases’ Applications', () => {
  it('are one per release of each cluster, pinned, into the release’s namespace, in project pms', () => {
    for (const settings of fleet) {
      const releases = buildPmsCluster(settings).releases;
      const apps = built.releases.find((r) => r.cluster === settings.name)!.applications;
      expect(apps.map((a) => a.metadata.name)).toEqual(
        releases.map((r) => releaseApplicationName(settings, r)),
      );
      releases.forEach((release, i) => {
        const app = apps[i]!;
        expect(app.spec.project).toBe('pms');
        expect(app.spec.source).toMatchObject({
          repoURL: release.chart.repoURL,
          chart: release.chart.name,
          targetRevision: release.chart.version,
          helm: { releaseName: release.releaseName, skipCrds: false, valuesObject: release.values },
        });
        expect(app.spec.destination).toEqual({ name: settings.name, namespace: release.namespace });
        expect(app.spec.syncPolicy?.syncOptions).toContain('ServerSideApply=true');
        expect(app.spec.syncPolicy?.syncOptions).toContain(
          release.createNamespace ? 'CreateNamespace=true' : 'CreateNamespace=false',
        );
        expect(app.spec.syncPolicy?.managedNamespaceMetadata?.labels).toEqual(release.createNamespace);
        // Operators are never pruned automatically: a dropped CRD would take every database or Kafka with it.
        expect(app.spec.syncPolicy?.automated?.prune).toBe(!definesResources(release));
      });
    }
  });

  it('sync before the cluster Applications, whose objects need them', () => {
    const applicationSetWave = Number(
      built.manifests.find((m) => m.metadata.name === CLUSTERS_APPLICATION_SET)!.metadata.annotations![
        SYNC_WAVE_ANNOTATION
      ],
    );
    for (const { releases, applications } of built.releases) {
      releases.forEach((release, i) => {
        const wave = Number(applications[i]!.metadata.annotations![SYNC_WAVE_ANNOTATION]);
        expect(release.order, release.id).toBe('before-cluster');
        expect(wave, release.id).toBe(SyncWave.platform);
        expect(wave).toBeLessThan(applicationSetWave);
      });
    }
  });

  it('refuses a chart version that is not exact', () => {
    const release: HelmRelease = {
      ...metricsServerRelease(),
      chart: { ...metricsServerRelease().chart, version: '3.x' },
    };
    expect(() => releaseApplication(first!, release)).toThrow(ConfigError);
    expect(() => releaseApplication(first!, release)).toThrow(
      /releases\.metrics-server\.chart\.version = "3\.x"/,
    );
  });

  it('refuses a value the chart does not take (Helm would ignore it silently), naming its path', () => {
    const release: HelmRelease = { ...metricsServerRelease(), values: { replicas: 2, replica: 3 } };
    expect(() => releaseApplication(first!, release)).toThrow(
      `[${first!.name}] releases.metrics-server.valuesObject = ["valuesObject.replica = 3: unknown field; allowed: one of the fields podDisruptionBudget, replicas"]`,
    );
  });
});

describe('a release of a chart without a values shape', () => {
  it('is refused, naming the chart and the shapes there are', () => {
    const release: HelmRelease = {
      ...metricsServerRelease(),
      chart: { ...metricsServerRelease().chart, name: 'unknown-chart' },
    };
    expect(() => releaseApplication(first!, release)).toThrow(
      /releases\.metrics-server\.chart\.name = "unknown-chart": no values shape/,
    );
  });
});
