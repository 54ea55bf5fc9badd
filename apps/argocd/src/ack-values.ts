/**
 * The typed, strict Helm values of an ACK controller chart: what this project sets (namespace scope, region,
 * IRSA ServiceAccount, the kinds to reconcile) and the shape that refuses anything else.
 */
import { AWS_RESOURCES_NAMESPACE, type ClusterSettings } from '@pms/core';
import { ackReleaseName, ackRoleArn, type AckController } from './ack-catalogue.js';
import { array, boolean, map, object, oneOf, string, type Shape } from './strict.js';

/** The chart values this project sets (ACK chart `values.yaml`); everything else keeps the chart default. */
export interface AckControllerValues {
  /** AWS API settings. */
  readonly aws: {
    /** The cluster's region (resources may still pin theirs with `services.k8s.aws/region`). */
    readonly region: string;
  };
  /** `namespace`: RBAC and watch limited to `watchNamespace` (the chart's default is the whole cluster). */
  readonly installScope: 'namespace';
  /** `pms-aws`: the only namespace with ACK objects; also where the chart's controller Role is created. */
  readonly watchNamespace: string;
  /**
   * `retain`: the controller's default, so an object without its own policy never deletes its AWS resource. An
   * object's `services.k8s.aws/deletion-policy` annotation overrides it: the web ACL, certificate and IAM objects
   * carry `retain`; the CloudWatch dashboard and alarms carry `delete`, so a pruned alarm does not keep paging.
   */
  readonly deletionPolicy: 'retain';
  /** Only the kinds the cluster renders are reconciled (derived; the charts' defaults differ by version). */
  readonly reconcile: {
    /** Kind names, e.g. `MetricAlarm`. */
    readonly resources: readonly string[];
  };
  /** The ServiceAccount the IAM role trusts (IRSA). */
  readonly serviceAccount: {
    /** Created by the chart. */
    readonly create: true;
    /** `ack-<service>-controller`: the subject in the IAM role's trust policy. */
    readonly name: string;
    /** `eks.amazonaws.com/role-arn`: the controller's IAM role. */
    readonly annotations: { readonly 'eks.amazonaws.com/role-arn': string };
  };
}

/** Strict shape of `AckControllerValues`: Helm ignores unknown values silently, so a typo must fail here. */
export const ACK_VALUES_SHAPE: Shape = object<AckControllerValues>({
  aws: object<AckControllerValues['aws']>({ region: string }),
  installScope: oneOf(['namespace']),
  watchNamespace: string,
  deletionPolicy: oneOf(['retain']),
  reconcile: object<AckControllerValues['reconcile']>({ resources: array(string) }),
  serviceAccount: object<AckControllerValues['serviceAccount']>({
    create: boolean,
    name: string,
    annotations: map(string),
  }),
});

/** The typed chart values of one controller in one cluster, reconciling `kinds`. */
export function ackControllerValues(
  cluster: ClusterSettings,
  controller: AckController,
  kinds: readonly string[],
): AckControllerValues {
  return {
    aws: { region: cluster.aws.region },
    installScope: 'namespace',
    watchNamespace: AWS_RESOURCES_NAMESPACE,
    deletionPolicy: 'retain',
    reconcile: { resources: [...kinds] },
    serviceAccount: {
      create: true,
      name: ackReleaseName(controller),
      annotations: { 'eks.amazonaws.com/role-arn': ackRoleArn(cluster, controller) },
    },
  };
}
