/**
 * Effective target-group settings of a Service port referenced from an Ingress: Service annotations over
 * Ingress annotations over controller defaults, and the IngressClassParams' target type over all of them.
 */
import { AlbAnnotation, CONTROLLER_TARGET_GROUP_DEFAULTS, TARGET_GROUP_ANNOTATIONS } from '../annotations.js';
import { parseAttributes } from '../attributes.js';
import type { GroupContext } from './group-context.js';
import { annotationsOf } from './json.js';
import type { Member } from './members.js';
import type { AlbTargetGroup, SettingSource } from './types.js';

/** A Service port as an Ingress backend references it. */
export interface BackendRef {
  /** Service namespace (the Ingress's). */
  readonly namespace: string;
  /** Service name. */
  readonly service: string;
  /** Service port, number or name. */
  readonly port: number | string;
}

type Setting = { value: string; source: SettingSource };
type Annotations = Readonly<Record<string, string>>;

/** The values the controller uses when neither the Service nor the Ingress sets them, by annotation key. */
const CONTROLLER_DEFAULTS: Annotations = {
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

/** Adds the target group of `backend` as referenced by `member`, unless the group already has it. */
export function referenceTargetGroup(group: GroupContext, member: Member, backend: BackendRef): void {
  const known = group.targetGroups.some(
    (tg) =>
      tg.ingress === member.ref &&
      tg.namespace === backend.namespace &&
      tg.service === backend.service &&
      tg.port === backend.port,
  );
  if (!known) group.targetGroups.push(buildTargetGroup(group, member, backend));
}

function buildTargetGroup(group: GroupContext, member: Member, backend: BackendRef): AlbTargetGroup {
  const { namespace, service: serviceName, port } = backend;
  const service = group.services.get(`${namespace}/${serviceName}`);
  if (!service)
    group.problems.push(
      `Ingress ${member.ref}: backend Service ${namespace}/${serviceName} is not among the objects`,
    );
  const serviceAnnotations = service ? annotationsOf(service) : {};
  const settings = effectiveSettings(
    serviceAnnotations,
    annotationsOf(member.ingress),
    group.targetTypeOverride,
  );
  const attributes = targetGroupAttributes(settings, backend, group.problems);
  checkStickiness(settings, attributes, backend, group.problems);
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

function effectiveSettings(
  serviceAnnotations: Annotations,
  ingressAnnotations: Annotations,
  targetTypeOverride: string | undefined,
): Map<string, Setting> {
  const settings = new Map<string, Setting>();
  for (const key of TARGET_GROUP_ANNOTATIONS) {
    const setting = settingOf(key, serviceAnnotations, ingressAnnotations);
    if (setting) settings.set(key, setting);
  }
  if (!settings.has(AlbAnnotation.healthcheckProtocol)) {
    settings.set(AlbAnnotation.healthcheckProtocol, {
      ...settings.get(AlbAnnotation.backendProtocol)!,
      source: 'controller default',
    });
  }
  if (targetTypeOverride)
    settings.set(AlbAnnotation.targetType, { value: targetTypeOverride, source: 'IngressClassParams' });
  return settings;
}

/**
 * The controller merges Service over Ingress annotations (a Service value replaces the Ingress value whole),
 * then falls back to its defaults.
 */
function settingOf(key: string, service: Annotations, ingress: Annotations): Setting | undefined {
  if (service[key] !== undefined) return { value: service[key]!, source: 'Service' };
  if (ingress[key] !== undefined) return { value: ingress[key]!, source: 'Ingress' };
  if (CONTROLLER_DEFAULTS[key] !== undefined)
    return { value: CONTROLLER_DEFAULTS[key]!, source: 'controller default' };
  return undefined;
}

/** The parsed winning `target-group-attributes` value; a parse error is a problem of the Service. */
function targetGroupAttributes(
  settings: ReadonlyMap<string, Setting>,
  backend: BackendRef,
  problems: string[],
): Map<string, string> {
  const raw = settings.get(AlbAnnotation.targetGroupAttributes)?.value;
  if (raw === undefined) return new Map();
  try {
    return parseAttributes(raw);
  } catch (error) {
    problems.push(`Service ${backend.namespace}/${backend.service}: ${(error as Error).message}`);
    return new Map();
  }
}

/** Cookie stickiness needs target type `ip`. */
function checkStickiness(
  settings: ReadonlyMap<string, Setting>,
  attributes: ReadonlyMap<string, string>,
  backend: BackendRef,
  problems: string[],
): void {
  if (attributes.get('stickiness.enabled') !== 'true') return;
  if (settings.get(AlbAnnotation.targetType)?.value === 'ip') return;
  problems.push(
    `target group of ${backend.namespace}/${backend.service}:${backend.port}: cookie stickiness requires target type ip`,
  );
}
