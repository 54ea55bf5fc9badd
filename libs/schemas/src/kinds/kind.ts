import type { SchemaIssue } from '../issue.js';

/** Where a kind's schema comes from. */
export type SchemaSource = 'kubernetes-models' | '@kubernetes-models/argo-cd' | '@pms/crd-models';

/** One kind the validator knows: its identity, scope and strict check. */
export interface KindSchema {
  /** `group/version`, or `v1` for the core group. */
  readonly apiVersion: string;
  /** Kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Namespaced objects must name a namespace; cluster-scoped ones must not. */
  readonly scope: 'Namespaced' | 'Cluster';
  /**
   * The package whose schema is used: `@pms/crd-models` for the models generated from the vendored CRDs (with
   * the constraint overlays of `libs/schemas/src/overlays`).
   */
  readonly source: SchemaSource;
  /** Every issue of one object of this kind (empty when valid); unknown fields included. */
  check(object: unknown): SchemaIssue[];
}
