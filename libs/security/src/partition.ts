/**
 * What differs between AWS partitions for the ARNs and host names this library writes: the ARN partition
 * (`aws`, `aws-cn`, `aws-us-gov`, from `partitionOf` in @pms/core) and the DNS suffix of service endpoints.
 */
import { partitionOf } from '@pms/core';

/** DNS suffix of AWS service endpoints in the region's partition: `amazonaws.com.cn` in China, else `amazonaws.com`. */
export function awsDnsSuffix(region: string): string {
  return partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the partition of `partitionRegion`. */
export function arnIn(
  partitionRegion: string,
  service: string,
  region: string,
  accountId: string,
  resource: string,
): string {
  return `arn:${partitionOf(partitionRegion)}:${service}:${region}:${accountId}:${resource}`;
}
