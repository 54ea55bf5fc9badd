/** Amazon Resource Names: parsing and the checks the cluster settings need. */

/** The parts of an ARN: `arn:partition:service:region:account-id:resource`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  /** Everything after the account id, e.g. `certificate/0f1e…` or `regional/webacl/pms/…`. */
  readonly resource: string;
}

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov']);

/** Parses an ARN; returns undefined when it is not one. */
export function parseArn(value: string): Arn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  if (!PARTITIONS.has(partition) || !/^[a-z0-9-]+$/.test(service) || resource === '') return undefined;
  if (region !== '' && !isAwsRegion(region)) return undefined;
  if (accountId !== '' && !isAwsAccountId(accountId)) return undefined;
  return { partition, service, region, accountId, resource };
}

/** `eu-central-1`, `us-gov-west-1`, `ap-southeast-3`, … */
export function isAwsRegion(value: string): boolean {
  return /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(value);
}

/** The AWS partition a region belongs to: `aws-cn` for China, `aws-us-gov` for GovCloud, otherwise `aws`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Twelve digits. */
export function isAwsAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}
