/**
 * Where Argo CD finds what it syncs. The repository URL and branch are `GITOPS_REPOSITORY` of `@pms/core`
 * (`libs/core/src/gitops/repository.ts`), THE PLACE TO CHANGE when the repository moves: the Argo CD objects
 * (project, ApplicationSet, bootstrap Application) and the clusters' alarm descriptions and README links read it
 * from there. The chart repositories and Argo CD's own names are here.
 */

export { ARGOCD_NAMESPACE, GITOPS_REPOSITORY, type GitRepository } from '@pms/core';

/** The Helm repository of the AWS Load Balancer Controller chart (aws/eks-charts). */
export const EKS_CHARTS_REPOSITORY = 'https://aws.github.io/eks-charts';

/**
 * The OCI registry path of the ACK controllers' Helm charts (`<service>-chart`), in the form Argo CD expects for a
 * Helm repository stored in an OCI registry: no `oci://` scheme, the chart name in `chart`. Registered once in
 * Argo CD as a Helm repository with `enableOCI: "true"` (docs/gitops.md, bootstrap).
 */
export const ACK_CHARTS_REPOSITORY = 'public.ecr.aws/aws-controllers-k8s';

/** Git repository of one ACK service controller (its release tags hold the chart's CRDs under `helm/crds/`). */
export function ackControllerRepository(service: string): string {
  return `https://github.com/aws-controllers-k8s/${service}-controller.git`;
}

/** The locked-down project every PMS Application belongs to. */
export const PMS_PROJECT = 'pms';

/** The project of the single bootstrap Application that keeps `argocd/` itself in sync. */
export const BOOTSTRAP_PROJECT = 'pms-bootstrap';

/** API server address of the cluster Argo CD runs in (Argo CD's built-in `in-cluster` destination). */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** Folder of this repository holding one rendered folder per cluster (`clusters/<name>/`). */
export const CLUSTERS_DIR = 'clusters';

/** Folder of this repository holding the rendered Argo CD objects. */
export const ARGOCD_DIR = 'argocd';
