/** Renders one security construct into plain objects for tests. */
import { CLUSTER_CONTEXT_KEY, PlainChart, synthesize, type Manifest } from '@pms/core';
import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { cluster } from '../gate/__fixtures__/cluster.js';

export { cluster };

/** Builds `make(chart)` in a fresh App of cluster `pms-test`, synthesizes it, returns the construct and objects. */
export function render<T>(make: (scope: Construct) => T): { construct: T; manifests: Manifest[] } {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, cluster.name);
  const chart = new PlainChart(app, cluster.name);
  const construct = make(chart);
  return { construct, manifests: synthesize(app) };
}

/** The single object of a kind. */
export function only(
  manifests: readonly Manifest[],
  kind: string,
): Manifest & { spec: Record<string, unknown> } {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0] as Manifest & { spec: Record<string, unknown> };
}
