import { describe, expect, it } from 'vitest';
import { isAwsRegion, partitionOf } from './arn.js';
import {
  ELB_LOG_DELIVERY,
  ELB_LOG_DELIVERY_SERVICE,
  elbLogDeliverer,
  supportedRegions,
} from './elb-log-delivery.js';

describe('ELB_LOG_DELIVERY', () => {
  it('gives a region of the user guide list its regional Elastic Load Balancing account', () => {
    // ALB user guide, "Attach a policy to your S3 bucket": Europe (Frankfurt) – 054676820928.
    expect(elbLogDeliverer('eu-central-1')).toEqual({ kind: 'account', accountId: '054676820928' });
    // AWS GovCloud (US-West) – 048591011584.
    expect(elbLogDeliverer('us-gov-west-1')).toEqual({ kind: 'account', accountId: '048591011584' });
  });

  it('gives China (Beijing) its account from the China documentation', () => {
    expect(elbLogDeliverer('cn-north-1')).toEqual({ kind: 'account', accountId: '638102146993' });
  });

  it('gives a region the user guide does not list the log-delivery service principal', () => {
    // "For the Regions that do not appear in the list above, such as Middle East (UAE)".
    expect(elbLogDeliverer('me-central-1')).toEqual({ kind: 'service', service: ELB_LOG_DELIVERY_SERVICE });
    expect(ELB_LOG_DELIVERY_SERVICE).toBe('logdelivery.elasticloadbalancing.amazonaws.com');
  });

  it('knows no region outside the table (not even an inherited property name)', () => {
    expect(elbLogDeliverer('xx-north-9')).toBeUndefined();
    expect(elbLogDeliverer('constructor')).toBeUndefined();
  });

  it('holds well-formed region codes and twelve-digit accounts only', () => {
    for (const [region, deliverer] of Object.entries(ELB_LOG_DELIVERY)) {
      expect(isAwsRegion(region), region).toBe(true);
      if (deliverer.kind === 'account') expect(deliverer.accountId, region).toMatch(/^\d{12}$/);
    }
  });

  it('uses the service principal only in the standard partition (China and GovCloud have accounts)', () => {
    const services = supportedRegions().filter((r) => elbLogDeliverer(r)?.kind === 'service');
    expect(services.map(partitionOf).every((p) => p === 'aws')).toBe(true);
  });
});
