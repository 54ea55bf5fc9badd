import { acmCertificate } from '../crds/ack-acm.js';
import { cloudwatchDashboard, cloudwatchMetricAlarm } from '../crds/ack-cloudwatch.js';
import { iamPolicy, iamRole } from '../crds/ack-iam.js';
import { wafv2WebAcl } from '../crds/ack-wafv2.js';
import { ingressClassParams, targetGroupBinding } from '../crds/aws-load-balancer-controller.js';
import type { JsonSchema } from '../crds/dsl.js';
import { compiledSchema } from '../ajv.js';
import { issuesFromAjv, type SchemaIssue } from '../issue.js';
import type { KindSchema } from './kind.js';
import { checkObjectMeta } from './kubernetes.js';

/**
 * A kind whose schema is written in this project: `spec` (and apiVersion/kind) checked by ajv against the
 * closed schema, compiled on first use and reused; `metadata` checked against Kubernetes' ObjectMeta.
 */
function customKind(schema: JsonSchema, scope: KindSchema['scope']): KindSchema {
  const properties = schema.properties as { apiVersion: { const: string }; kind: { const: string } };
  return {
    apiVersion: properties.apiVersion.const,
    kind: properties.kind.const,
    scope,
    source: 'pms-gitops',
    check(object: unknown): SchemaIssue[] {
      const validate = compiledSchema(schema);
      const issues = validate(object) ? [] : issuesFromAjv(validate.errors ?? [], object);
      const metadata = (object as { metadata?: unknown } | null)?.metadata;
      if (metadata !== null && typeof metadata === 'object') issues.push(...checkObjectMeta(metadata));
      return issues;
    },
  };
}

/** The AWS Load Balancer Controller's and ACK's kinds this project renders. */
export const customKinds: readonly KindSchema[] = [
  customKind(ingressClassParams, 'Cluster'),
  customKind(targetGroupBinding, 'Namespaced'),
  customKind(wafv2WebAcl, 'Namespaced'),
  customKind(acmCertificate, 'Namespaced'),
  customKind(iamPolicy, 'Namespaced'),
  customKind(iamRole, 'Namespaced'),
  customKind(cloudwatchDashboard, 'Namespaced'),
  customKind(cloudwatchMetricAlarm, 'Namespaced'),
];

/** Compiles every schema now (the benchmark and tests use it to separate compile time from checking). */
export function compileCustomKinds(): void {
  for (const kind of customKinds)
    kind.check({ apiVersion: kind.apiVersion, kind: kind.kind, metadata: { name: 'x' }, spec: {} });
}
