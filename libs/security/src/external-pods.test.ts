import { backingPodsOf, PMS_NAMESPACE, PMS_SERVICES, selectorMatches } from '@pms/networking';
import { describe, expect, it } from 'vitest';
import { chartInstalledPods } from './external-pods.js';

describe('chartInstalledPods', () => {
  const pods = chartInstalledPods();

  it('declares every kind of pod of every backing service, with the labels and ports its project gives them', () => {
    for (const service of PMS_SERVICES) {
      if (service.kind !== 'backing') continue;
      const facts = backingPodsOf(service)!;
      for (const pod of facts.pods) {
        const declared = pods.filter((p) => JSON.stringify(p.labels) === JSON.stringify(pod.labels));
        expect(declared, `${service.name} ${pod.role}`).toHaveLength(1);
        expect(declared[0]!.namespace).toBe(PMS_NAMESPACE);
        expect(declared[0]!.ports?.map((p) => p.port)).toEqual(facts.ports.map((p) => p.port));
        // The catalogue's pod labels select them all: one NetworkPolicy isolates and opens every pod of the service.
        expect(selectorMatches({ matchLabels: service.podLabels }, pod.labels), pod.role).toBe(true);
      }
    }
  });

  it('declares no workload pods (those are rendered)', () => {
    for (const service of PMS_SERVICES.filter((s) => s.kind === 'workload'))
      expect(pods.some((p) => selectorMatches({ matchLabels: service.podLabels }, p.labels))).toBe(false);
  });
});
