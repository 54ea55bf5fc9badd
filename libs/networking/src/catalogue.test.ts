import { toYaml } from '@pms/core';
import { describe, expect, it } from 'vitest';
import {
  chartValues,
  containerPortsOf,
  isChartObjectName,
  PMS_SERVICES,
  type BackingService,
} from './catalogue.js';
import { BACKING_CHARTS_HEADING, servicesSection } from './docs.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const backing: readonly BackingService[] = PMS_SERVICES.filter((s) => s.kind === 'backing');

describe('backing-service charts', () => {
  it('declares a chart for every backing service and health values for every workload, never both', () => {
    expect(backing.length).toBeGreaterThan(0);
    for (const service of PMS_SERVICES) {
      expect('chart' in service, service.name).toBe(service.kind === 'backing');
      expect('health' in service, service.name).toBe(service.kind === 'workload');
    }
  });

  it.each(backing)('keeps the pod labels of $name equal to what its chart and release set', (service) => {
    const chart = service.chart;
    expect(chart.release).toBe(service.name);
    // Bitnami: app.kubernetes.io/name = nameOverride ?? chart name; app.kubernetes.io/instance = release name.
    // fullnameOverride changes object names only, never these labels.
    expect(service.podLabels).toEqual({
      'app.kubernetes.io/name': chart.name,
      'app.kubernetes.io/instance': chart.release,
    });
    const paths = chart.requiredValues.map((v) => v.path);
    for (const forbidden of ['nameOverride', 'fullnameOverride', 'commonLabels'])
      expect(paths, forbidden).not.toContain(forbidden);
  });

  it.each(backing)("keeps the objects of $name's chart apart from every Service of ours", (service) => {
    const chart = service.chart;
    // Without the override the chart names its objects after the release when the release contains the chart
    // name (kafka, redis): the Kafka chart's client Service would be `kafka`, exactly ours.
    expect(isChartObjectName({ ...chart, fullnameOverride: chart.release }, service.name)).toBe(true);
    for (const ours of PMS_SERVICES) expect(isChartObjectName(chart, ours.name), ours.name).toBe(false);
    for (const test of TEST_CLUSTERS) {
      for (const m of renderNetworking(test).manifests)
        expect(isChartObjectName(chart, m.metadata.name), `${m.kind} ${m.metadata.name}`).toBe(false);
    }
  });

  it.each(backing)("turns off $name's own NetworkPolicies", (service) => {
    const off = service.chart.requiredValues.filter((v) => v.path.endsWith('networkPolicy.enabled'));
    expect(off.length).toBeGreaterThan(0);
    for (const value of off) expect(value.value, value.path).toBe(false);
  });

  it.each(backing)('pins every container port of $name to the catalogue port, once', (service) => {
    const pinned = service.chart.requiredValues.filter((v) => v.containerPort !== undefined);
    expect(pinned.map((v) => v.containerPort).sort()).toEqual(
      containerPortsOf(service)
        .map((p) => p.name)
        .sort(),
    );
    for (const value of pinned) {
      const port = containerPortsOf(service).find((p) => p.name === value.containerPort)!;
      expect(value.value, value.path).toBe(port.port);
    }
  });

  it('nests the required values into a values object, fullnameOverride first', () => {
    expect(chartValues(backing.find((s) => s.name === 'redis')!.chart)).toEqual({
      fullnameOverride: 'redis-chart',
      architecture: 'standalone',
      sentinel: { enabled: false },
      networkPolicy: { enabled: false },
      master: { containerPorts: { redis: 6379 } },
    });
  });

  it('prints each chart with its values snippet and the reason for every value in the README', () => {
    const body = servicesSection().body;
    const charts = body.slice(body.indexOf(BACKING_CHARTS_HEADING));
    for (const service of backing) {
      const chart = service.chart;
      expect(charts).toContain(
        `**${service.name}**: chart \`${chart.name}\` from \`${chart.repository}\`, release \`${chart.release}\``,
      );
      expect(charts).toContain(['```yaml', toYaml(chartValues(chart)).trimEnd(), '```'].join('\n'));
      for (const value of chart.requiredValues)
        expect(charts).toContain(`- \`${value.path}: ${value.value}\`: ${value.why}.`);
    }
    expect(charts).toContain('cannot verify');
  });
});
