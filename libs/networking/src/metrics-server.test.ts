import { formatIssue } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { metricsServerRelease, RESOURCE_METRICS_API, unservedMetricsApis } from './metrics-server.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

describe('metrics-server and the autoscalers', () => {
  const { networking, manifests } = renderNetworking(TEST_CLUSTERS[0]!);
  const autoscalers = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');

  it('is a release of every cluster, serving metrics.k8s.io, with its APIService among its objects', () => {
    const release = networking.releases.find((r) => r.id === metricsServerRelease().id);
    expect(release?.provides).toContain(RESOURCE_METRICS_API);
    expect(release?.objects).toContainEqual({
      group: 'apiregistration.k8s.io',
      kind: 'APIService',
      name: `${RESOURCE_METRICS_API.split('/')[1]}.${RESOURCE_METRICS_API.split('/')[0]}`,
    });
    expect(release?.chart.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('leaves every autoscaler served on the test clusters', () => {
    expect(autoscalers.length).toBeGreaterThan(0);
    expect(unservedMetricsApis('pms-dev', manifests, networking.releases)).toEqual([]);
  });

  it('refuses every CPU autoscaler when no release serves metrics.k8s.io', () => {
    const others = networking.releases.filter((r) => !(r.provides ?? []).includes(RESOURCE_METRICS_API));
    const found = unservedMetricsApis('pms-dev', manifests, others).map(formatIssue);
    expect(found).toHaveLength(autoscalers.length);
    expect(found[0]).toBe(
      `[pms-dev] HorizontalPodAutoscaler pms/${autoscalers[0]!.metadata.name} spec.metrics = "${RESOURCE_METRICS_API}": no release of the cluster serves ${RESOURCE_METRICS_API}, so the autoscaler never gets a metric and never scales; allowed: a metrics API a release provides (none): install metricsServerRelease() (libs/networking/src/metrics-server.ts)`,
    );
  });

  it('reads custom and external metrics as their own APIs', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'x', namespace: 'pms' },
      spec: { metrics: [{ type: 'Pods' }, { type: 'External' }] },
    };
    expect(unservedMetricsApis('c', [hpa], [metricsServerRelease()]).map((i) => i.value)).toEqual([
      'custom.metrics.k8s.io/v1beta1',
      'external.metrics.k8s.io/v1beta1',
    ]);
  });
});
