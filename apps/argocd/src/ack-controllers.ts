/**
 * The AWS Controllers for Kubernetes (ACK) that reconcile the ACK objects the clusters render (WebACL,
 * Certificate, IAM Policy/Role, Dashboard, MetricAlarm in namespace `pms-aws`), installed per cluster by Argo CD:
 *
 * - one Helm Application per service controller (`<cluster>-ack-<service>-controller`), from the ACK chart in the
 *   public ECR registry, pinned, into `ack-system`, with typed strict values: the cluster's region, the
 *   ServiceAccount with its IRSA role, namespace scope watching `pms-aws` only, and only the kinds rendered;
 * - one Application per cluster for their CRDs (`<cluster>-ack-crds`), one wave earlier. Every ACK chart ships,
 *   besides its own CRDs, the two CRDs of the ACK runtime (`adoptedresources.services.k8s.aws`,
 *   `fieldexports.services.k8s.aws`). Four charts installing the same CRD would make four Applications own one
 *   object (`FailOnSharedResource` fails the sync; without it they overwrite each other's tracking forever). So the
 *   charts skip their CRDs, and this Application installs each controller's CRDs from its Git repository at the
 *   release tag of the pinned chart (`helm/crds/`, the files the chart packages), the runtime CRDs exactly once.
 *
 * Which controllers a cluster gets is derived from what it renders: one per ACK API group in use; an ACK group
 * without a known controller is refused.
 */
export * from './ack-catalogue.js';
export * from './ack-values.js';
export * from './ack-applications.js';
