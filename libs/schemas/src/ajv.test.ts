import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { acmCertificate } from './crds/ack-acm.js';
import { cloudwatchDashboard, cloudwatchMetricAlarm } from './crds/ack-cloudwatch.js';
import { iamPolicy, iamRole } from './crds/ack-iam.js';
import { wafv2WebAcl } from './crds/ack-wafv2.js';
import { ingressClassParams, targetGroupBinding } from './crds/aws-load-balancer-controller.js';

// The render compiles these schemas without checking them against the meta-schema (it costs a third of the
// compile time); this test is where that check happens.
describe('the schemas written in this project', () => {
  const schemas = {
    acmCertificate,
    cloudwatchDashboard,
    cloudwatchMetricAlarm,
    iamPolicy,
    iamRole,
    wafv2WebAcl,
    ingressClassParams,
    targetGroupBinding,
  };
  it.each(Object.entries(schemas))('%s is a valid JSON Schema under ajv strict mode', (_name, schema) => {
    const ajv = new Ajv({ allErrors: true, strict: true, validateSchema: true });
    expect(ajv.validateSchema(schema as object), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema as object)).not.toThrow();
  });
});
