import { isAwsAccountId, isAwsRegion, parseArn, partitionOf } from '../aws/arn.js';
import { ELB_LOG_DELIVERY_SOURCE, elbLogDeliverer, supportedRegions } from '../aws/elb-log-delivery.js';
import { Checks } from '../checks.js';
import type { ConfigIssue, IssueFields } from '../errors.js';
import { cidrContains, cidrsOverlap, parseCidr, type Cidr } from '../net/cidr.js';
import { isDnsLabel, isDnsName } from '../net/dns.js';
import {
  DEFAULT_ACCESS_LOG_RETENTION_DAYS,
  type AccessLogSettings,
  type ClusterSettings,
} from './settings.js';

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/**
 * Checks the shared cluster settings and returns every problem found (empty when valid).
 * Each issue names the cluster, the field, the value and what is allowed.
 */
export function validateClusterSettings(settings: ClusterSettings): ConfigIssue[] {
  const checks = new Checks(settings.name ?? 'unnamed-cluster');
  const fail = checks.fail.bind(checks);

  if (!isDnsLabel(settings.name ?? '')) {
    fail({
      field: 'name',
      value: settings.name,
      allowed: 'a lower-case DNS label (letters, digits, "-"), 63 characters at most',
    });
  }
  checks.oneOf('environment', settings.environment, ENVIRONMENTS);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,99}$/.test(settings.eksClusterName ?? '')) {
    fail({
      field: 'eksClusterName',
      value: settings.eksClusterName,
      allowed: 'an EKS cluster name: letters, digits, "-" and "_", 100 characters at most',
    });
  }

  const { accountId, region } = settings.aws ?? {};
  const accountOk = isAwsAccountId(accountId ?? '');
  const regionOk = isAwsRegion(region ?? '');
  if (!accountOk)
    fail({ field: 'aws.accountId', value: accountId, allowed: 'a twelve-digit AWS account id' });
  if (!regionOk)
    fail({ field: 'aws.region', value: region, allowed: 'an AWS region code such as eu-central-1' });
  else if (!elbLogDeliverer(region!)) {
    // The access-log bucket's policy names the region's ELB log deliverer; a region without a known one would
    // render a bucket ELB cannot write to (and the ALB would get no listeners).
    fail({
      field: 'aws.region',
      value: region,
      problem:
        'no known principal delivers ALB access logs in this region, so the access-log bucket policy cannot be written',
      allowed: `one of ${supportedRegions().join(', ')} (to add a region, add its deliverer from the ELB user guide to ${ELB_LOG_DELIVERY_SOURCE})`,
    });
  }

  validateVpc(settings, fail);

  if (!isDnsName(settings.host ?? '')) {
    fail({
      field: 'host',
      value: settings.host,
      allowed: 'a fully qualified lower-case DNS name such as pms.example.com',
    });
  }

  const checkArn = (
    field: 'certificateArn' | 'webAclArn',
    service: string,
    resource: RegExp,
    what: string,
  ) => {
    const value = settings[field];
    // Optional: without it the ALB discovers the certificate / names the web ACL by name.
    if (value === undefined) return;
    const arn = parseArn(value ?? '');
    const expected = `an ARN of ${what} in account ${accountId} and region ${region}`;
    if (!arn) return fail({ field, value, allowed: expected, problem: 'not a valid ARN' });
    if (arn.service !== service)
      return fail({
        field,
        value,
        allowed: expected,
        problem: `is an ARN of service "${arn.service}", not "${service}"`,
      });
    if (!resource.test(arn.resource))
      return fail({ field, value, allowed: expected, problem: `resource "${arn.resource}" is not ${what}` });
    if (regionOk && arn.partition !== partitionOf(region!)) {
      return fail({
        field,
        value,
        allowed: `${expected} (ARNs starting "arn:${partitionOf(region!)}:")`,
        problem: `is in partition ${arn.partition}, but region ${region} is in partition ${partitionOf(region!)}`,
      });
    }
    if (regionOk && arn.region !== region) {
      return fail({
        field,
        value,
        allowed: expected,
        problem: `is in region ${arn.region}, but the cluster is in ${region} (an ALB can only use ${what} from its own region)`,
      });
    }
    if (accountOk && arn.accountId !== accountId) {
      return fail({
        field,
        value,
        allowed: expected,
        problem: `belongs to account ${arn.accountId}, but the cluster is in account ${accountId}`,
      });
    }
  };
  checkArn('certificateArn', 'acm', /^certificate\/[0-9a-f-]{36}$/, 'an ACM certificate');
  checkArn(
    'webAclArn',
    'wafv2',
    /^regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/,
    'a regional WAFv2 web ACL',
  );

  validateAccessLogs(settings, fail);

  if (typeof settings.deletionProtection !== 'boolean') {
    fail({ field: 'deletionProtection', value: settings.deletionProtection, allowed: 'true or false' });
  } else if (settings.environment === 'prod' && !settings.deletionProtection) {
    fail({
      field: 'deletionProtection',
      value: settings.deletionProtection,
      allowed: 'true in prod',
      problem: 'a prod load balancer must be protected from deletion',
    });
  }
  return [...checks.issues];
}

function validateAccessLogs(settings: ClusterSettings, fail: Checks['fail']): void {
  const logs: Partial<AccessLogSettings> = settings.accessLogs ?? {};
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(logs.bucket ?? '') || (logs.bucket ?? '').includes('..')) {
    fail({
      field: 'accessLogs.bucket',
      value: logs.bucket,
      allowed: 'an S3 bucket name: 3-63 lower-case letters, digits, "." and "-"',
    });
  }
  if (
    typeof logs.prefix !== 'string' ||
    !/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(logs.prefix) ||
    /AWSLogs/.test(logs.prefix)
  ) {
    fail({
      field: 'accessLogs.prefix',
      value: logs.prefix,
      allowed:
        'a key prefix without leading or trailing "/" that does not contain "AWSLogs", e.g. alb/pms-prod',
    });
  }

  if (logs.external !== undefined && typeof logs.external !== 'boolean') {
    fail({ field: 'accessLogs.external', value: logs.external, allowed: 'true or false' });
  }
  const retention = logs.retentionDays;
  if (retention === undefined) return;
  if (logs.external === true) {
    fail({
      field: 'accessLogs.retentionDays',
      value: retention,
      problem: 'the bucket is external, so this cluster renders no lifecycle rule for it',
      allowed:
        "no retentionDays on an external bucket (set the expiry on the bucket's own lifecycle configuration)",
    });
  } else if (typeof retention !== 'number' || !Number.isInteger(retention) || retention < 1) {
    // S3 API LifecycleExpiration.Days: "The value must be a non-zero positive integer."
    fail({
      field: 'accessLogs.retentionDays',
      value: retention,
      allowed: `a whole number of days, 1 or more (default ${DEFAULT_ACCESS_LOG_RETENTION_DAYS})`,
    });
  }
}

function validateVpc(settings: ClusterSettings, fail: Checks['fail']): void {
  const vpc = settings.vpc;
  if (!/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(vpc?.id ?? '')) {
    fail({ field: 'vpc.id', value: vpc?.id, allowed: 'a VPC id: "vpc-" and 8 or 17 hexadecimal digits' });
  }
  const vpcCidr = parseCidr(vpc?.cidr ?? '');
  if (!vpcCidr || vpcCidr.prefix < 16 || vpcCidr.prefix > 28) {
    fail({
      field: 'vpc.cidr',
      value: vpc?.cidr,
      allowed: 'an IPv4 network CIDR with a prefix from /16 to /28, e.g. 10.20.0.0/16',
    });
  }
  const subnets = vpc?.albSubnets ?? [];
  const zones = new Set(subnets.map((subnet) => subnet.availabilityZone));
  if (zones.size < 2) {
    fail({
      field: 'vpc.albSubnets',
      value: subnets.map((s) => s.availabilityZone),
      allowed: 'subnets in at least two availability zones (an ALB requires two)',
    });
  }
  const parsed: { index: number; cidr: Cidr }[] = [];
  const ids = new Map<string, number>();
  const zoneOf = new Map<string, number>();
  subnets.forEach((subnet, index) => {
    const field = `vpc.albSubnets[${index}]`;
    // An ALB takes one subnet per availability zone (ELB API reference, CreateLoadBalancer `Subnets`: "You can
    // specify only one subnet per Availability Zone"); with all subnets in one zone the two-zone rule above says it.
    const sameZone = zoneOf.get(subnet.availabilityZone);
    if (sameZone !== undefined && zones.size >= 2) {
      fail({
        field: `${field}.availabilityZone`,
        value: subnet.availabilityZone,
        allowed: 'an availability zone no other ALB subnet uses (one subnet per zone)',
        problem: `vpc.albSubnets[${sameZone}] is in ${subnet.availabilityZone} too: an ALB takes one subnet per availability zone, so the controller cannot create it`,
      });
    } else if (sameZone === undefined) {
      zoneOf.set(subnet.availabilityZone, index);
    }
    if (!/^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/.test(subnet.id ?? '')) {
      fail({
        field: `${field}.id`,
        value: subnet.id,
        allowed: 'a subnet id: "subnet-" and 8 or 17 hexadecimal digits',
      });
    } else if (ids.has(subnet.id)) {
      fail({
        field: `${field}.id`,
        value: subnet.id,
        allowed: `a subnet id not already used by vpc.albSubnets[${ids.get(subnet.id)}]`,
        problem: 'listed twice',
      });
    } else {
      ids.set(subnet.id, index);
    }
    const region = settings.aws?.region ?? '';
    const az = subnet.availabilityZone ?? '';
    // With an invalid region the region itself is reported; every zone would only repeat it.
    if (isAwsRegion(region) && (!az.startsWith(region) || !/^[a-z]$/.test(az.slice(region.length)))) {
      fail({
        field: `${field}.availabilityZone`,
        value: az,
        allowed: `an availability zone of ${region}, e.g. ${region}a`,
      });
    }
    const cidr = parseCidr(subnet.cidr ?? '');
    if (!cidr || cidr.prefix > 27) {
      fail({
        field: `${field}.cidr`,
        value: subnet.cidr,
        allowed: 'an IPv4 network CIDR of /27 or larger (the ALB needs 8 free addresses per subnet)',
      });
      return;
    }
    if (vpcCidr && !cidrContains(vpcCidr, cidr)) {
      fail({
        field: `${field}.cidr`,
        value: subnet.cidr,
        allowed: `a block inside the VPC CIDR ${vpcCidr.text}`,
        problem: 'lies outside the VPC',
      });
    }
    for (const other of parsed) {
      if (cidrsOverlap(other.cidr, cidr)) {
        fail({
          field: `${field}.cidr`,
          value: subnet.cidr,
          allowed: `a block that does not overlap vpc.albSubnets[${other.index}].cidr (${other.cidr.text})`,
          problem: 'overlaps another ALB subnet',
        });
      }
    }
    parsed.push({ index, cidr });
  });

  const podSubnets = vpc?.podSubnets;
  if (!Array.isArray(podSubnets) || podSubnets.length === 0) {
    fail({
      field: 'vpc.podSubnets',
      value: podSubnets,
      allowed: 'the CIDRs pods get addresses from (at least one)',
    });
    validateKubernetesAddresses(vpc, vpcCidr, parsed, [], fail);
    return;
  }
  const pods: { index: number; cidr: Cidr }[] = [];
  podSubnets.forEach((text, index) => {
    const field = `vpc.podSubnets[${index}]`;
    const cidr = blockInVpc(field, text, vpcCidr, '10.20.64.0/18', fail);
    if (!cidr) return;
    const alb = parsed.find((subnet) => cidrsOverlap(subnet.cidr, cidr));
    if (alb) {
      return fail({
        field,
        value: text,
        allowed: `a block that does not overlap the ALB subnets (vpc.albSubnets[${alb.index}].cidr is ${alb.cidr.text})`,
        problem: 'overlaps an ALB subnet: a pod there would be admitted as if it were the ALB',
      });
    }
    const other = pods.find((pod) => cidrsOverlap(pod.cidr, cidr));
    if (other)
      return fail({
        field,
        value: text,
        allowed: `a block that does not overlap vpc.podSubnets[${other.index}] (${other.cidr.text})`,
        problem: 'overlaps another pod subnet',
      });
    pods.push({ index, cidr });
  });
  validateKubernetesAddresses(vpc, vpcCidr, parsed, pods, fail);
}

/**
 * The Service CIDR and the control-plane subnets (the API server's addresses the NetworkPolicies admit). EKS's
 * rules for the Service CIDR (EKS user guide, "Create a cluster", `kubernetesNetworkConfig.serviceIpv4Cidr`): a
 * block from /24 to /12 that does not overlap the VPC.
 */
function validateKubernetesAddresses(
  vpc: ClusterSettings['vpc'] | undefined,
  vpcCidr: Cidr | undefined,
  alb: readonly { index: number; cidr: Cidr }[],
  pods: readonly { index: number; cidr: Cidr }[],
  fail: (issue: IssueFields) => false,
): void {
  const serviceCidr = parseCidr(vpc?.serviceCidr ?? '');
  if (!serviceCidr || serviceCidr.prefix > 24 || serviceCidr.prefix < 12) {
    fail({
      field: 'vpc.serviceCidr',
      value: vpc?.serviceCidr,
      allowed:
        "the cluster's Service IPv4 CIDR, /12 to /24 (aws eks describe-cluster --query cluster.kubernetesNetworkConfig.serviceIpv4Cidr), e.g. 172.20.0.0/16",
    });
  } else if (vpcCidr && cidrsOverlap(vpcCidr, serviceCidr)) {
    fail({
      field: 'vpc.serviceCidr',
      value: vpc?.serviceCidr,
      allowed: `a block outside the VPC CIDR ${vpcCidr.text} (EKS requires it)`,
      problem: 'overlaps the VPC',
    });
  }
  const subnets = vpc?.controlPlaneSubnets;
  if (!Array.isArray(subnets) || subnets.length === 0) {
    fail({
      field: 'vpc.controlPlaneSubnets',
      value: subnets,
      allowed:
        'the CIDRs of the subnets of the EKS control plane network interfaces (aws eks describe-cluster --query cluster.resourcesVpcConfig.subnetIds), at least one',
    });
    return;
  }
  const seen: { index: number; cidr: Cidr }[] = [];
  subnets.forEach((text, index) => {
    const field = `vpc.controlPlaneSubnets[${index}]`;
    const cidr = blockInVpc(field, text, vpcCidr, '10.20.16.0/28', fail);
    if (!cidr) return;
    // The policies open TCP 443 to these blocks: a pod or the ALB inside one would be reachable as the API server.
    const clash =
      alb
        .map((s) => ({ ...s, list: 'vpc.albSubnets', suffix: '.cidr' }))
        .find((s) => cidrsOverlap(s.cidr, cidr)) ??
      pods
        .map((s) => ({ ...s, list: 'vpc.podSubnets', suffix: '' }))
        .find((s) => cidrsOverlap(s.cidr, cidr)) ??
      seen
        .map((s) => ({ ...s, list: 'vpc.controlPlaneSubnets', suffix: '' }))
        .find((s) => cidrsOverlap(s.cidr, cidr));
    if (clash) {
      return fail({
        field,
        value: text,
        allowed: `a block that does not overlap ${clash.list}[${clash.index}]${clash.suffix} (${clash.cidr.text})`,
        problem:
          clash.list === 'vpc.controlPlaneSubnets'
            ? 'overlaps another control-plane subnet'
            : 'the NetworkPolicies open TCP 443 to the control-plane subnets for the pods that call the API server, so a pod or the ALB there would be reachable as if it were the API server; give the control plane subnets of its own (EKS: two or more small subnets, e.g. /28)',
      });
    }
    seen.push({ index, cidr });
  });
}

/** `text` as a network block inside the VPC (when its CIDR is known), or undefined after reporting why not. */
function blockInVpc(
  field: string,
  text: string | undefined,
  vpcCidr: Cidr | undefined,
  example: string,
  fail: (issue: IssueFields) => unknown,
): Cidr | undefined {
  const cidr = parseCidr(text ?? '');
  if (!cidr) {
    fail({ field, value: text, allowed: `an IPv4 network CIDR, e.g. ${example}` });
    return undefined;
  }
  if (vpcCidr && !cidrContains(vpcCidr, cidr)) {
    fail({
      field,
      value: text,
      allowed: `a block inside the VPC CIDR ${vpcCidr.text}`,
      problem: 'lies outside the VPC',
    });
    return undefined;
  }
  return cidr;
}
