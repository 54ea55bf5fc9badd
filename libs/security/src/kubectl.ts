import type { ClusterSettings } from '@pms/core';

/**
 * `kubectl --context <cluster>`, how every command in the security docs starts: it names the cluster it is for, so
 * a reader with several contexts cannot run it against another one (the runbook's `aws eks update-kubeconfig
 * --alias <cluster>` creates the context with this name).
 */
export function kubectl(cluster: Pick<ClusterSettings, 'name'>): string {
  return `kubectl --context ${cluster.name}`;
}
