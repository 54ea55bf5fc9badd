/** Settings of the load balancer itself: scheme, pinned name and web ACL. IngressClassParams win. */
import { AlbAnnotation } from '../annotations.js';
import { annotationOrigin, groupValue, paramsOrigin, type GroupContext } from './group-context.js';
import type { SettingOrigin } from './types.js';

/** Scheme, name and web ACL of a group's load balancer. */
export interface LoadBalancerSettings {
  /** `internet-facing` or `internal` (controller default: internal). */
  readonly scheme: string;
  /** Pinned load balancer name, if any. */
  readonly loadBalancerName: string | undefined;
  /** WAFv2 web ACL name, if any. */
  readonly wafv2AclName: string | undefined;
  /** Where the web ACL name is read from, when there is one. */
  readonly wafv2AclNameOrigin: SettingOrigin | undefined;
  /** WAFv2 web ACL ARN, if any. */
  readonly wafv2AclArn: string | undefined;
  /** Where the web ACL ARN is read from, when there is one. */
  readonly wafv2AclArnOrigin: SettingOrigin | undefined;
}

/** The load-balancer settings of a group, in the order the controller reads them. */
export function loadBalancerSettings(group: GroupContext): LoadBalancerSettings {
  const spec = group.paramsSpec;
  const scheme = spec.scheme ?? groupValue(group, AlbAnnotation.scheme, 'scheme') ?? 'internal';
  const loadBalancerName =
    spec.loadBalancerName ?? groupValue(group, AlbAnnotation.loadBalancerName, 'load-balancer-name');
  // LBC v2.17.1 pkg/ingress/model_build_load_balancer_addons.go buildWAFv2WebACLAssociation: a name (IngressClassParams
  // `wafv2AclName`, else the `wafv2-acl-name` annotation) wins; ARNs are read only when no member names one.
  const nameFromParams = spec.wafv2AclName;
  const wafv2AclName = nameFromParams ?? groupValue(group, AlbAnnotation.wafv2AclName, 'WAFv2 WebACL names');
  const arnFromParams = wafv2AclName === undefined ? spec.wafv2AclArn : undefined;
  const wafv2AclArn =
    wafv2AclName !== undefined
      ? undefined
      : (arnFromParams ?? groupValue(group, AlbAnnotation.wafv2AclArn, 'wafv2-acl-arn'));
  return {
    scheme,
    loadBalancerName,
    wafv2AclName,
    wafv2AclNameOrigin: wafOrigin(
      group,
      wafv2AclName,
      nameFromParams,
      'wafv2AclName',
      AlbAnnotation.wafv2AclName,
    ),
    wafv2AclArn,
    wafv2AclArnOrigin: wafOrigin(group, wafv2AclArn, arnFromParams, 'wafv2AclArn', AlbAnnotation.wafv2AclArn),
  };
}

function wafOrigin(
  group: GroupContext,
  value: string | undefined,
  fromParams: string | undefined,
  paramsField: 'wafv2AclName' | 'wafv2AclArn',
  annotation: string,
): SettingOrigin | undefined {
  if (!value) return undefined;
  return fromParams ? paramsOrigin(group, paramsField) : annotationOrigin(group, annotation);
}
