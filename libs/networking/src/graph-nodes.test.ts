import { describe, expect, it } from 'vitest';
import { PMS_GRAPH } from './graph.js';
import { EKS_COREDNS_PODS, externalNode, KUBE_DNS, KUBE_DNS_PODS } from './graph-nodes.js';
import { selectorMatches } from './label-selector.js';
import { PMS_NAMESPACE } from './namespace.js';

describe('the kube-dns node', () => {
  const node = externalNode(KUBE_DNS)!;

  it('is a pod node of another namespace, built from KUBE_DNS_PODS', () => {
    expect(node.kind).toBe('pods');
    if (node.kind !== 'pods') return;
    expect(node.namespace).toBe(KUBE_DNS_PODS.namespace);
    expect(node.namespace).not.toBe(PMS_NAMESPACE);
    expect(node.podLabels).toEqual(KUBE_DNS_PODS.podLabels);
  });

  it('selects the CoreDNS pods EKS runs (the upstream fact the gate checks policies against), on both DNS ports', () => {
    if (node.kind !== 'pods') throw new Error('kube-dns is a pod node');
    expect(node.namespace).toBe(EKS_COREDNS_PODS.namespace);
    expect(selectorMatches({ matchLabels: node.podLabels }, EKS_COREDNS_PODS.podLabels)).toBe(true);
    expect(node.ports.map((p) => `${p.port}/${p.protocol}`).sort()).toEqual(
      [`${EKS_COREDNS_PODS.port}/TCP`, `${EKS_COREDNS_PODS.port}/UDP`].sort(),
    );
  });

  it('is what every DNS edge of the graph targets, on the port CoreDNS listens on', () => {
    const dns = PMS_GRAPH.edges.filter((e) => e.to === KUBE_DNS);
    expect(dns.length).toBeGreaterThan(0);
    for (const edge of dns) expect(edge.port).toBe(EKS_COREDNS_PODS.port);
  });
});
