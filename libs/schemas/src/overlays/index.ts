import { acmCertificate } from './ack-acm.js';
import { cloudwatchDashboard, cloudwatchMetricAlarm } from './ack-cloudwatch.js';
import { iamPolicy, iamRole } from './ack-iam.js';
import { s3Bucket } from './ack-s3.js';
import { wafv2WebAcl } from './ack-wafv2.js';
import { ingressClassParams, targetGroupBinding } from './aws-load-balancer-controller.js';
import type { Overlay } from './dsl.js';

/** Every constraint overlay, one per custom kind that has one. */
export const OVERLAYS: readonly Overlay[] = [
  ingressClassParams,
  targetGroupBinding,
  wafv2WebAcl,
  acmCertificate,
  iamPolicy,
  iamRole,
  cloudwatchDashboard,
  cloudwatchMetricAlarm,
  s3Bucket,
];

/** The overlay of a kind, if it has one. */
export function overlayOf(apiVersion: string, kind: string): Overlay | undefined {
  return OVERLAYS.find((o) => o.apiVersion === apiVersion && o.kind === kind);
}
