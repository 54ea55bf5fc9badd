/** Settings of the load balancer itself: scheme, pinned name and web ACL. IngressClassParams win. */
import { AlbAnnotation } from '../annotations.js';
import { annotationOrigin, groupValue, paramsOrigin, type GroupContext } from './group-context.js';
import { str } from './json.js';
import type { SettingOrigin } from './types.js';

/** Scheme, name and web ACL of a group's load balancer. */
export interface LoadBalancerSettings {
  /** `internet-facing` or `internal` (controller default: internal). */
  readonly scheme: string;
  /** Pinned load balancer name, if any. */
  readonly loadBalancerName: string | undefined;
  /** WAFv2 web ACL ARN, if any. */
  readonly wafv2AclArn: string | undefined;
  /** Where the web ACL ARN is read from, when there is one. */
  readonly wafv2AclArnOrigin: SettingOrigin | undefined;
}

/** The load-balancer settings of a group, in the order the controller reads them. */
export function loadBalancerSettings(group: GroupContext): LoadBalancerSettings {
  const spec = group.paramsSpec;
  const scheme = str(spec.scheme) ?? groupValue(group, AlbAnnotation.scheme, 'scheme') ?? 'internal';
  const loadBalancerName =
    str(spec.loadBalancerName) ?? groupValue(group, AlbAnnotation.loadBalancerName, 'load-balancer-name');
  const wafFromParams = str(spec.wafv2AclArn);
  const wafv2AclArn = wafFromParams ?? groupValue(group, AlbAnnotation.wafv2AclArn, 'wafv2-acl-arn');
  return {
    scheme,
    loadBalancerName,
    wafv2AclArn,
    wafv2AclArnOrigin: wafOrigin(group, wafv2AclArn, wafFromParams),
  };
}

function wafOrigin(
  group: GroupContext,
  wafv2AclArn: string | undefined,
  wafFromParams: string | undefined,
): SettingOrigin | undefined {
  if (!wafv2AclArn) return undefined;
  return wafFromParams
    ? paramsOrigin(group, 'wafv2AclArn')
    : annotationOrigin(group, AlbAnnotation.wafv2AclArn);
}
