/** The reachability vocabulary of the report. */

/** A set of ports one endpoint may (no longer) open on another. */
export interface Connection {
  /**
   * Endpoint name: a PMS service (`frontend`), an external node of the graph (`kube-dns`, `kube-apiserver`, an operator
   * such as `cnpg-operator`, `alb`), `vpc`, `internet`, `other-namespace`.
   */
  readonly from: string;
  /** Same vocabulary as `from`. */
  readonly to: string;
  /** The ports, `53/TCP, 53/UDP`. */
  readonly port: string;
}

/** `from → to: ports`. */
export function connectionKey(connection: Connection): string {
  return `${connection.from} → ${connection.to}: ${connection.port}`;
}
