/**
 * The nodes of the communication graph besides the PMS services: the ALB, the cluster DNS, the Kubernetes API
 * server and the operators of the backing services. Each is either a set of pods of another namespace (selected by
 * namespace and labels) or a set of addresses (selected by `ipBlock`s), which is all a NetworkPolicy can express.
 */
import { formatIpv4, parseCidr, type VpcSettings } from '@pms/core';
import { UPSTREAM_PROJECTS } from './backing/upstream.js';
import { backingServicesOf, PMS_SERVICES, type ServiceDefinition } from './catalogue.js';

/** The ALB: reaches pods from its network interfaces in the ALB subnets (`vpc.albSubnets`), target type `ip`. */
export const ALB = 'alb';
/** The cluster DNS (CoreDNS, still labelled `k8s-app: kube-dns` on EKS) in `kube-system`. */
export const KUBE_DNS = 'kube-dns';
/** The Kubernetes API server: the `kubernetes` Service's ClusterIP and the control plane's network interfaces. */
export const KUBE_APISERVER = 'kube-apiserver';

/**
 * Where kube-dns runs and how its pods are labelled, as NetworkPolicies select it (the `kube-dns` node). The policy
 * gate checks it against `EKS_COREDNS_PODS` (rule `dns-reaches-coredns`): these labels must select EKS's CoreDNS.
 */
export const KUBE_DNS_PODS = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns' },
  port: 53,
} as const;

/** How messages name the kube-dns selector: the constant and its file. */
export const KUBE_DNS_SOURCE = 'KUBE_DNS_PODS (libs/networking/src/graph-nodes.ts)';

/**
 * The CoreDNS pods EKS runs, as they are: an upstream fact, held apart from `KUBE_DNS_PODS` (what this project's
 * policies select) so that the gate can check the one against the other. EKS deploys CoreDNS (the `coredns` add-on)
 * as Deployment `coredns` in `kube-system` with the pod labels `k8s-app: kube-dns` and
 * `eks.amazonaws.com/component: coredns` (the EKS CoreDNS manifest; EKS user guide "Manage CoreDNS",
 * `kubectl get pods -n kube-system -l k8s-app=kube-dns`), listening on 53/UDP and 53/TCP.
 */
export const EKS_COREDNS_PODS = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' },
  port: 53,
} as const;

/** The port the API server serves on, behind the `kubernetes` Service (443 → 443 on EKS). */
export const KUBE_APISERVER_PORT = 443;

/** A port a node listens on. */
export interface NodePort {
  /** Port name. @default none */
  readonly name?: string;
  /** Port number. */
  readonly port: number;
  /** Protocol. */
  readonly protocol: 'TCP' | 'UDP';
}

/** Pods of another namespace, selected by a namespace selector AND a pod selector in one peer. */
export interface PodsNode {
  readonly kind: 'pods';
  /** Node name in the graph, e.g. `kube-dns`. */
  readonly name: string;
  /** Their namespace. */
  readonly namespace: string;
  /** Their labels (the peer's pod selector). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Ports they listen on that the graph may target. */
  readonly ports: readonly NodePort[];
  /** What they are, for the docs. */
  readonly description: string;
}

/** Addresses outside any pod, selected by `ipBlock`s. */
export interface AddressesNode {
  readonly kind: 'addresses';
  /** Node name in the graph, e.g. `alb`. */
  readonly name: string;
  /** The addresses (CIDRs) of the node in a cluster's VPC settings. */
  readonly addresses: (vpc: VpcSettings) => readonly string[];
  /** Ports it listens on that the graph may target (none for a source-only node). */
  readonly ports: readonly NodePort[];
  /** What it is, for the docs. */
  readonly description: string;
}

/** A node of the graph that is not a PMS service. */
export type ExternalNode = PodsNode | AddressesNode;

/**
 * The ClusterIP of the `kubernetes` Service: the first address of the Service CIDR (kube-apiserver's
 * `ServiceIPRange`, kubernetes/kubernetes pkg/controlplane: "Select the first valid IP from ServiceClusterIPRange to
 * use as the GenericAPIServer service IP", `GetIndexedIP(&serviceClusterIPRange, 1)`).
 */
export function kubernetesServiceIp(serviceCidr: string): string {
  const cidr = parseCidr(serviceCidr, false);
  if (!cidr) throw new Error(`vpc.serviceCidr ${JSON.stringify(serviceCidr)} is not a CIDR`);
  return formatIpv4(cidr.network + 1);
}

/** The API server's addresses as the policies admit it: the `kubernetes` Service ClusterIP/32, the control-plane subnets. */
export function kubeApiServerAddresses(
  vpc: Pick<VpcSettings, 'serviceCidr' | 'controlPlaneSubnets'>,
): string[] {
  return [`${kubernetesServiceIp(vpc.serviceCidr)}/32`, ...vpc.controlPlaneSubnets];
}

const albNode: AddressesNode = {
  kind: 'addresses',
  name: ALB,
  addresses: (vpc) => vpc.albSubnets.map((s) => s.cidr),
  ports: [],
  description: 'the ALB (target type ip): any address of the ALB subnets',
};

const kubeDnsNode: PodsNode = {
  kind: 'pods',
  name: KUBE_DNS,
  namespace: KUBE_DNS_PODS.namespace,
  podLabels: KUBE_DNS_PODS.podLabels,
  ports: [
    { name: 'dns', port: KUBE_DNS_PODS.port, protocol: 'UDP' },
    { name: 'dns-tcp', port: KUBE_DNS_PODS.port, protocol: 'TCP' },
  ],
  description: 'the cluster DNS (CoreDNS pods labelled k8s-app: kube-dns in kube-system)',
};

/**
 * The API server as pods reach it. The VPC CNI enforces egress on the pod's interface before the Service address
 * is translated (aws/amazon-network-policy-controller-k8s pkg/resolvers/endpoints.go; ipBlock peers are taken
 * literally), and in-cluster clients dial the `kubernetes` Service's ClusterIP, so the ClusterIP/32 is what
 * admits them; the control-plane subnets (the Service's endpoints, which can change) cover clients that dial them
 * directly. There is no pod selector for the API server (aws/aws-network-policy-agent#281).
 */
const kubeApiServerNode: AddressesNode = {
  kind: 'addresses',
  name: KUBE_APISERVER,
  addresses: (vpc) => kubeApiServerAddresses(vpc),
  ports: [{ name: 'https', port: KUBE_APISERVER_PORT, protocol: 'TCP' }],
  description:
    'the Kubernetes API server: the `kubernetes` Service ClusterIP (vpc.serviceCidr) and the control-plane subnets (vpc.controlPlaneSubnets)',
};

/** The operator pods of the backing services' projects (operators only), once per project. */
export function operatorNodes(services: readonly ServiceDefinition[] = PMS_SERVICES): PodsNode[] {
  const projects = [...new Set(backingServicesOf(services).map((s) => s.installer.project))];
  return projects.flatMap((id) => {
    const project = UPSTREAM_PROJECTS[id];
    const operator = project?.operator;
    if (!operator) return [];
    return [
      {
        kind: 'pods' as const,
        name: operator.node,
        namespace: operator.namespace,
        podLabels: operator.labels,
        ports: [],
        description: `the ${project.title} operator (namespace ${operator.namespace})`,
      },
    ];
  });
}

/** Every node of the graph that is not a PMS service, in a stable order. */
export function externalNodes(services: readonly ServiceDefinition[] = PMS_SERVICES): ExternalNode[] {
  return [kubeDnsNode, kubeApiServerNode, ...operatorNodes(services), albNode];
}

/** The external node named `name`, if any. */
export function externalNode(
  name: string,
  services: readonly ServiceDefinition[] = PMS_SERVICES,
): ExternalNode | undefined {
  return externalNodes(services).find((node) => node.name === name);
}
