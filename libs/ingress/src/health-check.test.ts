/**
 * The target-group health checks ingress writes onto the Services are checked by networking's
 * `validateTargetGroupHealthCheck` (the ALB's real ranges), the only such check: a value is refused here in the
 * same words as there. The catalogue is a prop of `PmsIngress` (default `PMS_SERVICES`), so this file passes one
 * with a bad value.
 */
import { Checks, formatIssue } from '@pms/core';
import {
  CATALOGUE_SOURCE,
  PMS_SERVICES,
  validateTargetGroupHealthCheck,
  type WorkloadService,
} from '@pms/networking';
import { withHealth } from '@pms/networking/testing';
import { describe, expect, it } from 'vitest';
import { buildTestIngress, errorOf } from './__fixtures__/cluster.js';

// 1xx codes: the ALB accepts 200-499 only for HTTP health checks.
const apigateway = withHealth(PMS_SERVICES.find((s) => s.name === 'apigateway') as WorkloadService, {
  targetGroup: { successCodes: '100-199' },
});
const catalogue = PMS_SERVICES.map((s) => (s.name === 'apigateway' ? apigateway : s));

describe('PmsIngress: target-group health checks', () => {
  it("refuses success codes outside the ALB's 200-499, in networking's words", () => {
    const networkingSays = new Checks(
      'pms-test',
      `${CATALOGUE_SOURCE} apigateway.health.targetGroup`,
      'pms-test/ingress',
    );
    validateTargetGroupHealthCheck(apigateway.health.targetGroup!, networkingSays);

    const message = errorOf(() => buildTestIngress({ catalogue }));
    expect(message).toBe(
      '[pms-test] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.successCodes = "100-199": 100-199 is outside 200-499; allowed: HTTP codes from 200 to 499: "200", "200,204" or "200-299" (at pms-test/ingress)',
    );
    expect(networkingSays.issues.map(formatIssue)).toEqual([message]);
  });
});
