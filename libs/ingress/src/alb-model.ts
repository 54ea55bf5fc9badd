/**
 * Reads rendered objects (Ingresses, IngressClasses, IngressClassParams, Services; plain JSON, from this
 * render or any other) and works out the load balancers the AWS Load Balancer Controller would build from
 * them: groups, member order, listeners, rules in priority order, default actions, attributes and the
 * effective target-group settings. The routing simulator, the generated docs and the policy gate read this.
 */
import type { Manifest } from '@pms/core';
import {
  ALB_CONTROLLER,
  AlbAnnotation,
  CONTROLLER_TARGET_GROUP_DEFAULTS,
  LEGACY_INGRESS_CLASS_ANNOTATION,
  parseListenPorts,
  TARGET_GROUP_ANNOTATIONS,
  type ListenPort,
} from './annotations.js';
import { parseAttributes } from './attributes.js';
import { pathPatterns, sortIngressPaths, type IngressPathType } from './path-pattern.js';
import { DEFAULT_SSL_POLICY } from './ssl-policy.js';

/** What a listener rule or default action does. */
export type AlbAction =
  /** Forward to the target group of a Service port. */
  | {
      readonly type: 'forward';
      readonly namespace: string;
      readonly service: string;
      readonly port: number | string;
    }
  /** Redirect (the ssl-redirect default action, or an annotation action). */
  | {
      readonly type: 'redirect';
      readonly statusCode: number;
      readonly protocol: string;
      readonly port: string;
    }
  /** A fixed response, e.g. the 404 of a listener without default backend. */
  | { readonly type: 'fixed-response'; readonly statusCode: number };

/** Where a listener rule comes from in the Ingress objects. */
export interface RuleSource {
  /** `namespace/name` of the Ingress. */
  readonly ingress: string;
  /** Index in `spec.rules`. */
  readonly ruleIndex: number;
  /** Host of that rules entry, if any. */
  readonly host?: string;
  /** The Ingress path, if any. */
  readonly path?: string;
  /** The Ingress pathType (ImplementationSpecific when unset). */
  readonly pathType?: IngressPathType;
}

/** One listener rule, in the order the ALB evaluates them (priority 1 first). */
export interface AlbRule {
  /** ALB rule priority: 1, 2, 3, … in evaluation order. */
  readonly priority: number;
  /** Host-header condition values (any matches); empty means any host. */
  readonly hosts: readonly string[];
  /** Path-pattern condition values (any matches); empty means any path. */
  readonly paths: readonly string[];
  /** The action. */
  readonly action: AlbAction;
  /** Where the rule comes from. */
  readonly source: RuleSource;
}

/**
 * The object and field a load-balancer setting is read from: a field of the IngressClassParams (which the
 * controller prefers) or an annotation of a member Ingress. Docs and findings name it, so they say where the
 * value really lives.
 */
export interface SettingOrigin {
  /** Kind of the object carrying the value. */
  readonly kind: 'IngressClassParams' | 'Ingress';
  /** Name (IngressClassParams) or `namespace/name` (Ingress) of that object. */
  readonly object: string;
  /** Path of the field, e.g. `spec.certificateArn` or `metadata.annotations["alb.ingress.kubernetes.io/…"]`. */
  readonly field: string;
}

/** `` `spec.certificateArn` of IngressClassParams `alb` ``: where a setting lives, for docs. */
export function describeOrigin(origin: SettingOrigin): string {
  const annotation = /^metadata\.annotations\["(.+)"\]$/.exec(origin.field)?.[1];
  return annotation
    ? `annotation \`${annotation}\` of ${origin.kind} \`${origin.object}\``
    : `\`${origin.field}\` of ${origin.kind} \`${origin.object}\``;
}

/** The subnets the ALB is placed in, when the objects pin them (otherwise the controller discovers them by tags). */
export interface AlbSubnets {
  /** Subnet ids listed explicitly (IngressClassParams `spec.subnets.ids`, or ids in the `subnets` annotation). */
  readonly ids: readonly string[];
  /** Entries of the `subnets` annotation that are not subnet ids (the controller reads them as `Name` tags). */
  readonly names: readonly string[];
  /** Tag selection (IngressClassParams `spec.subnets.tags`): tag key → accepted values. */
  readonly tags?: Readonly<Record<string, readonly string[]>>;
  /** Where the selection is read from. */
  readonly origin: SettingOrigin;
}

/** One listener. */
export interface AlbListener {
  /** `HTTP` or `HTTPS`. */
  readonly protocol: 'HTTP' | 'HTTPS';
  /** Listener port. */
  readonly port: number;
  /** Security policy (HTTPS only). */
  readonly sslPolicy?: string;
  /** Certificate ARNs (HTTPS only). */
  readonly certificateArns: readonly string[];
  /** Where the certificate ARNs are read from (HTTPS listeners with a certificate). */
  readonly certificateOrigin?: SettingOrigin;
  /** Effective listener attributes (IngressClassParams over annotation, key by key). */
  readonly attributes: ReadonlyMap<string, string>;
  /** Rules in priority order (none on an HTTP listener with ssl-redirect). */
  readonly rules: readonly AlbRule[];
  /** What happens when no rule matches. */
  readonly defaultAction: AlbAction;
}

/** Where an effective target-group value comes from. */
export type SettingSource = 'IngressClassParams' | 'Service' | 'Ingress' | 'controller default';

/** Effective settings of one target group (one Service port referenced from one Ingress). */
export interface AlbTargetGroup {
  /** `namespace/name` of the Ingress referencing it. */
  readonly ingress: string;
  /** Service namespace. */
  readonly namespace: string;
  /** Service name. */
  readonly service: string;
  /** Service port (number or name) as referenced. */
  readonly port: number | string;
  /** Whether the Service exists among the objects. */
  readonly serviceFound: boolean;
  /** Effective value of every target-group annotation key (full key) with its source. */
  readonly settings: ReadonlyMap<string, { readonly value: string; readonly source: SettingSource }>;
  /** Parsed target-group attributes of the winning `target-group-attributes` value. */
  readonly attributes: ReadonlyMap<string, string>;
}

/** One load balancer: an IngressGroup (explicit `group.name`) or a single Ingress (implicit group). */
export interface AlbGroup {
  /** Group name, or `namespace/name` of the Ingress for an implicit group. */
  readonly name: string;
  /** True for an explicit group. */
  readonly explicit: boolean;
  /** Members (`namespace/name`) in the controller's order: group.order, then namespace/name. */
  readonly members: readonly string[];
  /** IngressClass name of the members (first member's), if any. */
  readonly ingressClass?: string;
  /** IngressClassParams name, if the class has parameters. */
  readonly ingressClassParams?: string;
  /** `internet-facing` or `internal` (controller default: internal). */
  readonly scheme: string;
  /** Pinned load balancer name, if any. */
  readonly loadBalancerName?: string;
  /** Target type for every target group when the IngressClassParams set it. */
  readonly targetTypeOverride?: string;
  /** WAFv2 web ACL ARN, if any. */
  readonly wafv2AclArn?: string;
  /** Where the web ACL ARN is read from, when there is one. */
  readonly wafv2AclArnOrigin?: SettingOrigin;
  /** The subnets the objects pin the ALB to; undefined when the controller discovers them by subnet tags. */
  readonly subnets?: AlbSubnets;
  /** Effective load-balancer attributes. */
  readonly loadBalancerAttributes: ReadonlyMap<string, string>;
  /** Listeners by ascending port. */
  readonly listeners: readonly AlbListener[];
  /** Target groups in first-reference order. */
  readonly targetGroups: readonly AlbTargetGroup[];
  /** What the controller would refuse or warn about (empty when it reconciles cleanly). */
  readonly problems: readonly string[];
}

type Json = Record<string, unknown>;
const SUBNET_ID = /^subnet-[0-9a-f]+$/;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const ref = (m: Manifest) => `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`;
const annotationsOf = (m: Manifest): Readonly<Record<string, string>> => m.metadata.annotations ?? {};
const keyValueList = (value: unknown): [string, string][] =>
  arr(value).map((item) => [str(obj(item).key) ?? '', str(obj(item).value) ?? ''] as [string, string]);

/** An Ingress with the class configuration the controller resolved for it. */
interface Member {
  readonly ingress: Manifest;
  readonly ref: string;
  readonly className?: string;
  readonly params?: Manifest;
  readonly order: number;
}

/**
 * Every ALB the objects describe. Ingresses of other controllers are ignored. Problems the controller would
 * report are collected on each group instead of thrown, so the model of a broken render can still be read.
 */
export function resolveAlbGroups(manifests: readonly Manifest[]): AlbGroup[] {
  const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const classes = new Map(byKind('IngressClass').map((m) => [m.metadata.name, m]));
  const params = new Map(
    manifests
      .filter((m) => m.kind === 'IngressClassParams' && m.apiVersion.startsWith('elbv2.k8s.aws/'))
      .map((m) => [m.metadata.name, m]),
  );
  const services = new Map(byKind('Service').map((m) => [ref(m), m]));

  const groups = new Map<string, { explicit: boolean; members: Member[]; problems: string[] }>();
  for (const ingress of byKind('Ingress')) {
    const spec = obj(ingress.spec);
    const problems: string[] = [];
    let className = str(spec.ingressClassName);
    let classParams: Manifest | undefined;
    if (className !== undefined) {
      const ingressClass = classes.get(className);
      if (!ingressClass || str(obj(ingressClass.spec).controller) !== ALB_CONTROLLER) continue;
      const parameters = obj(obj(ingressClass.spec).parameters);
      if (str(parameters.kind) === 'IngressClassParams') {
        classParams = params.get(str(parameters.name) ?? '');
        if (!classParams)
          problems.push(
            `IngressClass ${className} refers to IngressClassParams ${str(parameters.name)}, which does not exist`,
          );
      }
    } else if (annotationsOf(ingress)[LEGACY_INGRESS_CLASS_ANNOTATION] === 'alb') {
      className = undefined;
    } else {
      continue;
    }
    const annotations = annotationsOf(ingress);
    const groupName = str(obj(obj(classParams?.spec).group).name) ?? annotations[AlbAnnotation.groupName];
    const rawOrder = annotations[AlbAnnotation.groupOrder];
    let order = 0;
    if (rawOrder !== undefined) {
      order = Number(rawOrder);
      if (!/^-?\d+$/.test(rawOrder) || order < -1000 || order > 1000) {
        problems.push(
          `Ingress ${ref(ingress)}: group.order ${JSON.stringify(rawOrder)} is not a whole number from -1000 to 1000`,
        );
        order = 0;
      }
    }
    const key = groupName ?? ref(ingress);
    const group = groups.get(key) ?? { explicit: groupName !== undefined, members: [], problems: [] };
    group.members.push({ ingress, ref: ref(ingress), className, params: classParams, order });
    group.problems.push(...problems);
    groups.set(key, group);
  }

  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, group]) => buildGroup(name, group.explicit, group.members, group.problems, services));
}

function buildGroup(
  name: string,
  explicit: boolean,
  unordered: Member[],
  problems: string[],
  services: ReadonlyMap<string, Manifest>,
): AlbGroup {
  const members = [...unordered].sort(
    (a, b) => a.order - b.order || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
  );
  const first = members[0]!;
  const paramsSpec = obj(first.params?.spec);
  const annotation = (member: Member, key: string) => annotationsOf(member.ingress)[key];
  const groupValue = (key: string, what: string): string | undefined => {
    const values = new Set(
      members.map((m) => annotation(m, key)).filter((v): v is string => v !== undefined),
    );
    if (values.size > 1) problems.push(`conflicting ${what} in group ${name}: ${[...values].join(' | ')}`);
    return [...values][0];
  };

  const paramsOrigin = (field: string): SettingOrigin => ({
    kind: 'IngressClassParams',
    object: first.params!.metadata.name,
    field: `spec.${field}`,
  });
  const annotationOrigin = (key: string): SettingOrigin => ({
    kind: 'Ingress',
    object: (members.find((m) => annotation(m, key) !== undefined) ?? first).ref,
    field: `metadata.annotations["${key}"]`,
  });

  const scheme = str(paramsSpec.scheme) ?? groupValue(AlbAnnotation.scheme, 'scheme') ?? 'internal';
  const loadBalancerName =
    str(paramsSpec.loadBalancerName) ?? groupValue(AlbAnnotation.loadBalancerName, 'load-balancer-name');
  const wafFromParams = str(paramsSpec.wafv2AclArn);
  const wafv2AclArn = wafFromParams ?? groupValue(AlbAnnotation.wafv2AclArn, 'wafv2-acl-arn');
  const wafv2AclArnOrigin = wafv2AclArn
    ? wafFromParams
      ? paramsOrigin('wafv2AclArn')
      : annotationOrigin(AlbAnnotation.wafv2AclArn)
    : undefined;

  // Subnets: IngressClassParams `spec.subnets` (ids or tags) win over the `subnets` annotation.
  let subnets: AlbSubnets | undefined;
  if (paramsSpec.subnets !== undefined) {
    const selection = obj(paramsSpec.subnets);
    const tags = selection.tags === undefined ? undefined : obj(selection.tags);
    subnets = {
      ids: arr(selection.ids).filter((id): id is string => typeof id === 'string'),
      names: [],
      ...(tags
        ? {
            tags: Object.fromEntries(
              Object.entries(tags).map(([tag, values]) => [tag, arr(values).map(String)]),
            ),
          }
        : {}),
      origin: paramsOrigin('subnets'),
    };
  } else {
    const raw = groupValue(AlbAnnotation.subnets, 'subnets');
    if (raw !== undefined) {
      const entries = raw
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      subnets = {
        ids: entries.filter((entry) => SUBNET_ID.test(entry)),
        names: entries.filter((entry) => !SUBNET_ID.test(entry)),
        origin: annotationOrigin(AlbAnnotation.subnets),
      };
    }
  }
  const targetTypeOverride = str(paramsSpec.targetType);

  // Load-balancer attributes: annotations merged across members (conflicts refused), IngressClassParams win per key.
  const lbAttributes = new Map<string, string>();
  for (const member of members) {
    for (const [key, value] of parseOr(
      annotation(member, AlbAnnotation.loadBalancerAttributes),
      member,
      problems,
    )) {
      const existing = lbAttributes.get(key);
      if (existing !== undefined && existing !== value)
        problems.push(`conflicting attributes ${key}: ${existing} | ${value}`);
      lbAttributes.set(key, value);
    }
  }
  for (const [key, value] of keyValueList(paramsSpec.loadBalancerAttributes)) lbAttributes.set(key, value);

  // Listen ports and TLS of every member.
  const certificateOriginOf = (member: Member): SettingOrigin =>
    arr(obj(member.params?.spec).certificateArn).length > 0
      ? { kind: 'IngressClassParams', object: member.params!.metadata.name, field: 'spec.certificateArn' }
      : {
          kind: 'Ingress',
          object: member.ref,
          field: `metadata.annotations["${AlbAnnotation.certificateArn}"]`,
        };
  const certificatesOf = (member: Member): string[] => {
    const fromParams = arr(obj(member.params?.spec).certificateArn).map(String);
    if (fromParams.length > 0) return fromParams;
    return (annotation(member, AlbAnnotation.certificateArn) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  };
  const portsOf = (member: Member): ListenPort[] => {
    const raw = annotation(member, AlbAnnotation.listenPorts);
    if (raw === undefined)
      return certificatesOf(member).length > 0
        ? [{ protocol: 'HTTPS', port: 443 }]
        : [{ protocol: 'HTTP', port: 80 }];
    try {
      return parseListenPorts(raw);
    } catch (error) {
      problems.push(`Ingress ${member.ref}: ${(error as Error).message}`);
      return [];
    }
  };
  const listenerMembers = new Map<number, { protocol: 'HTTP' | 'HTTPS'; members: Member[] }>();
  for (const member of members) {
    for (const { protocol, port } of portsOf(member)) {
      const entry = listenerMembers.get(port) ?? { protocol, members: [] };
      if (entry.protocol !== protocol)
        problems.push(`conflicting protocols for port ${port}: ${entry.protocol} | ${protocol}`);
      if (!entry.members.includes(member)) entry.members.push(member);
      listenerMembers.set(port, entry);
    }
  }

  // ssl-redirect: IngressClassParams win over the annotation, per member; one port for the group.
  const redirectPorts = new Set<string>();
  for (const member of members) {
    const value =
      str(obj(member.params?.spec).sslRedirectPort) ?? annotation(member, AlbAnnotation.sslRedirect);
    if (value !== undefined) redirectPorts.add(value);
  }
  if (redirectPorts.size > 1) problems.push(`conflicting sslRedirect port: ${[...redirectPorts].join(', ')}`);
  const redirectPort = [...redirectPorts][0];
  if (redirectPort !== undefined && listenerMembers.get(Number(redirectPort))?.protocol !== 'HTTPS') {
    problems.push(`ssl-redirect port ${redirectPort} is not an HTTPS listener of group ${name}`);
  }

  const targetGroups: AlbTargetGroup[] = [];
  const forward = (member: Member, backend: Json): AlbAction | undefined => {
    const service = obj(backend.service);
    const serviceName = str(service.name);
    const port = obj(service.port);
    const portRef = typeof port.number === 'number' ? port.number : str(port.name);
    if (!serviceName || portRef === undefined) {
      problems.push(
        `Ingress ${member.ref}: backend without service name and port (resource backends are not supported by the ALB)`,
      );
      return undefined;
    }
    if (portRef === 'use-annotation') {
      return annotationAction(member, serviceName, problems);
    }
    const namespace = member.ingress.metadata.namespace ?? 'default';
    if (
      !targetGroups.some(
        (tg) =>
          tg.ingress === member.ref &&
          tg.namespace === namespace &&
          tg.service === serviceName &&
          tg.port === portRef,
      )
    ) {
      targetGroups.push(
        buildTargetGroup(member, namespace, serviceName, portRef, services, targetTypeOverride, problems),
      );
    }
    return { type: 'forward', namespace, service: serviceName, port: portRef };
  };

  const defaultMembers = members.filter((m) => obj(m.ingress.spec).defaultBackend !== undefined);
  if (defaultMembers.length > 1)
    problems.push(`multiple ingress defined default backend: ${defaultMembers.map((m) => m.ref).join(', ')}`);

  const listeners: AlbListener[] = [...listenerMembers.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, { protocol, members: listening }]) => {
      const https = protocol === 'HTTPS';
      const redirect = redirectPort !== undefined && !https;
      const rules: AlbRule[] = [];
      if (!redirect) {
        for (const member of listening) {
          arr(obj(member.ingress.spec).rules).forEach((rawRule, ruleIndex) => {
            const rule = obj(rawRule);
            const host = str(rule.host);
            const paths = arr(obj(rule.http).paths).map(obj);
            if (rule.http === undefined) return;
            for (const path of sortIngressPaths(
              paths.map((p) => ({ ...p, pathType: str(p.pathType) }) as Json & { pathType?: string }),
            )) {
              const pathValue = str(path.path);
              const pathType = (str(path.pathType) ?? 'ImplementationSpecific') as IngressPathType;
              let patterns: string[] = [];
              try {
                patterns = pathValue ? pathPatterns(pathValue, pathType) : [];
              } catch (error) {
                problems.push(`Ingress ${member.ref}: ${(error as Error).message}`);
                continue;
              }
              const action = forward(member, obj(path.backend));
              if (!action) continue;
              const hosts = host ? [host] : [];
              rules.push({
                priority: rules.length + 1,
                hosts,
                paths: hosts.length === 0 && patterns.length === 0 ? ['/*'] : patterns,
                action,
                source: {
                  ingress: member.ref,
                  ruleIndex,
                  ...(host ? { host } : {}),
                  ...(pathValue ? { path: pathValue } : {}),
                  pathType,
                },
              });
            }
          });
        }
      }
      let defaultAction: AlbAction = { type: 'fixed-response', statusCode: 404 };
      if (redirect)
        defaultAction = { type: 'redirect', statusCode: 301, protocol: 'HTTPS', port: redirectPort };
      else if (defaultMembers[0])
        defaultAction =
          forward(defaultMembers[0], obj(obj(defaultMembers[0].ingress.spec).defaultBackend)) ??
          defaultAction;

      const attributes = new Map<string, string>();
      for (const member of listening) {
        for (const [key, value] of parseOr(
          annotation(member, AlbAnnotation.listenerAttributes(protocol, port)),
          member,
          problems,
        )) {
          attributes.set(key, value);
        }
      }
      for (const listener of arr(paramsSpec.listeners).map(obj)) {
        if (str(listener.protocol) === protocol && listener.port === port) {
          for (const [key, value] of keyValueList(listener.listenerAttributes)) attributes.set(key, value);
        }
      }
      const sslPolicy = https
        ? (str(paramsSpec.sslPolicy) ??
          groupValue(AlbAnnotation.sslPolicy, 'ssl-policy') ??
          DEFAULT_SSL_POLICY)
        : undefined;
      const certificateArns = https ? [...new Set(listening.flatMap(certificatesOf))] : [];
      if (https && certificateArns.length === 0)
        problems.push(`HTTPS listener ${port} of group ${name} has no certificate`);
      const certifying = listening.find((member) => certificatesOf(member).length > 0);
      return {
        protocol,
        port,
        ...(sslPolicy ? { sslPolicy } : {}),
        certificateArns,
        ...(https && certifying ? { certificateOrigin: certificateOriginOf(certifying) } : {}),
        attributes,
        rules,
        defaultAction,
      };
    });

  return {
    name,
    explicit,
    members: members.map((m) => m.ref),
    ...(first.className ? { ingressClass: first.className } : {}),
    ...(first.params ? { ingressClassParams: first.params.metadata.name } : {}),
    scheme,
    ...(loadBalancerName ? { loadBalancerName } : {}),
    ...(targetTypeOverride ? { targetTypeOverride } : {}),
    ...(wafv2AclArn ? { wafv2AclArn } : {}),
    ...(wafv2AclArnOrigin ? { wafv2AclArnOrigin } : {}),
    ...(subnets ? { subnets } : {}),
    loadBalancerAttributes: lbAttributes,
    listeners,
    targetGroups,
    problems,
  };
}

function parseOr(raw: string | undefined, member: Member, problems: string[]): Map<string, string> {
  if (raw === undefined) return new Map();
  try {
    return parseAttributes(raw);
  } catch (error) {
    problems.push(`Ingress ${member.ref}: ${(error as Error).message}`);
    return new Map();
  }
}

function annotationAction(member: Member, name: string, problems: string[]): AlbAction | undefined {
  const raw = annotationsOf(member.ingress)[AlbAnnotation.actions(name)];
  let action: Json;
  try {
    action = obj(JSON.parse(raw ?? ''));
  } catch {
    problems.push(
      `Ingress ${member.ref}: backend ${name} uses use-annotation but ${AlbAnnotation.actions(name)} is missing or not JSON`,
    );
    return undefined;
  }
  if (action.type === 'fixed-response') {
    return { type: 'fixed-response', statusCode: Number(obj(action.fixedResponseConfig).statusCode ?? 200) };
  }
  if (action.type === 'redirect') {
    const config = obj(action.redirectConfig);
    return {
      type: 'redirect',
      statusCode: str(config.statusCode) === 'HTTP_302' ? 302 : 301,
      protocol: str(config.protocol) ?? '#{protocol}',
      port: str(config.port) ?? '#{port}',
    };
  }
  problems.push(
    `Ingress ${member.ref}: action ${name} of type ${String(action.type)} is not modelled by the simulator`,
  );
  return undefined;
}

function buildTargetGroup(
  member: Member,
  namespace: string,
  serviceName: string,
  port: number | string,
  services: ReadonlyMap<string, Manifest>,
  targetTypeOverride: string | undefined,
  problems: string[],
): AlbTargetGroup {
  const service = services.get(`${namespace}/${serviceName}`);
  if (!service)
    problems.push(
      `Ingress ${member.ref}: backend Service ${namespace}/${serviceName} is not among the objects`,
    );
  const serviceAnnotations = service ? annotationsOf(service) : {};
  const ingressAnnotations = annotationsOf(member.ingress);
  const defaults: Record<string, string> = {
    [AlbAnnotation.targetType]: CONTROLLER_TARGET_GROUP_DEFAULTS.targetType,
    [AlbAnnotation.backendProtocol]: CONTROLLER_TARGET_GROUP_DEFAULTS.backendProtocol,
    [AlbAnnotation.healthcheckPort]: CONTROLLER_TARGET_GROUP_DEFAULTS.healthcheckPort,
    [AlbAnnotation.healthcheckPath]: CONTROLLER_TARGET_GROUP_DEFAULTS.healthcheckPath,
    [AlbAnnotation.successCodes]: CONTROLLER_TARGET_GROUP_DEFAULTS.successCodes,
    [AlbAnnotation.healthcheckIntervalSeconds]: CONTROLLER_TARGET_GROUP_DEFAULTS.healthcheckIntervalSeconds,
    [AlbAnnotation.healthcheckTimeoutSeconds]: CONTROLLER_TARGET_GROUP_DEFAULTS.healthcheckTimeoutSeconds,
    [AlbAnnotation.healthyThresholdCount]: CONTROLLER_TARGET_GROUP_DEFAULTS.healthyThresholdCount,
    [AlbAnnotation.unhealthyThresholdCount]: CONTROLLER_TARGET_GROUP_DEFAULTS.unhealthyThresholdCount,
  };
  const settings = new Map<string, { value: string; source: SettingSource }>();
  for (const key of TARGET_GROUP_ANNOTATIONS) {
    // The controller merges Service over Ingress annotations: a Service value replaces the Ingress value whole.
    if (serviceAnnotations[key] !== undefined)
      settings.set(key, { value: serviceAnnotations[key]!, source: 'Service' });
    else if (ingressAnnotations[key] !== undefined)
      settings.set(key, { value: ingressAnnotations[key]!, source: 'Ingress' });
    else if (defaults[key] !== undefined)
      settings.set(key, { value: defaults[key]!, source: 'controller default' });
  }
  if (!settings.has(AlbAnnotation.healthcheckProtocol)) {
    settings.set(AlbAnnotation.healthcheckProtocol, {
      ...settings.get(AlbAnnotation.backendProtocol)!,
      source: 'controller default',
    });
  }
  if (targetTypeOverride)
    settings.set(AlbAnnotation.targetType, { value: targetTypeOverride, source: 'IngressClassParams' });
  let attributes = new Map<string, string>();
  const rawAttributes = settings.get(AlbAnnotation.targetGroupAttributes)?.value;
  if (rawAttributes !== undefined) {
    try {
      attributes = parseAttributes(rawAttributes);
    } catch (error) {
      problems.push(`Service ${namespace}/${serviceName}: ${(error as Error).message}`);
    }
  }
  if (
    attributes.get('stickiness.enabled') === 'true' &&
    settings.get(AlbAnnotation.targetType)?.value !== 'ip'
  ) {
    problems.push(
      `target group of ${namespace}/${serviceName}:${port}: cookie stickiness requires target type ip`,
    );
  }
  return {
    ingress: member.ref,
    namespace,
    service: serviceName,
    port,
    serviceFound: service !== undefined,
    settings,
    attributes,
  };
}
