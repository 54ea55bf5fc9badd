/**
 * Rendered objects for the schema-strictness cases of the bad-input corpus. The Ingress and Service come from
 * building the valid fixture cluster; the Argo CD Application is written here (libraries cannot import the
 * `argocd` app), shaped like `argocd/argocd/application/pms-argocd.yaml`.
 */
import type { Manifest } from '@pms/core';
import { buildPmsCluster } from '../cluster.js';
import { validSettings } from './cluster.js';

/** A valid Argo CD Application with automated sync (prune, self-heal). */
export function validApplication(): Manifest {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'pms-corpus', namespace: 'argocd', labels: { 'app.kubernetes.io/name': 'pms-corpus' } },
    spec: {
      project: 'pms',
      destination: { name: 'pms-corpus', namespace: 'pms' },
      source: {
        repoURL: 'https://github.com/example-org/pms-gitops.git',
        targetRevision: 'main',
        path: 'clusters/pms-corpus',
        directory: { recurse: true, include: '*.yaml' },
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['ServerSideApply=true'],
      },
    },
  };
}

let built: readonly Manifest[] | undefined;

/** A deep copy of one object rendered for the valid fixture cluster (built once per test file). */
export function renderedObject(kind: string, name: string): Manifest {
  built ??= buildPmsCluster(validSettings()).manifests;
  const found = built.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`the fixture cluster renders no ${kind} ${name}`);
  return structuredClone(found);
}

/** Every object rendered for the valid fixture cluster (deep copies). */
export function renderedObjects(): Manifest[] {
  built ??= buildPmsCluster(validSettings()).manifests;
  return structuredClone([...built]);
}
