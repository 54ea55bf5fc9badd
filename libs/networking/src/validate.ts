import { Checks, didYouMean, type ClusterSettings, type Environment } from '@pms/core';
import { validateBackingSettings } from './backing/settings-check.js';
import { CATALOGUE_FILE, PMS_SERVICES, WORKLOADS } from './catalogue.js';
import { FRONTEND_HEADERS, type FrontendHeader } from './frontend-server.js';
import { MAX_DRAIN_SECONDS, SPRING_SHUTDOWN_ENV, SPRING_SHUTDOWN_TIMEOUT_ENV } from './shutdown.js';
import {
  ENV_NAME_PATTERN,
  type NetworkingSettings,
  type ResourceSettings,
  type WorkloadEnv,
} from './settings.js';

/** Where a cluster's settings are declared, for messages that send the reader there. */
export const clusterSettingsFile = (cluster: string): string => `apps/${cluster}/src/settings.ts`;

const CPU = /^([1-9]\d{0,3}m|[1-9]\d{0,2}(\.\d{1,3})?|0\.\d{1,3})$/;
const MEMORY = /^[1-9]\d{0,5}(Ki|Mi|Gi)$/;
const UNIT_BYTES: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };

/** Bytes of a memory quantity such as `512Mi`; undefined when not one. */
export function memoryBytes(quantity: string): number | undefined {
  const match = /^(\d+)(Ki|Mi|Gi)$/.exec(quantity);
  return match ? Number(match[1]) * UNIT_BYTES[match[2]!]! : undefined;
}

/** Checks one `ResourceSettings` (fields relative to `at`). */
export function validateResources(resources: ResourceSettings, at: Checks): void {
  at.matches('resources.cpuRequest', resources.cpuRequest, CPU, 'a CPU quantity such as 250m or 1.5');
  const requestOk = at.matches(
    'resources.memoryRequest',
    resources.memoryRequest,
    MEMORY,
    'a memory quantity in Ki, Mi or Gi, such as 512Mi',
  );
  const limitOk = at.matches(
    'resources.memoryLimit',
    resources.memoryLimit,
    MEMORY,
    'a memory quantity in Ki, Mi or Gi, such as 1Gi',
  );
  if (requestOk && limitOk) {
    at.require(memoryBytes(resources.memoryLimit)! >= memoryBytes(resources.memoryRequest)!, {
      field: 'resources.memoryLimit',
      value: resources.memoryLimit,
      allowed: `at least resources.memoryRequest (${resources.memoryRequest})`,
    });
  }
}

/**
 * Checks the networking settings; issues are recorded on `checks` (prefix `networking`). `environment` adds the
 * prod rules of the backing services (PmsNetworking passes it; without it they are checked at construction).
 */
export function validateNetworkingSettings(
  settings: NetworkingSettings,
  checks: Checks,
  environment?: Environment,
): void {
  const file = clusterSettingsFile(checks.cluster);
  validateBackingSettings(settings?.backing, PMS_SERVICES, checks, environment);
  for (const name of Object.keys(settings?.workloads ?? {})) {
    if (!(WORKLOADS as readonly string[]).includes(name)) {
      checks.fail({
        field: `workloads.${name}`,
        value: settings.workloads[name as keyof typeof settings.workloads],
        allowed: `settings for the workloads of the catalogue only: ${WORKLOADS.join(', ')}`,
        problem: `"${name}" is no workload of the catalogue (${CATALOGUE_FILE}, entries of kind "workload")${didYouMean(name, WORKLOADS)}`,
      });
    }
  }
  for (const name of WORKLOADS) {
    const workload = settings?.workloads?.[name];
    const at = checks.nested(`workloads.${name}`);
    if (!workload) {
      at.fail({
        field: '',
        value: workload,
        allowed: `{ image: { repository, tag }, scaling: { minReplicas, maxReplicas } } under networking.workloads.${name} in ${file}`,
        problem: `the catalogue (${CATALOGUE_FILE}) declares the workload "${name}", but this cluster's settings do not`,
      });
      continue;
    }
    at.matches(
      'image.repository',
      workload.image?.repository,
      /^[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9-]+)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+$|^[a-z0-9]+([._/-][a-z0-9]+)*$/,
      'an image repository without tag or digest, e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com/pms/apigateway',
    );
    const tag = workload.image?.tag;
    if (typeof tag !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) || tag === 'latest') {
      at.fail({
        field: 'image.tag',
        value: tag,
        allowed: 'a pinned tag such as 1.8.3 (not "latest", not empty)',
        problem: tag === 'latest' ? '"latest" is not pinned' : undefined,
      });
    }
    const scaling = workload.scaling;
    if (
      at.integer('scaling.minReplicas', scaling?.minReplicas, 1, 100) &&
      at.integer('scaling.maxReplicas', scaling?.maxReplicas, 1, 500)
    ) {
      at.require(scaling.maxReplicas >= scaling.minReplicas, {
        field: 'scaling.maxReplicas',
        value: scaling.maxReplicas,
        allowed: `at least scaling.minReplicas (${scaling.minReplicas})`,
      });
    }
    if (scaling?.targetCpuUtilization !== undefined) {
      at.integer('scaling.targetCpuUtilization', scaling.targetCpuUtilization, 10, 95, 'percent');
    }
    if (workload.resources !== undefined) validateResources(workload.resources, at);
  }
}

/** An ECR repository, `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<path>` (ECR user guide, "Private registry"). */
const ECR_REPOSITORY = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//;

/**
 * In prod, every workload image from ECR must come from the cluster's own account: images are promoted into the prod
 * account, and a prod node's role pulls only from it; a registry of another account is a constant copied from
 * another cluster's settings. Dev and staging may pull from another account (a shared build account is common), so
 * only prod is held to it. Issues are recorded on `checks` (prefix `networking`).
 */
export function validateImageRegistries(
  cluster: Pick<ClusterSettings, 'environment' | 'aws'>,
  settings: NetworkingSettings,
  checks: Checks,
): void {
  if (cluster.environment !== 'prod') return;
  for (const name of WORKLOADS) {
    const repository = settings?.workloads?.[name]?.image?.repository;
    const match = typeof repository === 'string' ? ECR_REPOSITORY.exec(repository) : null;
    if (!match || match[1] === cluster.aws.accountId) continue;
    checks.fail({
      field: `workloads.${name}.image.repository`,
      value: repository,
      problem: `an ECR registry of account ${match[1]}, but this prod cluster is in account ${cluster.aws.accountId} (a registry copied from another cluster's settings?)`,
      allowed: `in prod, an ECR repository of the cluster's own account: ${cluster.aws.accountId}.dkr.ecr.${match[2]}.amazonaws.com${match[3] ?? ''}/… (promote the image into it)`,
    });
  }
}

/**
 * Checks the environment the platform passes to the workloads (field `workloadEnv`): known workloads, variable
 * names matching `ENV_NAME_PATTERN`, string values. Issues are recorded on `checks`.
 */
export function validateWorkloadEnv(env: WorkloadEnv | undefined, checks: Checks): void {
  if (env === undefined) return;
  const at = checks.nested('workloadEnv');
  if (env === null || typeof env !== 'object' || Array.isArray(env)) {
    at.fail({ field: '', value: env, allowed: 'an object of workload name → { VARIABLE: value }' });
    return;
  }
  for (const [workload, variables] of Object.entries(env)) {
    if (!(WORKLOADS as readonly string[]).includes(workload)) {
      at.fail({
        field: workload,
        value: variables,
        allowed: `a workload: ${WORKLOADS.join(', ')}`,
        problem: `${workload} is not a PMS workload`,
      });
      continue;
    }
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
      at.fail({
        field: workload,
        value: variables,
        allowed: 'an object of environment variable name → string value',
      });
      continue;
    }
    // In name order, as the variables are rendered.
    const entries = Object.entries(variables as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [name, value] of entries) {
      if (!ENV_NAME_PATTERN.test(name)) {
        at.fail({
          field: workload,
          value: name,
          allowed:
            'an environment variable name: upper-case letters, digits and "_", not starting with a digit (^[A-Z_][A-Z0-9_]*$)',
          problem: 'not a valid environment variable name',
        });
      } else if (RESERVED_ENV.includes(name)) {
        at.fail({
          field: `${workload}.${name}`,
          value,
          allowed: `a variable networking does not set itself (not ${RESERVED_ENV.join(', ')})`,
          problem: "would replace the graceful shutdown networking derives from the workload's drain",
        });
      } else if (typeof value !== 'string') {
        at.fail({
          field: `${workload}.${name}`,
          value,
          allowed: 'a string (quote numbers and booleans, e.g. "25")',
        });
      }
    }
  }
}

/** Environment variables networking sets itself (Spring Boot's graceful shutdown), never published by others. */
const RESERVED_ENV: readonly string[] = [SPRING_SHUTDOWN_ENV, SPRING_SHUTDOWN_TIMEOUT_ENV];

/**
 * Checks the drains other concerns publish for the workloads (field `drainSeconds`, the ingress's WebSocket
 * backends): known workloads, whole seconds from 1 to `MAX_DRAIN_SECONDS`.
 */
export function validateWorkloadDrain(
  drains: Readonly<Partial<Record<string, number>>> | undefined,
  checks: Checks,
): void {
  for (const [workload, seconds] of Object.entries(drains ?? {})) {
    const at = checks.nested('drainSeconds');
    if (!(WORKLOADS as readonly string[]).includes(workload)) {
      at.fail({ field: workload, value: seconds, allowed: `a workload: ${WORKLOADS.join(', ')}` });
      continue;
    }
    at.integer(workload, seconds, 1, MAX_DRAIN_SECONDS, 'seconds');
  }
}

/** An HTTP header name (RFC 9110 `token`). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A value nginx can carry in a double-quoted `add_header` without expanding anything: printable ASCII, no `"`, `\`, `$`. */
const HEADER_VALUE = /^[\x20-\x21\x23\x25-\x5b\x5d-\x7e]{1,2000}$/;

/**
 * Checks the headers other concerns publish for the SPA's responses (field `frontendHeaders`): header names, values
 * nginx can carry, no header twice and none the frontend sets itself (`FRONTEND_HEADERS`).
 */
export function validateFrontendHeaders(
  headers: readonly FrontendHeader[] | undefined,
  checks: Checks,
): void {
  const seen = new Set<string>(FRONTEND_HEADERS.map((h) => h.name.toLowerCase()));
  (headers ?? []).forEach((header, index) => {
    const at = checks.nested(`frontendHeaders[${index}]`);
    if (!at.matches('name', header?.name, HEADER_NAME, 'an HTTP header name (letters, digits, "-")')) return;
    if (seen.has(header.name.toLowerCase())) {
      at.fail({
        field: 'name',
        value: header.name,
        allowed: `a header the frontend does not set already (it sets ${FRONTEND_HEADERS.map((h) => h.name).join(', ')})`,
      });
    }
    seen.add(header.name.toLowerCase());
    at.matches(
      'value',
      header.value,
      HEADER_VALUE,
      'printable ASCII (1-2000 characters) without ", \\ or $ (nginx quotes the value and expands $ variables)',
    );
  });
}

/**
 * Checks the annotations other concerns publish for the Services (field `serviceAnnotations`): every key a Service
 * of the catalogue, every value a string, none replacing an annotation networking sets itself (`own`).
 */
export function validateServiceAnnotations(
  annotations: ReadonlyMap<string, Readonly<Record<string, string>>> | undefined,
  own: Readonly<Record<string, string>>,
  checks: Checks,
): void {
  const names = PMS_SERVICES.map((s) => s.name);
  for (const [service, values] of annotations ?? []) {
    const at = checks.nested(`serviceAnnotations.${service}`);
    if (!(names as string[]).includes(service)) {
      at.fail({
        field: '',
        value: values,
        allowed: `annotations for a Service of the catalogue (${CATALOGUE_FILE}): ${names.join(', ')}`,
        problem: `networking renders no Service "${service}"`,
      });
      continue;
    }
    for (const [key, value] of Object.entries(values)) {
      if (Object.hasOwn(own, key)) {
        at.fail({
          field: key,
          value,
          allowed: 'an annotation networking does not set itself',
          problem: "would replace networking's own value",
        });
      } else if (typeof value !== 'string') {
        at.fail({ field: key, value, allowed: 'a string' });
      }
    }
  }
}
