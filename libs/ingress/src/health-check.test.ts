/**
 * The target-group health checks ingress writes onto the Services are checked by monitoring's
 * `validateTargetGroupHealthCheck` (the ALB's real ranges), the only such check: a value is refused here in the
 * same words as there. `PMS_HEALTH` is a constant, so this file replaces it with one bad value.
 */
import { Checks, formatIssue } from '@pms/core';
import { describe, expect, it, vi } from 'vitest';
import { buildTestIngress, errorOf } from './__fixtures__/cluster.js';

vi.mock('@pms/monitoring', async (importOriginal) => {
  const monitoring = await importOriginal<typeof import('@pms/monitoring')>();
  const apigateway = monitoring.PMS_HEALTH.apigateway;
  return {
    ...monitoring,
    PMS_HEALTH: {
      ...monitoring.PMS_HEALTH,
      // 1xx codes: the ALB accepts 200-499 only for HTTP health checks.
      apigateway: { ...apigateway, targetGroup: { ...apigateway.targetGroup!, successCodes: '100-199' } },
    },
  };
});

describe('PmsIngress: target-group health checks', () => {
  it("refuses success codes outside the ALB's 200-499, in monitoring's words", async () => {
    const { PMS_HEALTH, validateTargetGroupHealthCheck } = await import('@pms/monitoring');
    const monitoringSays = new Checks('pms-test', 'PMS_HEALTH.apigateway.targetGroup', 'pms-test/ingress');
    validateTargetGroupHealthCheck(PMS_HEALTH.apigateway.targetGroup!, monitoringSays);

    const message = errorOf(() => buildTestIngress());
    expect(message).toBe(
      '[pms-test] PMS_HEALTH.apigateway.targetGroup.successCodes = "100-199": 100-199 is outside 200-499; allowed: HTTP codes from 200 to 499: "200", "200,204" or "200-299" (at pms-test/ingress)',
    );
    expect(monitoringSays.issues.map(formatIssue)).toEqual([message]);
  });
});
