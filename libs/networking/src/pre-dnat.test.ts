import { formatIssue, issuesOf, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { servingPodLabels } from './backing/pods.js';
import { backingServicesOf, PMS_SERVICES, serviceSelectorOf } from './catalogue.js';
import { PMS_GRAPH } from './graph.js';
import { checkPreDnat, preDnatFindings, upstreamServices } from './pre-dnat.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const { manifests } = renderNetworking(TEST_CLUSTERS[0]!);

/** The rendered objects with one object replaced through `edit`. */
const edited = (kind: string, name: string, edit: (m: any) => void): Manifest[] =>
  manifests.map((m) => {
    if (m.kind !== kind || m.metadata.name !== name) return m;
    const copy = structuredClone(m) as any;
    edit(copy);
    return copy;
  });

function messages(objects: readonly Manifest[]): string[] {
  try {
    checkPreDnat('pms-dev', objects);
    return [];
  } catch (error) {
    return issuesOf(error)!.map(formatIssue);
  }
}

describe('the VPC CNI pre-DNAT rule', () => {
  it('holds for the rendered policies, our Services and the operators’ own', () => {
    expect(upstreamServices().length).toBeGreaterThan(0);
    expect(preDnatFindings(manifests)).toEqual([]);
  });

  it('is checked for every service a pms pod reaches through a Service', () => {
    // Every declared connection to a service goes to pods behind our Service for it.
    const callers = PMS_GRAPH.edges.filter((e) =>
      PMS_SERVICES.some((s) => s.name === e.to && s.name !== e.from),
    );
    expect(callers.length).toBeGreaterThan(0);
  });

  // A label every serving pod carries but the Service does not select on (from the upstream facts), if any.
  const narrowing = backingServicesOf(PMS_SERVICES).flatMap((service) => {
    const extra = Object.entries(servingPodLabels(service)).find(([k]) => !(k in serviceSelectorOf(service)));
    return extra ? [{ service, label: { [extra[0]]: extra[1] } }] : [];
  });

  it('has a backing service to narrow (the facts carry labels the Services do not select on)', () => {
    expect(narrowing.length).toBeGreaterThan(0);
  });

  it.each(narrowing)(
    'refuses a client egress peer for $service.name with a label its Service does not select on',
    ({ service, label }) => {
      const client = PMS_GRAPH.edges.find(
        (e) =>
          e.to === service.name && e.from !== service.name && PMS_SERVICES.some((s) => s.name === e.from),
      )!;
      const narrowed = edited('NetworkPolicy', client.from, (policy) => {
        for (const rule of policy.spec.egress)
          for (const peer of rule.to)
            if (JSON.stringify(peer.podSelector?.matchLabels) === JSON.stringify(service.podLabels))
              peer.podSelector = { matchLabels: { ...serviceSelectorOf(service), ...label } };
      });
      const found = messages(narrowed);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toContain(`NetworkPolicy pms/${client.from} spec.egress[`);
      expect(found[0]).toContain("so the VPC CNI leaves the Service's ClusterIP out of the rule");
    },
  );

  it('refuses a Service whose port is not its container port', () => {
    const [service] = backingServicesOf(PMS_SERVICES);
    const tampered = edited('Service', service!.name, (s) => {
      s.spec.ports[0].port = service!.port + 1;
    });
    const found = messages(tampered);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toContain(
      `Service pms/${service!.name} port ${service!.port + 1} forwards to container port ${service!.port}`,
    );
  });
});
