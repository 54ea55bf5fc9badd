/**
 * Deletion protection that holds (`@pms/core` `k8s/protection.ts`): in a cluster that must guard against deletion
 * (prod, or `deletionProtection` in the settings), the three independent layers are all present on every object
 * whose loss the next sync cannot repair: the load balancer controller's guard on the Ingress, Argo CD's
 * `Prune=false,Delete=false` on the Ingress, the stateful ACK objects and the backing services' data-holding custom
 * resources (networking's `STATEFUL_BACKING_KINDS`: CloudNativePG Cluster, Strimzi Kafka and KafkaNodePool), and
 * ACK's `retain` on the ACK objects.
 */
import {
  ACK_DELETION_POLICY_ANNOTATION,
  DELETION_GUARD_SYNC_OPTIONS,
  deletionGuardRequired,
  objectRef,
  parseSyncOptions,
  statefulAwsKindOf,
  SYNC_OPTIONS_ANNOTATION,
  syncOptionsValue,
  type Manifest,
} from '@pms/core';
import { AlbAnnotation, parseAttributes } from '@pms/ingress';
import { statefulBackingKindOf } from '@pms/networking';
import { albViews } from './alb-objects.js';
import { finding, ruleOf, type Finding, type GateInput, type RuleCheck } from './model.js';

const albRule = ruleOf('load-balancer');
const cloudRule = ruleOf('cloud');

const ingressGuard = albRule(
  'alb-ingress-deletion-guard',
  "where deletion protection is required, every ALB Ingress carries deletion_protection.enabled=true in its own load-balancer-attributes annotation (the controller's delete guard reads only that)",
  'AWS Load Balancer Controller v2.17.1 delete path (pkg/ingress/model_builder.go; issue #4325)',
);
const argoGuard = cloudRule(
  'argocd-deletion-guard',
  "where deletion protection is required, the ALB Ingresses, the stateful ACK objects and the backing services' data-holding custom resources (CloudNativePG Cluster, Strimzi Kafka and KafkaNodePool) carry Argo CD sync options Prune=false,Delete=false",
  'Argo CD sync options (docs/user-guide/sync-options.md)',
);
const ackRetain = cloudRule(
  'ack-retain-stateful',
  "where deletion protection is required, the stateful ACK objects (web ACL, certificate, IAM, buckets) carry ACK's deletion policy retain",
  'ACK runtime deletion policy (apis/core/v1alpha1/annotations.go)',
);

const annotationField = (key: string) => `metadata.annotations["${key}"]`;
const why = (input: GateInput) =>
  input.cluster.environment === 'prod' ? 'required in prod' : 'the cluster settings set deletionProtection';

/**
 * The ALB Ingresses, the stateful ACK objects and the backing services' stateful custom resources: what Argo CD must
 * never delete in a protected cluster.
 */
function guardedObjects(input: GateInput): { object: Manifest; what: string }[] {
  const ingresses = albViews(input.manifests).flatMap((view) =>
    view.ingresses.map((object) => ({
      object: object as Manifest,
      what: `deleting it deletes the ALB ${view.group.loadBalancerName ?? view.group.name}`,
    })),
  );
  const stateful = input.manifests.flatMap((object) => {
    const kind = statefulAwsKindOf(object) ?? statefulBackingKindOf(object);
    return kind ? [{ object, what: `deleting it loses what ${kind.kind} holds: ${kind.loss}` }] : [];
  });
  return [...ingresses, ...stateful];
}

/** The deletion-protection rules with their checks. */
export const DELETION_RULES: readonly RuleCheck[] = [
  {
    rule: ingressGuard,
    check: (input) => {
      if (!deletionGuardRequired(input.cluster)) return [];
      return albViews(input.manifests).flatMap((view) =>
        view.ingresses.flatMap((ingress): Finding[] => {
          const raw = ingress.metadata.annotations?.[AlbAnnotation.loadBalancerAttributes];
          let value: string | undefined;
          try {
            value = raw === undefined ? undefined : parseAttributes(raw).get('deletion_protection.enabled');
          } catch {
            return []; // alb-attribute-syntax reports an unparsable annotation
          }
          if (value === 'true') return [];
          return [
            finding(ingressGuard, ingress, {
              field: annotationField(AlbAnnotation.loadBalancerAttributes),
              value: raw,
              problem: `deleting or pruning ${objectRef(ingress)} makes the controller disable deletion protection itself and delete the ALB ${view.group.loadBalancerName ?? view.group.name}: its delete guard ignores IngressClassParams`,
              allowed: `an annotation with deletion_protection.enabled=true (${why(input)}; ingressLoadBalancerAttributes in libs/ingress/src/ingress-objects.ts writes it)`,
            }),
          ];
        }),
      );
    },
  },
  {
    rule: argoGuard,
    check: (input) => {
      if (!deletionGuardRequired(input.cluster)) return [];
      return guardedObjects(input).flatMap(({ object, what }): Finding[] => {
        const raw = object.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION];
        const options = parseSyncOptions(raw);
        const missing = DELETION_GUARD_SYNC_OPTIONS.filter((option) => !options.includes(option));
        if (missing.length === 0) return [];
        return [
          finding(argoGuard, object, {
            field: annotationField(SYNC_OPTIONS_ANNOTATION),
            value: raw,
            problem: `lacks ${missing.join(', ')}: Argo CD deletes the object when it leaves Git (Prune) or when the Application is deleted (Delete), and ${what}`,
            allowed: `options including ${syncOptionsValue(DELETION_GUARD_SYNC_OPTIONS)} (${why(input)}; guardedAnnotations / customResourceAnnotations / ackAnnotations in libs/core write them)`,
          }),
        ];
      });
    },
  },
  {
    rule: ackRetain,
    check: (input) => {
      if (!deletionGuardRequired(input.cluster)) return [];
      return input.manifests.flatMap((object): Finding[] => {
        const kind = statefulAwsKindOf(object);
        const policy = object.metadata.annotations?.[ACK_DELETION_POLICY_ANNOTATION];
        if (!kind || policy === 'retain') return [];
        return [
          finding(ackRetain, object, {
            field: annotationField(ACK_DELETION_POLICY_ANNOTATION),
            value: policy,
            problem: `ACK deletes the AWS ${kind.kind} whenever the object is deleted (by anyone, not only Argo CD): ${kind.loss}`,
            allowed: `retain (${why(input)}; ackAnnotations in libs/core/src/k8s/ack.ts writes it)`,
          }),
        ];
      });
    },
  },
];
