import { Checks, formatIssue } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { validateBackingCatalogue } from './backing/catalogue-check.js';
import { ownedNamesOf } from './backing/owned-names.js';
import { backingPodsOf } from './backing/pods.js';
import { UPSTREAM_PROJECTS } from './backing/upstream.js';
import { backingServicesOf, containerPortsOf, PMS_SERVICES, serviceSelectorOf } from './catalogue.js';
import { servicesSection } from './docs.js';
import { selectorMatches } from './label-selector.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const backing = backingServicesOf(PMS_SERVICES);

describe('the catalogue’s backing services, tied to the upstream facts', () => {
  it('declares an installer for every backing service and health values for every workload, never both', () => {
    expect(backing.length).toBeGreaterThan(0);
    for (const service of PMS_SERVICES) {
      expect('installer' in service, service.name).toBe(service.kind === 'backing');
      expect('health' in service, service.name).toBe(service.kind === 'workload');
    }
  });

  it('passes the render’s check against the facts', () => {
    const checks = new Checks('pms-dev', 'networking');
    validateBackingCatalogue(PMS_SERVICES, checks);
    expect(checks.issues.map(formatIssue)).toEqual([]);
  });

  it.each(backing)(
    'selects every pod $installer.project runs for $name, and serves only the serving ones',
    (service) => {
      const pods = backingPodsOf(service)!;
      expect(pods.pods.length).toBeGreaterThan(0);
      for (const pod of pods.pods) {
        // One NetworkPolicy isolates and opens every pod of the instance: jobs and replicas too.
        expect(selectorMatches({ matchLabels: service.podLabels }, pod.labels), pod.role).toBe(true);
        expect(selectorMatches({ matchLabels: serviceSelectorOf(service) }, pod.labels), pod.role).toBe(
          pod.serves,
        );
      }
      // The Service selector contains the pod labels (VPC CNI: an egress peer must match the Service's selector).
      for (const [key, value] of Object.entries(service.podLabels))
        expect(serviceSelectorOf(service)[key], key).toBe(value);
    },
  );

  it.each(backing)('uses the container ports $installer.project declares, port names included', (service) => {
    const facts = backingPodsOf(service)!.ports;
    for (const port of containerPortsOf(service))
      expect(facts.find((f) => f.name === port.name)?.port, port.name).toBe(port.port);
  });

  it.each(backing)(
    'keeps the objects $installer.project creates apart from every object of ours',
    (service) => {
      const owned = ownedNamesOf(service)!;
      for (const ours of PMS_SERVICES) expect(owned.takes(ours.name), ours.name).toBe(false);
      for (const test of TEST_CLUSTERS) {
        for (const m of renderNetworking(test).manifests.filter((m) => m.metadata.namespace === 'pms')) {
          if (owned.isInstanceResource(m)) continue;
          expect(owned.takes(m.metadata.name), `${m.kind} ${m.metadata.name}`).toBe(false);
        }
      }
    },
  );

  it.each(backing)('cites its project at a pinned tag for every label and port it relies on', (service) => {
    const project = UPSTREAM_PROJECTS[service.installer.project];
    const sources = [
      ...project.pods.flatMap((p) => p.labels.map((l) => l.source)),
      ...project.ports.map((p) => p.source),
      ...project.services.map((s) => s.source),
      ...(project.operator ? [project.operator.source] : []),
      project.podSecurity.source,
    ];
    for (const source of sources) {
      expect(source.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(source.tag).toMatch(/\d+\.\d+\.\d+/);
      expect(source.file.length).toBeGreaterThan(0);
    }
  });

  it('shows each Service’s selector and installer in the README', () => {
    const body = servicesSection().body;
    for (const service of backing) {
      const selector = Object.entries(serviceSelectorOf(service))
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      expect(body).toContain(`\`${selector}\``);
      expect(body).toContain(`backing service (${service.installer.project})`);
    }
  });
});
