/**
 * Reads rendered objects (Ingresses, IngressClasses, IngressClassParams, Services; plain JSON, from this
 * render or any other) and works out the load balancers the AWS Load Balancer Controller would build from
 * them: groups, member order, listeners, rules in priority order, default actions, attributes and the
 * effective target-group settings. The routing simulator, the generated docs and the policy gate read this.
 */
export type {
  AlbAction,
  AlbGroup,
  AlbListener,
  AlbRule,
  AlbSubnets,
  AlbTargetGroup,
  RuleSource,
  SettingOrigin,
  SettingSource,
} from './types.js';
export { describeOrigin } from './origins.js';
export { resolveAlbGroups } from './groups.js';
