import { exampleClusterSettings } from '@pms/core/testing';
import { ELB_LOG_DELIVERY_SERVICE, elbLogDeliverer, supportedRegions } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { cluster, only, render } from '../__fixtures__/render.js';
import {
  ACCESS_LOG_ENCRYPTION,
  accessLogBucketPolicy,
  accessLogBucketSpec,
  PmsAccessLogBucket,
} from './bucket.js';

const inRegion = (region: string) =>
  exampleClusterSettings({
    region,
    accountId: '111122223333',
    accessLogs: { bucket: 'logs', prefix: 'alb/x' },
  });

describe('the access-log bucket policy', () => {
  it("grants a listed region's Elastic Load Balancing account PutObject under <prefix>/AWSLogs/<account>/", () => {
    expect(accessLogBucketPolicy(inRegion('eu-central-1'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowElbAccessLogDelivery',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::054676820928:root' },
          Action: ['s3:PutObject'],
          Resource: 'arn:aws:s3:::logs/alb/x/AWSLogs/111122223333/*',
        },
      ],
    });
  });

  it('grants the log-delivery service principal in a region the user guide does not list', () => {
    const [statement] = accessLogBucketPolicy(inRegion('me-central-1')).Statement;
    expect(statement!['Principal']).toEqual({ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' });
  });

  it('writes the ARNs in the partition of the region (China, GovCloud)', () => {
    const [china] = accessLogBucketPolicy(inRegion('cn-north-1')).Statement;
    expect(china!['Principal']).toEqual({ AWS: 'arn:aws-cn:iam::638102146993:root' });
    expect(china!['Resource']).toBe('arn:aws-cn:s3:::logs/alb/x/AWSLogs/111122223333/*');
    const [gov] = accessLogBucketPolicy(inRegion('us-gov-west-1')).Statement;
    expect(gov!['Principal']).toEqual({ AWS: 'arn:aws-us-gov:iam::048591011584:root' });
  });

  it('has a policy for every region the project accepts, naming that region’s deliverer', () => {
    for (const region of supportedRegions()) {
      const [statement] = accessLogBucketPolicy(inRegion(region)).Statement;
      const deliverer = elbLogDeliverer(region)!;
      const principal = JSON.stringify(statement!['Principal']);
      expect(principal, region).toContain(
        deliverer.kind === 'account' ? `::${deliverer.accountId}:root` : ELB_LOG_DELIVERY_SERVICE,
      );
    }
  });
});

describe('accessLogBucketSpec', () => {
  const spec = accessLogBucketSpec(cluster);

  it('encrypts with SSE-S3, blocks public access, enforces bucket ownership', () => {
    expect(spec.encryption).toEqual({
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: ACCESS_LOG_ENCRYPTION } }],
    });
    expect(ACCESS_LOG_ENCRYPTION).toBe('AES256');
    expect(spec.publicAccessBlock).toEqual({
      blockPublicACLs: true,
      blockPublicPolicy: true,
      ignorePublicACLs: true,
      restrictPublicBuckets: true,
    });
    expect(spec.objectOwnership).toBe('BucketOwnerEnforced');
    expect(spec.ownershipControls?.rules?.[0]?.objectOwnership).toBe('BucketOwnerEnforced');
  });

  it('expires the logs under the prefix after the retention of the settings (default 90 days)', () => {
    expect(spec.lifecycle?.rules?.[0]).toMatchObject({
      status: 'Enabled',
      filter: { prefix: `${cluster.accessLogs.prefix}/` },
      expiration: { days: 90 },
    });
    const week = accessLogBucketSpec({ ...cluster, accessLogs: { ...cluster.accessLogs, retentionDays: 7 } });
    expect(week.lifecycle?.rules?.[0]?.expiration?.days).toBe(7);
  });

  it('carries the delivery policy as a JSON string', () => {
    expect(JSON.parse(spec.policy!)).toEqual(accessLogBucketPolicy(cluster));
  });
});

describe('PmsAccessLogBucket', () => {
  it('renders the bucket as an ACK Bucket in pms-aws, retained, in the cluster region', () => {
    const { manifests } = render((scope) => new PmsAccessLogBucket(scope, 'logs', { cluster }));
    const bucket = only(manifests, 'Bucket');
    expect(bucket.apiVersion).toBe('s3.services.k8s.aws/v1alpha1');
    expect(bucket.metadata).toMatchObject({
      name: cluster.accessLogs.bucket,
      namespace: 'pms-aws',
      annotations: {
        'services.k8s.aws/region': cluster.aws.region,
        'services.k8s.aws/deletion-policy': 'retain',
      },
    });
    expect(bucket.spec['name']).toBe(cluster.accessLogs.bucket);
  });
});
