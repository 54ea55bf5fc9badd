/**
 * The catalogue's backing services against the upstream facts (`UPSTREAM_PROJECTS`): the project exists, every pod
 * label the catalogue selects is one the project's pods carry (with that value), the pod labels select every pod the
 * project runs for the instance, the Service selector selects exactly the serving pods and contains the pod labels
 * (the VPC CNI's pre-DNAT rule), and the ports are the project's container ports. Misspellings get a "did you
 * mean"; every refusal names `PMS_SERVICES` and its file, the constant to edit.
 */
import { closeMatches, type Checks } from '@pms/core';
import {
  CATALOGUE_SOURCE,
  catalogueField,
  type BackingService,
  type ServiceDefinition,
} from '../catalogue.js';
import { selectorMatches } from '../label-selector.js';
import { backingPodsOf } from './pods.js';
import { formatSource, UPSTREAM_PROJECTS } from './upstream.js';

const formatLabels = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

const didYouMean = (name: string, known: readonly string[]) => {
  const near = closeMatches(name, known);
  return near.length > 0 ? `; did you mean "${near[0]}"?` : '';
};

/** A DNS-1123 label (CloudNativePG and Strimzi name pods and Services after the instance). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$/;

function checkBackingService(
  service: BackingService,
  checks: Checks,
  services: readonly ServiceDefinition[],
): void {
  const at = checks.withPrefix(catalogueField(service.name, '', CATALOGUE_SOURCE));
  const projects = Object.keys(UPSTREAM_PROJECTS);
  const project = UPSTREAM_PROJECTS[service.installer.project];
  if (!project) {
    at.fail({
      field: 'installer.project',
      value: service.installer.project,
      allowed: `a project with pinned upstream facts (UPSTREAM_PROJECTS in libs/networking/src/backing/upstream.ts): ${projects.join(', ')}`,
      problem: `no upstream facts for "${service.installer.project}"${didYouMean(service.installer.project, projects)}`,
    });
    return;
  }
  if (!DNS_LABEL.test(service.installer.instance ?? '')) {
    at.fail({
      field: 'installer.instance',
      value: service.installer.instance,
      allowed: 'a DNS label of at most 50 characters (the installer names pods and Services after it)',
    });
    return;
  }
  if (service.installer.project === 'valkey') {
    const full = service.installer.fullnameOverride;
    // The chart names its objects `<full>` and `<full>-…`: none of the catalogue's Services may be among them.
    const takesOurs = services.some((s) => s.name === full || s.name.startsWith(`${full}-`));
    if (!DNS_LABEL.test(full ?? '') || takesOurs) {
      at.fail({
        field: 'installer.fullnameOverride',
        value: full,
        allowed: `a DNS label other than the catalogue's Service names (${services.map((s) => s.name).join(', ')}): the chart names its own Service and objects after it`,
      });
    }
  }
  const pods = backingPodsOf(service)!;
  const carried = new Map<string, Set<string>>();
  for (const pod of pods.pods)
    for (const [key, value] of Object.entries(pod.labels))
      (carried.get(key) ?? carried.set(key, new Set()).get(key)!).add(value);
  const keys = [...carried.keys()];
  const source = formatSource(project.pods[0]!.labels[0]!.source);

  const checkLabels = (
    field: 'podLabels' | 'serviceSelector',
    labels: Readonly<Record<string, string>>,
  ): boolean => {
    let ok = true;
    for (const [key, value] of Object.entries(labels ?? {})) {
      const values = carried.get(key);
      if (!values) {
        ok = at.fail({
          field: `${field}["${key}"]`,
          value,
          allowed: `a label the ${project.title} pods carry: ${keys.join(', ')}`,
          problem: `no pod of ${project.title} ${service.installer.instance} carries label ${key}${didYouMean(key, keys)} (${source})`,
        });
      } else if (!values.has(value)) {
        ok = at.fail({
          field: `${field}["${key}"]`,
          value,
          allowed: [...values].map((v) => JSON.stringify(v)).join(' or '),
          problem: `the ${project.title} pods of ${service.installer.instance} carry ${key}=${[...values].join(' or ')}${didYouMean(value, [...values])}`,
        });
      }
    }
    return ok;
  };

  const hasPodLabels = Object.keys(service.podLabels ?? {}).length > 0;
  if (!hasPodLabels)
    at.fail({ field: 'podLabels', value: service.podLabels, allowed: 'at least one label its pods carry' });
  const podLabelsKnown = hasPodLabels && checkLabels('podLabels', service.podLabels);
  if (podLabelsKnown) {
    for (const pod of pods.pods) {
      if (!selectorMatches({ matchLabels: service.podLabels }, pod.labels)) {
        at.fail({
          field: 'podLabels',
          value: formatLabels(service.podLabels),
          allowed: `labels every pod of the instance carries, e.g. ${formatLabels(commonLabels(pods.pods.map((p) => p.labels)))}`,
          problem: `do not select the ${pod.role} pods (${formatLabels(pod.labels)}), which need the same NetworkPolicy as the others`,
        });
      }
    }
  }
  // Labels shared with podLabels were checked there: each wrong label is reported once.
  const selectorOnly = Object.fromEntries(
    Object.entries(service.serviceSelector ?? {}).filter(([k, v]) => service.podLabels?.[k] !== v),
  );
  if (checkLabels('serviceSelector', selectorOnly) && podLabelsKnown) {
    const missing = Object.entries(service.podLabels ?? {}).filter(
      ([k, v]) => service.serviceSelector?.[k] !== v,
    );
    if (missing.length > 0) {
      at.fail({
        field: 'serviceSelector',
        value: formatLabels(service.serviceSelector),
        allowed: `a selector containing podLabels (${formatLabels(service.podLabels)})`,
        problem:
          "the VPC CNI admits a Service's ClusterIP to an egress rule only when the rule's pod selector matches the Service's selector (aws/amazon-network-policy-controller-k8s pkg/resolvers/endpoints.go), so clients' egress to the Service would be dropped",
      });
    }
    const wrong = pods.pods
      .map((pod) => ({
        pod,
        selected: selectorMatches({ matchLabels: service.serviceSelector }, pod.labels),
      }))
      .filter(({ pod, selected }) => selected !== pod.serves);
    if (wrong.length > 0) {
      at.fail({
        field: 'serviceSelector',
        value: formatLabels(service.serviceSelector),
        allowed: `a selector of exactly the pods that serve clients (${pods.pods
          .filter((p) => p.serves)
          .map((p) => p.role)
          .join(', ')})`,
        problem: wrong
          .map(
            ({ pod, selected }) =>
              `${selected ? 'selects' : 'does not select'} the ${pod.role} pods (${formatLabels(pod.labels)})`,
          )
          .join('; '),
      });
    }
  }

  const portNames = pods.ports.map((p) => p.name);
  const declared = [
    { field: 'portName', name: service.portName, port: service.port, portField: 'port' },
    ...(service.internalPorts ?? []).map((p, i) => ({
      field: `internalPorts[${i}].name`,
      name: p.name,
      port: p.port,
      portField: `internalPorts[${i}].port`,
    })),
  ];
  for (const { field, name, port, portField } of declared) {
    const fact = pods.ports.find((p) => p.name === name);
    if (!fact) {
      at.fail({
        field,
        value: name,
        allowed: `a container port of the ${project.title} pods: ${pods.ports.map((p) => `${p.name} ${p.port}`).join(', ')}`,
        problem: `no container port named ${name}${didYouMean(name, portNames)}`,
      });
    } else if (fact.port !== port) {
      at.fail({
        field: portField,
        value: port,
        allowed: `${fact.port} (${formatSource(fact.source)})`,
        problem: `the ${project.title} container port ${name} is ${fact.port}, and the Service port must equal the container port (VPC CNI policy agent)`,
      });
    }
  }
}

/** Labels shared by every label set. */
function commonLabels(sets: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = sets;
  return Object.fromEntries(Object.entries(first ?? {}).filter(([k, v]) => rest.every((s) => s[k] === v)));
}

/**
 * Checks every backing service of `services` against the upstream facts; issues are recorded on `checks` under
 * `PMS_SERVICES (libs/networking/src/catalogue.ts) <service>.<field>`.
 */
export function validateBackingCatalogue(services: readonly ServiceDefinition[], checks: Checks): void {
  for (const service of services)
    if (service.kind === 'backing') checkBackingService(service, checks, services);
}
