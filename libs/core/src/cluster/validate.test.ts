import { describe, expect, it } from 'vitest';
import { formatIssue } from '../errors.js';
import type { ClusterSettings } from './settings.js';
import { exampleClusterSettings } from '../testing/example-cluster.js';
import { validateClusterSettings } from './validate.js';
import { ELB_LOG_DELIVERY_SOURCE, supportedRegions } from '../aws/elb-log-delivery.js';

const valid: ClusterSettings = exampleClusterSettings({
  vpcOctet: 20,
  certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/1d2e3f40-2222-4a5b-8c6d-7e8f9a0b1c2d',
});

/** The messages produced by validating `valid` with `change` applied. */
function messages(change: (s: any) => void): string[] {
  const settings = structuredClone(valid) as any;
  change(settings);
  return validateClusterSettings(settings).map(formatIssue);
}

describe('validateClusterSettings', () => {
  it('accepts valid settings', () => {
    expect(validateClusterSettings(valid)).toEqual([]);
  });

  it('refuses a certificate in another region, saying which region is allowed and why', () => {
    expect(
      messages((s) => (s.certificateArn = s.certificateArn.replace('eu-central-1', 'us-east-1'))),
    ).toEqual([
      '[pms-test] certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/1d2e3f40-2222-4a5b-8c6d-7e8f9a0b1c2d": ' +
        'is in region us-east-1, but the cluster is in eu-central-1 (an ALB can only use an ACM certificate from its own region); ' +
        'allowed: an ARN of an ACM certificate in account 123456789012 and region eu-central-1',
    ]);
  });

  it('accepts settings that pin neither a certificate nor a web ACL ARN (discovery and the ACL by name)', () => {
    const settings = exampleClusterSettings();
    expect(settings.certificateArn).toBeUndefined();
    expect(settings.webAclArn).toBeUndefined();
    expect(validateClusterSettings(settings)).toEqual([]);
  });

  it('refuses a web ACL in another account', () => {
    const [message] = messages(
      (s) =>
        (s.webAclArn =
          'arn:aws:wafv2:eu-central-1:999999999999:regional/webacl/pms-test-web-acl/5a6b7c8d-4444-4e2f-9a0b-1c2d3e4f5a6b'),
    );
    expect(message).toContain('[pms-test] webAclArn = "arn:aws:wafv2:eu-central-1:999999999999:');
    expect(message).toContain('belongs to account 999999999999, but the cluster is in account 123456789012');
  });

  it('refuses an ARN of the wrong service', () => {
    const [message] = messages((s) => (s.certificateArn = 'arn:aws:iam::123456789012:role/x'));
    expect(message).toContain('is an ARN of service "iam", not "acm"');
  });

  it('refuses a string that is not an ARN', () => {
    expect(messages((s) => (s.certificateArn = 'my-cert'))[0]).toContain(
      'certificateArn = "my-cert": not a valid ARN',
    );
  });

  it('refuses a global (CloudFront) web ACL', () => {
    const [message] = messages(
      (s) =>
        (s.webAclArn =
          'arn:aws:wafv2:eu-central-1:123456789012:global/webacl/pms-test-web-acl/5a6b7c8d-4444-4e2f-9a0b-1c2d3e4f5a6b'),
    );
    expect(message).toContain('is not a regional WAFv2 web ACL');
  });

  it('refuses an invalid VPC CIDR', () => {
    expect(messages((s) => (s.vpc.cidr = '10.20.0.0/33'))[0]).toMatch(
      /^\[pms-test\] vpc\.cidr = "10\.20\.0\.0\/33"; allowed: an IPv4 network CIDR with a prefix from \/16 to \/28/,
    );
  });

  it('refuses a CIDR with host bits set', () => {
    expect(messages((s) => (s.vpc.cidr = '10.20.0.1/16'))[0]).toContain('vpc.cidr = "10.20.0.1/16"');
  });

  it('refuses an ALB subnet outside the VPC', () => {
    expect(messages((s) => (s.vpc.albSubnets[1].cidr = '10.99.1.0/24'))).toEqual([
      '[pms-test] vpc.albSubnets[1].cidr = "10.99.1.0/24": lies outside the VPC; allowed: a block inside the VPC CIDR 10.20.0.0/16',
    ]);
  });

  it('refuses overlapping ALB subnets', () => {
    expect(messages((s) => (s.vpc.albSubnets[1].cidr = '10.20.0.128/25'))).toEqual([
      '[pms-test] vpc.albSubnets[1].cidr = "10.20.0.128/25": overlaps another ALB subnet; ' +
        'allowed: a block that does not overlap vpc.albSubnets[0].cidr (10.20.0.0/24)',
    ]);
  });

  it('requires two availability zones', () => {
    expect(messages((s) => (s.vpc.albSubnets[1].availabilityZone = 'eu-central-1a'))[0]).toContain(
      'vpc.albSubnets = ["eu-central-1a","eu-central-1a"]; allowed: subnets in at least two availability zones',
    );
  });

  it('refuses an availability zone of another region', () => {
    expect(messages((s) => (s.vpc.albSubnets[0].availabilityZone = 'us-east-1a'))).toContain(
      '[pms-test] vpc.albSubnets[0].availabilityZone = "us-east-1a"; allowed: an availability zone of eu-central-1, e.g. eu-central-1a',
    );
  });

  it('refuses a subnet too small for the ALB', () => {
    expect(messages((s) => (s.vpc.albSubnets[0].cidr = '10.20.0.0/28'))[0]).toContain(
      'an IPv4 network CIDR of /27 or larger',
    );
  });

  it('refuses an invalid host name', () => {
    expect(messages((s) => (s.host = 'PMS_example.com'))).toEqual([
      '[pms-test] host = "PMS_example.com"; allowed: a fully qualified lower-case DNS name such as pms.example.com',
    ]);
  });

  it('refuses a bad account id and region', () => {
    const result = messages((s) => (s.aws = { accountId: '1234', region: 'europe' }));
    expect(result).toContain('[pms-test] aws.accountId = "1234"; allowed: a twelve-digit AWS account id');
    expect(result).toContain(
      '[pms-test] aws.region = "europe"; allowed: an AWS region code such as eu-central-1',
    );
  });

  it('refuses a bad VPC id', () => {
    expect(messages((s) => (s.vpc.id = 'vpc-xyz'))[0]).toContain('vpc.id = "vpc-xyz"; allowed: a VPC id');
  });

  it('refuses an unknown environment', () => {
    expect(messages((s) => (s.environment = 'production'))).toEqual([
      '[pms-test] environment = "production"; allowed: one of "dev", "staging", "prod"',
    ]);
  });

  it('refuses a cluster name that is not a DNS label', () => {
    expect(messages((s) => (s.name = 'PMS Dev'))[0]).toContain(
      '[PMS Dev] name = "PMS Dev"; allowed: a lower-case DNS label',
    );
  });

  it('refuses a bad access-log bucket and prefix', () => {
    const result = messages((s) => (s.accessLogs = { bucket: 'Logs', prefix: '/alb/' }));
    expect(result[0]).toContain('accessLogs.bucket = "Logs"; allowed: an S3 bucket name');
    expect(result[1]).toContain(
      'accessLogs.prefix = "/alb/"; allowed: a key prefix without leading or trailing "/"',
    );
  });

  it('refuses a well-formed region whose ALB log deliverer is not known, listing the regions it knows', () => {
    const [message] = messages((s) => {
      s.aws.region = 'xx-north-9';
      s.vpc.albSubnets.forEach((subnet: { availabilityZone: string }, i: number) => {
        subnet.availabilityZone = `xx-north-9${'ab'[i]}`;
      });
    });
    expect(message).toBe(
      `[pms-test] aws.region = "xx-north-9": no known principal delivers ALB access logs in this region, so the access-log bucket policy cannot be written; allowed: one of ${supportedRegions().join(', ')} (to add a region, add its deliverer from the ELB user guide to ${ELB_LOG_DELIVERY_SOURCE})`,
    );
  });

  it('accepts every region of the delivery table (the two lists agree)', () => {
    for (const region of supportedRegions()) {
      const settings = exampleClusterSettings({ region, name: 'pms-test' });
      expect(validateClusterSettings(settings), region).toEqual([]);
    }
  });

  it('refuses a retention that is not a positive whole number of days, and any retention on an external bucket', () => {
    expect(messages((s) => (s.accessLogs.retentionDays = 0))).toEqual([
      '[pms-test] accessLogs.retentionDays = 0; allowed: a whole number of days, 1 or more (default 90)',
    ]);
    expect(
      messages((s) => {
        s.accessLogs.external = true;
        s.accessLogs.retentionDays = 30;
      }),
    ).toEqual([
      "[pms-test] accessLogs.retentionDays = 30: the bucket is external, so this cluster renders no lifecycle rule for it; allowed: no retentionDays on an external bucket (set the expiry on the bucket's own lifecycle configuration)",
    ]);
    expect(messages((s) => (s.accessLogs.external = 'yes'))).toEqual([
      '[pms-test] accessLogs.external = "yes"; allowed: true or false',
    ]);
  });

  it('requires deletion protection in prod', () => {
    expect(messages((s) => (s.environment = 'prod'))).toEqual([
      '[pms-test] deletionProtection = false: a prod load balancer must be protected from deletion; allowed: true in prod',
    ]);
  });

  it('reports every problem at once', () => {
    const result = messages((s) => {
      s.host = 'bad host';
      s.vpc.cidr = 'x';
      s.aws.accountId = '1';
    });
    expect(result.length).toBeGreaterThanOrEqual(3);
  });
});

describe('validateClusterSettings: subnet ids and pod subnets', () => {
  it('refuses a malformed or repeated ALB subnet id', () => {
    expect(messages((s) => (s.vpc.albSubnets[0].id = 'subnet-xyz'))).toEqual([
      '[pms-test] vpc.albSubnets[0].id = "subnet-xyz"; allowed: a subnet id: "subnet-" and 8 or 17 hexadecimal digits',
    ]);
    expect(messages((s) => (s.vpc.albSubnets[1].id = s.vpc.albSubnets[0].id))).toEqual([
      '[pms-test] vpc.albSubnets[1].id = "subnet-00000000000000001": listed twice; allowed: a subnet id not already used by vpc.albSubnets[0]',
    ]);
  });

  it('refuses a pod subnet that overlaps an ALB subnet, since a pod there would pass as the ALB', () => {
    expect(messages((s) => (s.vpc.podSubnets = ['10.20.0.0/20']))).toEqual([
      '[pms-test] vpc.podSubnets[0] = "10.20.0.0/20": overlaps an ALB subnet: a pod there would be admitted as if it were the ALB; ' +
        'allowed: a block that does not overlap the ALB subnets (vpc.albSubnets[0].cidr is 10.20.0.0/24)',
    ]);
  });

  it('refuses pod subnets outside the VPC, overlapping each other, or missing', () => {
    expect(messages((s) => (s.vpc.podSubnets = ['10.99.0.0/18']))[0]).toContain('lies outside the VPC');
    expect(messages((s) => (s.vpc.podSubnets = ['10.20.64.0/18', '10.20.64.0/19']))[0]).toContain(
      'vpc.podSubnets[1] = "10.20.64.0/19": overlaps another pod subnet',
    );
    expect(messages((s) => (s.vpc.podSubnets = []))).toEqual([
      '[pms-test] vpc.podSubnets = []; allowed: the CIDRs pods get addresses from (at least one)',
    ]);
  });

  it('refuses a Service CIDR that is malformed, too small or inside the VPC', () => {
    expect(messages((s) => (s.vpc.serviceCidr = '172.20.0.0/25'))).toEqual([
      '[pms-test] vpc.serviceCidr = "172.20.0.0/25"; allowed: the cluster\'s Service IPv4 CIDR, /12 to /24 (aws eks describe-cluster --query cluster.kubernetesNetworkConfig.serviceIpv4Cidr), e.g. 172.20.0.0/16',
    ]);
    expect(messages((s) => (s.vpc.serviceCidr = '10.20.128.0/17'))).toEqual([
      '[pms-test] vpc.serviceCidr = "10.20.128.0/17": overlaps the VPC; allowed: a block outside the VPC CIDR 10.20.0.0/16 (EKS requires it)',
    ]);
  });

  it('refuses control-plane subnets that are missing, outside the VPC, or overlap the ALB, pod or other control-plane subnets', () => {
    expect(messages((s) => (s.vpc.controlPlaneSubnets = []))[0]).toContain('vpc.controlPlaneSubnets = []');
    expect(messages((s) => (s.vpc.controlPlaneSubnets = ['10.99.16.0/28']))[0]).toContain(
      'vpc.controlPlaneSubnets[0] = "10.99.16.0/28": lies outside the VPC',
    );
    for (const [cidr, clash] of [
      [valid.vpc.albSubnets[0]!.cidr, `vpc.albSubnets[0].cidr (${valid.vpc.albSubnets[0]!.cidr})`],
      [valid.vpc.podSubnets[0]!, `vpc.podSubnets[0] (${valid.vpc.podSubnets[0]})`],
    ] as const) {
      const [message] = messages((s) => (s.vpc.controlPlaneSubnets = [cidr]));
      expect(message).toContain('would be reachable as if it were the API server');
      expect(message).toContain(`allowed: a block that does not overlap ${clash}`);
    }
    const [first] = valid.vpc.controlPlaneSubnets;
    expect(messages((s) => (s.vpc.controlPlaneSubnets = [first, first]))[0]).toContain(
      `vpc.controlPlaneSubnets[1] = "${first}": overlaps another control-plane subnet`,
    );
  });

  it('still checks the Service CIDR and control-plane subnets when the pod subnets are missing', () => {
    const found = messages((s) => {
      s.vpc.podSubnets = [];
      s.vpc.serviceCidr = 'x';
    });
    expect(found.map((m) => m.split(' = ')[0])).toEqual([
      '[pms-test] vpc.podSubnets',
      '[pms-test] vpc.serviceCidr',
    ]);
  });
});
