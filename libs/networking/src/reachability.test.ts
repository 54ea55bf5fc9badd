import { describe, expect, it } from 'vitest';
import { formatPorts } from './port-set.js';
import {
  canConnect,
  effectivePolicyTypes,
  evaluateConnection,
  mayConnect,
  reachabilityMatrix,
  type Endpoint,
  type NetworkPolicyObject,
} from './reachability.js';

const pod = (
  name: string,
  labels: Record<string, string>,
  extra: Partial<Endpoint> = {},
  namespace = 'app',
): Endpoint => ({
  name,
  pod: { namespace, labels },
  ...extra,
});
const web = pod(
  'web',
  { app: 'web' },
  {
    ports: [
      { name: 'http', port: 8080 },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ],
  },
);
const api = pod('api', { app: 'api', tier: 'backend' }, { ports: [{ name: 'http', port: 9000 }] });
const other = pod('other', { app: 'api', tier: 'backend' }, {}, 'other');
const outside: Endpoint = { name: 'outside', addresses: ['203.0.113.7'] };

const policy = (name: string, spec: NetworkPolicyObject['spec'], namespace = 'app'): NetworkPolicyObject => ({
  metadata: { name, namespace },
  spec,
});
const denyAll = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('no policy', () => {
  it('allows everything between pods no policy selects', () => {
    expect(canConnect([], web, api, 12345, 'UDP')).toBe(true);
    expect(evaluateConnection([], web, api, 'all').egress.isolated).toBe(false);
  });
});

describe('isolation and policy types', () => {
  it('denies everything once a default deny selects both pods', () => {
    expect(canConnect([denyAll], web, api, 9000)).toBe(false);
    expect(canConnect([denyAll], outside, web, 8080)).toBe(false);
  });

  it('defaults policyTypes to Ingress only, so a policy without egress rules leaves egress open', () => {
    const ingressOnly = policy('no-types', { podSelector: {} });
    expect(effectivePolicyTypes(ingressOnly.spec)).toEqual(['Ingress']);
    expect(evaluateConnection([ingressOnly], web, outside, 'any').egress.isolated).toBe(false);
    expect(canConnect([ingressOnly], web, outside, 443)).toBe(true);
    expect(canConnect([ingressOnly], outside, web, 8080)).toBe(false);
  });

  it('adds Egress to the default when the policy has egress rules', () => {
    const spec = {
      podSelector: { matchLabels: { app: 'web' } },
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
    };
    expect(effectivePolicyTypes(spec)).toEqual(['Ingress', 'Egress']);
    expect(canConnect([policy('p', spec)], web, outside, 443)).toBe(false);
    expect(canConnect([policy('p', spec)], web, api, 9000)).toBe(true);
  });

  it('needs both the egress of the source and the ingress of the destination', () => {
    const egress = policy('web-out', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 9000 }] }],
    });
    const ingress = policy('api-in', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 9000 }] }],
    });
    expect(canConnect([denyAll, egress], web, api, 9000)).toBe(false);
    expect(canConnect([denyAll, ingress], web, api, 9000)).toBe(false);
    const verdict = evaluateConnection([denyAll, egress, ingress], web, api, 'all');
    expect(formatPorts(verdict.ports)).toBe('9000/TCP');
    expect(verdict.egress.allowedBy).toEqual(['app/web-out']);
    expect(verdict.ingress.allowedBy).toEqual(['app/api-in']);
  });

  it('adds policies up: the union of their rules', () => {
    const a = policy('a', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 9000 }] }],
    });
    const b = policy('b', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 9100, endPort: 9101 }] }],
    });
    expect(formatPorts(evaluateConnection([a, b], web, api, 'all').ports)).toBe('9000/TCP, 9100-9101/TCP');
  });

  it('applies a policy only to pods of its own namespace', () => {
    const elsewhere = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, 'other');
    expect(canConnect([elsewhere], web, api, 9000)).toBe(true);
    expect(canConnect([elsewhere], web, other, 9000)).toBe(false);
  });
});

describe('peers', () => {
  const allowFrom = (
    peers: NonNullable<NonNullable<NetworkPolicyObject['spec']>['ingress']>[number]['from'],
  ) => [
    denyAll,
    policy('in', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: peers }],
    }),
    policy('out', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
    policy('out-other', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }, 'other'),
  ];

  it('ORs peers', () => {
    const policies = allowFrom([
      { podSelector: { matchLabels: { app: 'nope' } } },
      { podSelector: { matchLabels: { app: 'web' } } },
    ]);
    expect(canConnect(policies, web, api, 9000)).toBe(true);
  });

  it('ANDs namespaceSelector and podSelector inside one peer', () => {
    const sameNsOnly = allowFrom([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } },
        podSelector: { matchLabels: { app: 'web' } },
      },
    ]);
    expect(canConnect(sameNsOnly, web, api, 9000)).toBe(false);
    const otherApi = pod('other-web', { app: 'web' }, {}, 'other');
    expect(canConnect(sameNsOnly, otherApi, api, 9000)).toBe(true);
  });

  it('reads a podSelector alone as the policy namespace, a namespaceSelector alone as every pod of those namespaces', () => {
    const podOnly = allowFrom([{ podSelector: { matchLabels: { app: 'api' } } }]);
    expect(canConnect(podOnly, other, api, 9000)).toBe(false);
    const nsOnly = allowFrom([
      {
        namespaceSelector: {
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['other'] }],
        },
      },
    ]);
    expect(canConnect(nsOnly, other, api, 9000)).toBe(true);
    expect(canConnect(nsOnly, web, api, 9000)).toBe(false);
  });

  it('never matches an address with a selector, nor a pod without address with an ipBlock', () => {
    const everyPod = allowFrom([{ namespaceSelector: {} }]);
    expect(canConnect(everyPod, outside, api, 9000)).toBe(false);
    expect(canConnect(everyPod, other, api, 9000)).toBe(true);
    const block = allowFrom([{ ipBlock: { cidr: '0.0.0.0/0' } }]);
    expect(canConnect(block, web, api, 9000)).toBe(false);
    expect(canConnect(block, outside, api, 9000)).toBe(true);
  });

  it('honours ipBlock except, and matches pod IPs too (a VPC-wide ipBlock admits every pod)', () => {
    const policies = allowFrom([{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.5.0/24'] } }]);
    expect(canConnect(policies, { name: 'in', addresses: ['10.0.4.9'] }, api, 9000)).toBe(true);
    expect(canConnect(policies, { name: 'except', addresses: ['10.0.5.9'] }, api, 9000)).toBe(false);
    expect(canConnect(policies, { name: 'out', addresses: ['10.1.0.1'] }, api, 9000)).toBe(false);
    const podWithIp = pod('pod-ip', { app: 'x' }, { addresses: ['10.0.7.7'] }, 'elsewhere');
    expect(canConnect(policies, podWithIp, api, 9000)).toBe(true);
  });

  it('quantifies the source addresses by the question: every address to allow, some address to deny', () => {
    const policies = allowFrom([{ ipBlock: { cidr: '10.0.0.0/24' } }]);
    const both: Endpoint = { name: 'both', addresses: ['10.0.0.0/24', '10.0.1.0/24'] };
    expect(canConnect(policies, both, api, 9000)).toBe(false);
    expect(mayConnect(policies, both, api, 9000)).toBe(true);
    const rest: Endpoint = { ...both, name: 'rest', exceptAddresses: ['10.0.0.0/24'] };
    expect(mayConnect(policies, rest, api, 9000)).toBe(false);
    const inside: Endpoint = { name: 'inside', addresses: ['10.0.0.0/25', '10.0.0.200'] };
    expect(canConnect(policies, inside, api, 9000)).toBe(true);
  });

  it('quantifies the destination addresses for the source egress (a pod may have any pod-subnet address)', () => {
    const policies = [
      denyAll,
      policy('out', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/25' } }] }],
      }),
      policy('in', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] }),
    ];
    const apiPods: Endpoint = { ...api, addresses: ['10.0.0.0/24'] };
    expect(canConnect(policies, web, apiPods, 9000)).toBe(false);
    expect(mayConnect(policies, web, apiPods, 9000)).toBe(true);
    expect(evaluateConnection(policies, web, apiPods, 'any').egress.allowedBy).toEqual(['app/out']);
    // Without addresses the pod is matched by selectors only: the ipBlock never matches it.
    expect(mayConnect(policies, web, api, 9000)).toBe(false);
  });

  it('treats a rule without peers as every source', () => {
    expect(canConnect(allowFrom(undefined), outside, api, 1)).toBe(true);
    expect(canConnect(allowFrom([]), other, api, 1)).toBe(true);
  });
});

describe('ports', () => {
  const ingressPorts = (
    ports: NonNullable<NonNullable<NetworkPolicyObject['spec']>['ingress']>[number]['ports'],
  ) =>
    evaluateConnection(
      [policy('in', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports }] })],
      api,
      web,
      'all',
    ).ports;

  it('defaults the protocol to TCP', () => {
    expect(formatPorts(ingressPorts([{ port: 8080 }]))).toBe('8080/TCP');
  });

  it('resolves named ports against the destination container ports, protocol included', () => {
    expect(formatPorts(ingressPorts([{ port: 'http' }]))).toBe('8080/TCP');
    expect(formatPorts(ingressPorts([{ port: 'dns' }]))).toBe('-');
    expect(formatPorts(ingressPorts([{ port: 'dns', protocol: 'UDP' }]))).toBe('53/UDP');
    expect(formatPorts(ingressPorts([{ port: 'missing' }]))).toBe('-');
  });

  it('makes a range with endPort, and every port of a protocol without port', () => {
    expect(formatPorts(ingressPorts([{ port: 8000, endPort: 8100 }]))).toBe('8000-8100/TCP');
    expect(formatPorts(ingressPorts([{ protocol: 'UDP' }]))).toBe('any/UDP');
    expect(formatPorts(ingressPorts(undefined))).toBe('any/TCP, any/UDP, any/SCTP');
  });
});

describe('reachabilityMatrix', () => {
  it('lists every allowed ordered pair with its ports, and nothing denied', () => {
    const policies = [
      denyAll,
      policy('web', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress', 'Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 'http' }] }],
      }),
      policy('api', {
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
    ];
    expect(
      reachabilityMatrix(policies, [web, api], 'any').map((c) => `${c.from}→${c.to} ${formatPorts(c.ports)}`),
    ).toEqual(['web→api 9000/TCP']);
  });
});
