/**
 * What monitoring knows of the namespace's Services and the connections between them. Monitoring may not import
 * the networking catalogue or its communication graph, so the platform passes them in in these shapes (networking's
 * `PMS_SERVICES` and `graph.edges` satisfy them).
 */

/** A Service the runbook refers to. */
export interface MonitoredService {
  /** Service name in the namespace (DNS label `<name>.<namespace>.svc.cluster.local`). */
  readonly name: string;
  /** Service port (equal to the container port). */
  readonly port: number;
  /**
   * Labels of the pods behind the Service, to find a pod of it (a caller to debug from, or a peer for a
   * connection to a port the Service does not expose).
   * @default { 'app.kubernetes.io/name': name }
   */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/**
 * A connection the NetworkPolicies allow, as the networking concern declares it (its communication graph). The
 * runbook probes each one from a pod of its caller; endpoints that are not Services of `services` (the ALB,
 * kube-dns) are not probed this way.
 */
export interface ServiceConnection {
  /** The calling Service (its pods). */
  readonly from: string;
  /** The called Service (its pods). */
  readonly to: string;
  /** Destination container port: the Service port, or a port only the pods listen on (reached by pod IP). */
  readonly port: number;
  /** Transport protocol; the runbook probes TCP connections. */
  readonly protocol: 'TCP' | 'UDP';
  /**
   * Why the connection exists, printed next to its probe.
   * @default none
   */
  readonly purpose?: string;
}
