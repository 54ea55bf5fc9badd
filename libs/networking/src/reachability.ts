/**
 * The reachability evaluator: answers, from RENDERED NetworkPolicy objects, whether one endpoint may open a
 * connection to another on a port and protocol, with Kubernetes semantics:
 *
 * - a pod is isolated for ingress (egress) when at least one policy of its namespace selects it with
 *   `Ingress` (`Egress`) among its policy types; an isolated pod admits only what some rule of some such policy
 *   allows (policies are additive, there is no deny rule); a pod no policy selects admits everything;
 * - `policyTypes` defaults to `Ingress`, plus `Egress` when the policy has egress rules;
 * - the peers of a rule are ORed; `namespaceSelector` and `podSelector` inside one peer are ANDed; a
 *   `podSelector` alone means the policy's own namespace; a rule without peers matches every source or
 *   destination; a rule without ports matches every port;
 * - `ipBlock` matches addresses in `cidr` and not in any `except`; it never matches by labels;
 * - ports: protocol defaults to TCP, `endPort` makes a range, a named port resolves against the container
 *   ports of the destination, an entry without port means every port of its protocol;
 * - a connection needs both the source's egress and the destination's ingress.
 *
 * Endpoints outside the cluster (the ALB, the internet) are described by addresses; pods by namespace and
 * labels, and by the addresses they may get (the VPC CNI matches `ipBlock`s against pod IPs too, which is why
 * an ipBlock of the whole VPC would admit every pod).
 *
 * An endpoint with several addresses stands for a host that may have ANY of them (a pod gets some address of
 * the pod subnets, the ALB connects from some address of its subnets). Which quantifier is right depends on
 * the question, not on the endpoint (`AddressQuantifier`):
 *
 * - "must this connection work?" (a declared edge) needs it allowed for EVERY address: `'all'`, `canConnect`;
 * - "is this connection closed?" needs it denied for every address, i.e. NOT allowed for ANY: `'any'`,
 *   `mayConnect`. Asking a deny question with `'all'` would pass as soon as one address is denied.
 *
 * Egress of the source depends only on the destination's address and ingress of the destination only on the
 * source's, so quantifying each side over the other end's addresses is exact for both quantifiers.
 */
import { ofKind, parseCidr, parseIpv4, type Manifest } from '@pms/core';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
import { formatSelector, selectorMatches, type Labels } from './label-selector.js';
import {
  ALL_PORTS,
  intersectPorts,
  hasPort,
  isEmptyPorts,
  NO_PORTS,
  portSetOf,
  PROTOCOLS,
  unionPorts,
  type PortSet,
  type Protocol,
} from './port-set.js';

/** Label Kubernetes sets on every namespace: its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A port a container listens on. */
export interface ContainerPortSpec {
  /** Port name (resolves named ports in policies). */
  readonly name?: string;
  /** Port number. */
  readonly port: number;
  /** Protocol. @default 'TCP' */
  readonly protocol?: Protocol;
}

/** Where a pod runs and how it is labelled. */
export interface PodIdentity {
  /** Namespace of the pod. */
  readonly namespace: string;
  /** Labels of the pod. */
  readonly labels: Labels;
  /** Labels of its namespace. @default `{ 'kubernetes.io/metadata.name': namespace }` (always added) */
  readonly namespaceLabels?: Labels;
}

/** One side of a connection: a set of pods with the same labels, or a set of addresses outside the cluster. */
export interface Endpoint {
  /** Name shown in results, e.g. `frontend`, `alb`, `internet`. */
  readonly name: string;
  /** The pods' identity; absent for endpoints outside the cluster, which no policy selects. */
  readonly pod?: PodIdentity;
  /**
   * IPv4 addresses or CIDRs the endpoint may have, matched against `ipBlock`s (required for external endpoints;
   * for pods the pod subnets). The endpoint has one of them; which one is quantified by the question asked.
   * @default none (a pod without addresses is matched by selectors only)
   */
  readonly addresses?: readonly string[];
  /** Addresses (IPs or CIDRs) removed from `addresses`. @default none */
  readonly exceptAddresses?: readonly string[];
  /** Ports the endpoint listens on: resolves named ports and tells the matrix which ports exist. @default none */
  readonly ports?: readonly ContainerPortSpec[];
}

/**
 * How a question treats endpoints with several possible addresses:
 * - `'all'`: guaranteed. A port counts only when it is allowed whichever address each end has. Ask it of
 *   connections that must work (declared edges, the ALB's health checks).
 * - `'any'`: possible. A port counts when some address of the source may open it on some address of the
 *   destination. Ask it of connections that must be closed: denied under `'any'` means denied for every address.
 */
export type AddressQuantifier = 'all' | 'any';

/** A NetworkPolicy as rendered. */
export interface NetworkPolicyObject {
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec?: INetworkPolicySpec;
}

/** What one side (the source's egress or the destination's ingress) allows. */
export interface SideVerdict {
  /** True when at least one policy selects the pod for this direction. */
  readonly isolated: boolean;
  /** Ports this side allows (every port when not isolated). */
  readonly ports: PortSet;
  /** `namespace/name` of the policies whose rules allowed something. */
  readonly allowedBy: readonly string[];
}

/** The answer for one ordered pair of endpoints. */
export interface ConnectionVerdict {
  /** Ports on which `from` may open a connection to `to`: egress ∩ ingress. */
  readonly ports: PortSet;
  /** What the source's egress allows. */
  readonly egress: SideVerdict;
  /** What the destination's ingress allows. */
  readonly ingress: SideVerdict;
}

/** An allowed connection of a matrix. */
export interface Connection {
  /** Source endpoint name. */
  readonly from: string;
  /** Destination endpoint name. */
  readonly to: string;
  /** Every port (per protocol) the source may open on the destination; never empty. */
  readonly ports: PortSet;
}

/** The NetworkPolicies (networking.k8s.io/v1) among rendered objects, typed. */
export function networkPoliciesOf(manifests: readonly Manifest[]): (Manifest & INetworkPolicy)[] {
  return ofKind<INetworkPolicy>(manifests, 'networking.k8s.io/v1', 'NetworkPolicy');
}

type Range = readonly [number, number];

/** An IPv4 address or CIDR (host bits allowed) as an address range; undefined when invalid. */
export function addressRange(text: string): Range | undefined {
  if (!text.includes('/')) {
    const ip = parseIpv4(text);
    return ip === undefined ? undefined : [ip, ip];
  }
  const cidr = parseCidr(text, false);
  return cidr ? [cidr.network, cidr.last] : undefined;
}

function requireRange(text: string, what: string): Range {
  const range = addressRange(text);
  if (!range) throw new Error(`${what}: ${JSON.stringify(text)} is not an IPv4 address or CIDR`);
  return range;
}

function subtract(ranges: readonly Range[], remove: readonly Range[]): Range[] {
  let out: Range[] = [...ranges];
  for (const [r0, r1] of remove) {
    out = out.flatMap(([a0, a1]): Range[] => {
      if (r1 < a0 || r0 > a1) return [[a0, a1]];
      const pieces: Range[] = [];
      if (a0 < r0) pieces.push([a0, r0 - 1]);
      if (a1 > r1) pieces.push([r1 + 1, a1]);
      return pieces;
    });
  }
  return out;
}

function namespaceOf(policy: NetworkPolicyObject): string {
  return policy.metadata.namespace ?? 'default';
}

function policyRef(policy: NetworkPolicyObject): string {
  return `${namespaceOf(policy)}/${policy.metadata.name}`;
}

/**
 * The policy types in effect: explicit, or `Ingress` plus `Egress` when there are egress rules. The API server's
 * defaulting (kubernetes/kubernetes `pkg/apis/networking/v1/defaults.go`, `SetDefaults_NetworkPolicy`): without
 * `policyTypes`, `Ingress` always, and `Egress` when `len(spec.egress) != 0` (an empty `egress: []` adds nothing).
 * The one reading of this rule: the proof, the policy gate and the diff all call it.
 */
export function effectivePolicyTypes(
  spec: INetworkPolicySpec | undefined,
): ReadonlyArray<'Ingress' | 'Egress'> {
  if (spec?.policyTypes && spec.policyTypes.length > 0) return spec.policyTypes;
  return (spec?.egress?.length ?? 0) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * True when the policy selects the pod (same namespace, pod selector matches; an empty selector selects every pod
 * of the namespace). The one reading of pod selection: the proof, the policy gate and the diff all call it.
 */
export function policySelects(policy: NetworkPolicyObject, pod: PodIdentity): boolean {
  return namespaceOf(policy) === pod.namespace && selectorMatches(policy.spec?.podSelector ?? {}, pod.labels);
}

/**
 * The directions in which a NetworkPolicy denies by default every pod of its namespace: it selects them all (an
 * empty podSelector) and has no rule for a direction among its effective policy types (`effectivePolicyTypes`).
 */
export function defaultDenyDirections(policy: NetworkPolicyObject): ('Ingress' | 'Egress')[] {
  const selector = policy.spec?.podSelector ?? {};
  const selectsAll =
    Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  if (!selectsAll) return [];
  return effectivePolicyTypes(policy.spec).filter(
    (type) => ((type === 'Ingress' ? policy.spec?.ingress : policy.spec?.egress)?.length ?? 0) === 0,
  );
}

function namespaceLabels(pod: PodIdentity): Labels {
  return { ...pod.namespaceLabels, [NAMESPACE_NAME_LABEL]: pod.namespace };
}

function peerMatches(
  peer: INetworkPolicyPeer,
  policyNamespace: string,
  endpoint: Endpoint,
  address: number | undefined,
): boolean {
  if (peer.ipBlock) {
    if (address === undefined) return false;
    const cidr = addressRange(peer.ipBlock.cidr);
    if (!cidr || address < cidr[0] || address > cidr[1]) return false;
    return !(peer.ipBlock.except ?? []).some((text) => {
      const except = addressRange(text);
      return except !== undefined && address >= except[0] && address <= except[1];
    });
  }
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const pod = endpoint.pod;
  if (!pod) return false;
  const namespaceOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, namespaceLabels(pod))
    : pod.namespace === policyNamespace;
  return namespaceOk && (!peer.podSelector || selectorMatches(peer.podSelector, pod.labels));
}

function rulePorts(ports: readonly INetworkPolicyPort[] | undefined, destination: Endpoint): PortSet {
  if (!ports || ports.length === 0) return ALL_PORTS;
  return unionPorts(
    ...ports.map((entry) => {
      const protocol = (entry.protocol ?? 'TCP') as Protocol;
      if (!PROTOCOLS.includes(protocol)) return NO_PORTS;
      if (entry.port === undefined) return portSetOf(protocol, 1, 65535);
      if (typeof entry.port === 'number') return portSetOf(protocol, entry.port, entry.endPort ?? entry.port);
      const named = (destination.ports ?? []).filter(
        (p) => p.name === entry.port && (p.protocol ?? 'TCP') === protocol,
      );
      return unionPorts(...named.map((p) => portSetOf(protocol, p.port)));
    }),
  );
}

/**
 * Representative addresses of an endpoint: its address ranges cut at every boundary of every ipBlock, one
 * address per piece (every address of a piece is matched by exactly the same ipBlocks). `[undefined]` when it
 * has no addresses.
 */
function addressVariants(
  endpoint: Endpoint,
  policies: readonly NetworkPolicyObject[],
): (number | undefined)[] {
  if (!endpoint.addresses || endpoint.addresses.length === 0) return [undefined];
  const what = `endpoint ${endpoint.name}`;
  const ranges = subtract(
    endpoint.addresses.map((a) => requireRange(a, what)),
    (endpoint.exceptAddresses ?? []).map((a) => requireRange(a, what)),
  );
  const cuts = new Set<number>();
  for (const policy of policies) {
    const rules = [
      ...(policy.spec?.ingress ?? []).map((r) => r.from),
      ...(policy.spec?.egress ?? []).map((r) => r.to),
    ];
    for (const peers of rules) {
      for (const peer of peers ?? []) {
        if (!peer.ipBlock) continue;
        for (const text of [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])]) {
          const range = addressRange(text);
          if (range) cuts.add(range[0]).add(range[1] + 1);
        }
      }
    }
  }
  const sortedCuts = [...cuts].sort((a, b) => a - b);
  const variants: number[] = [];
  for (const [first, last] of ranges) {
    variants.push(first);
    for (const cut of sortedCuts) if (cut > first && cut <= last) variants.push(cut);
  }
  return variants;
}

/**
 * What one side allows. `subject` is the pod whose policies apply (the source for egress, the destination for
 * ingress); `peer` the other end, seen from one of its addresses; `destination` resolves named ports.
 */
function evaluateSide(
  policies: readonly NetworkPolicyObject[],
  direction: 'Ingress' | 'Egress',
  subject: Endpoint,
  peer: Endpoint,
  peerAddress: number | undefined,
  destination: Endpoint,
): SideVerdict {
  const pod = subject.pod;
  if (!pod) return { isolated: false, ports: ALL_PORTS, allowedBy: [] };
  const selecting = policies.filter(
    (policy) => policySelects(policy, pod) && effectivePolicyTypes(policy.spec).includes(direction),
  );
  if (selecting.length === 0) return { isolated: false, ports: ALL_PORTS, allowedBy: [] };
  let ports = NO_PORTS;
  const allowedBy: string[] = [];
  for (const policy of selecting) {
    const rules =
      direction === 'Ingress'
        ? (policy.spec?.ingress ?? []).map((rule) => ({ peers: rule.from, ports: rule.ports }))
        : (policy.spec?.egress ?? []).map((rule) => ({ peers: rule.to, ports: rule.ports }));
    let contributed = false;
    for (const rule of rules) {
      const peerOk =
        !rule.peers ||
        rule.peers.length === 0 ||
        rule.peers.some((p) => peerMatches(p, namespaceOf(policy), peer, peerAddress));
      if (!peerOk) continue;
      const allowed = rulePorts(rule.ports, destination);
      if (isEmptyPorts(allowed)) continue;
      ports = unionPorts(ports, allowed);
      contributed = true;
    }
    if (contributed) allowedBy.push(policyRef(policy));
  }
  return { isolated: true, ports, allowedBy };
}

function combineVariants(verdicts: readonly SideVerdict[], mode: AddressQuantifier): SideVerdict {
  const [first, ...rest] = verdicts;
  if (!first) return { isolated: false, ports: ALL_PORTS, allowedBy: [] };
  const ports = rest.reduce(
    (acc, v) => (mode === 'all' ? intersectPorts(acc, v.ports) : unionPorts(acc, v.ports)),
    first.ports,
  );
  return {
    isolated: verdicts.some((v) => v.isolated),
    ports,
    allowedBy: [...new Set(verdicts.flatMap((v) => v.allowedBy))].sort(),
  };
}

/**
 * Everything `from` may open on `to`, counting `from`'s egress and `to`'s ingress, with the addresses of both
 * ends quantified by `quantifier` (see `AddressQuantifier`).
 */
export function evaluateConnection(
  policies: readonly NetworkPolicyObject[],
  from: Endpoint,
  to: Endpoint,
  quantifier: AddressQuantifier,
  variantsOf: (endpoint: Endpoint) => readonly (number | undefined)[] = (endpoint) =>
    addressVariants(endpoint, policies),
): ConnectionVerdict {
  // Egress of `from` depends on the address of `to`; ingress of `to` on the address of `from`.
  const egress = combineVariants(
    variantsOf(to).map((address) => evaluateSide(policies, 'Egress', from, to, address, to)),
    quantifier,
  );
  const ingress = combineVariants(
    variantsOf(from).map((address) => evaluateSide(policies, 'Ingress', to, from, address, to)),
    quantifier,
  );
  return { ports: intersectPorts(egress.ports, ingress.ports), egress, ingress };
}

/**
 * True when `from` can open a connection to `to` on `port`/`protocol` whichever addresses the two ends have
 * (`'all'`): the question for a connection that must work.
 */
export function canConnect(
  policies: readonly NetworkPolicyObject[],
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  return hasPort(evaluateConnection(policies, from, to, 'all').ports, protocol, port);
}

/**
 * True when some address of `from` may open a connection to some address of `to` on `port`/`protocol`
 * (`'any'`): the question for a connection that must be closed (`expect(mayConnect(…)).toBe(false)`).
 */
export function mayConnect(
  policies: readonly NetworkPolicyObject[],
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  return hasPort(evaluateConnection(policies, from, to, 'any').ports, protocol, port);
}

/**
 * Every allowed connection between the endpoints under `quantifier`: one entry per ordered pair (a pair with
 * itself means between two pods of the same set) with a non-empty port set. `include` limits the pairs.
 */
export function reachabilityMatrix(
  policies: readonly NetworkPolicyObject[],
  endpoints: readonly Endpoint[],
  quantifier: AddressQuantifier,
  include: (from: Endpoint, to: Endpoint) => boolean = () => true,
): Connection[] {
  const connections: Connection[] = [];
  // An endpoint's address variants depend only on it and the policies: computed once per matrix, not per pair.
  const variants = new Map(endpoints.map((endpoint) => [endpoint, addressVariants(endpoint, policies)]));
  const variantsOf = (endpoint: Endpoint) => variants.get(endpoint) ?? addressVariants(endpoint, policies);
  for (const from of endpoints) {
    for (const to of endpoints) {
      if (!include(from, to)) continue;
      const { ports } = evaluateConnection(policies, from, to, quantifier, variantsOf);
      if (!isEmptyPorts(ports)) connections.push({ from: from.name, to: to.name, ports });
    }
  }
  return connections;
}

/** A rule of a NetworkPolicy, as explanations name it: `NetworkPolicy pms/frontend spec.egress[1]` and its peers. */
export interface RuleReference {
  /** `NetworkPolicy namespace/name`. */
  readonly policy: string;
  /** Path of the rule in the policy, e.g. `spec.ingress[0]`. */
  readonly path: string;
  /** The rule's peers as they read in messages, e.g. `pods {app=frontend}; ipBlock 10.0.0.0/24`. */
  readonly peers: string;
}

/** Why one side (the source's egress or the destination's ingress) allows or denies one port. */
export interface SideExplanation {
  /** The direction, `Egress` for the source, `Ingress` for the destination. */
  readonly direction: 'Ingress' | 'Egress';
  /** `NetworkPolicy namespace/name` of every policy selecting the subject for this direction (none: not isolated). */
  readonly selecting: readonly string[];
  /** The rules that admit the other end on the port, for some address. */
  readonly allowing: readonly RuleReference[];
  /** The rules that open the port to some peer (those whose peers are at fault when the other end is denied). */
  readonly openingPort: readonly RuleReference[];
}

/** How a peer reads in explanations. */
export function describePeer(peer: INetworkPolicyPeer): string {
  if (peer.ipBlock)
    return `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except?.length ? ` except ${peer.ipBlock.except.join(', ')}` : ''}`;
  const parts = [
    ...(peer.namespaceSelector ? [`namespaces {${formatSelector(peer.namespaceSelector)}}`] : []),
    ...(peer.podSelector ? [`pods {${formatSelector(peer.podSelector)}}`] : []),
  ];
  return parts.join(' and ') || '(no selector)';
}

/**
 * Explains one side of a connection on one port: the policies selecting the subject in that direction, the rules that
 * admit the other end on the port, and the rules that open the port at all. With the verdict of `evaluateConnection`
 * it tells a reader which policy, which rule and which selector (or missing `policyTypes`) decides.
 */
export function explainSide(
  policies: readonly NetworkPolicyObject[],
  direction: 'Ingress' | 'Egress',
  subject: Endpoint,
  peer: Endpoint,
  destination: Endpoint,
  protocol: Protocol,
  port: number,
): SideExplanation {
  const pod = subject.pod;
  const selecting = pod
    ? policies.filter((p) => policySelects(p, pod) && effectivePolicyTypes(p.spec).includes(direction))
    : [];
  const allowing: RuleReference[] = [];
  const openingPort: RuleReference[] = [];
  const variants = addressVariants(peer, policies);
  for (const policy of selecting) {
    const rules =
      direction === 'Ingress'
        ? (policy.spec?.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
        : (policy.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    rules.forEach((rule, index) => {
      if (!hasPort(rulePorts(rule.ports, destination), protocol, port)) return;
      const reference: RuleReference = {
        policy: `NetworkPolicy ${policyRef(policy)}`,
        path: `spec.${direction.toLowerCase()}[${index}]`,
        peers: rule.peers?.length ? rule.peers.map(describePeer).join('; ') : 'every peer',
      };
      openingPort.push(reference);
      const admits =
        !rule.peers ||
        rule.peers.length === 0 ||
        variants.some((address) =>
          rule.peers!.some((p) => peerMatches(p, namespaceOf(policy), peer, address)),
        );
      if (admits) allowing.push(reference);
    });
  }
  return {
    direction,
    selecting: selecting.map((p) => `NetworkPolicy ${policyRef(p)}`),
    allowing,
    openingPort,
  };
}
