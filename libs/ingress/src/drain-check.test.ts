import { formatIssue, issuesOf, type Manifest } from '@pms/core';
import {
  ALB_BACKEND_SERVICES,
  ALB_DEREGISTRATION_PROPAGATION_SECONDS,
  READINESS_GATE_INJECT_LABEL,
  terminationGracePeriodOf,
} from '@pms/networking';
import { describe, expect, it } from 'vitest';
import { AlbAnnotation } from './annotations.js';
import { parseAttributes } from './attributes.js';
import { checkTargetGroupDrain } from './drain-check.js';
import { PMS_ROUTES } from './routes.js';
import { buildTestIngressWithNetworking, TEST_CLUSTER } from './__fixtures__/cluster.js';

const manifests = buildTestIngressWithNetworking();

/** What `checkTargetGroupDrain` says about `objects`. */
function refusals(objects: readonly Manifest[]): string[] {
  try {
    checkTargetGroupDrain(TEST_CLUSTER, objects);
    return [];
  } catch (error) {
    return issuesOf(error)!.map(formatIssue);
  }
}

const find = (objects: readonly Manifest[], kind: string, name: string) =>
  objects.find((m) => m.kind === kind && m.metadata.name === name) as Manifest & { spec: any; metadata: any };

/** `objects` with the deregistration delay of Service `name` set to `seconds`. */
function withDelay(objects: readonly Manifest[], name: string, seconds: number): Manifest[] {
  const copy = structuredClone(objects) as Manifest[];
  const annotations = find(copy, 'Service', name).metadata.annotations;
  const pairs = parseAttributes(annotations[AlbAnnotation.targetGroupAttributes]);
  pairs.set('deregistration_delay.timeout_seconds', String(seconds));
  annotations[AlbAnnotation.targetGroupAttributes] = [...pairs].map(([k, v]) => `${k}=${v}`).join(',');
  return copy;
}

const websocket = new Set(PMS_ROUTES.filter((r) => r.kind !== 'http').map((r) => r.backend.service));
const backend = ALB_BACKEND_SERVICES.find((s) => websocket.has(s.name)) ?? ALB_BACKEND_SERVICES[0]!;
const drainOf = (name: string) => {
  const raw = find(manifests, 'Deployment', name).spec.template.spec.terminationGracePeriodSeconds as number;
  const preStop = find(manifests, 'Deployment', name).spec.template.spec.containers[0].lifecycle.preStop.sleep
    .seconds as number;
  return { preStop, grace: raw, drain: raw - terminationGracePeriodOf(preStop, 0) };
};

describe('the drain chain of every ALB backend', () => {
  it('holds on the rendered objects', () => {
    expect(refusals(manifests)).toEqual([]);
  });

  it('refuses a deregistration delay shorter than preStop + drain (the ALB would cut draining WebSockets)', () => {
    const { preStop, drain, grace } = drainOf(backend.name);
    expect(refusals(withDelay(manifests, backend.name, preStop))).toEqual([
      `[pms-test] Service pms/${backend.name} metadata.annotations["alb.ingress.kubernetes.io/target-group-attributes"] deregistration_delay.timeout_seconds = ${preStop}: shorter than preStop ${preStop} s + drain ${drain} s (env SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE) = ${preStop + drain} s of Deployment pms/${backend.name}: the ALB cuts connections (WebSockets, slow requests) the server is still draining, and their clients get 5XX or close code 1006; allowed: from ${preStop + drain} s (preStop + drain) to ${grace} s (terminationGracePeriodSeconds of Deployment pms/${backend.name}); the ingress derives it as preStop + drain (planBackends, libs/ingress/src/plan.ts) and the render derives them from PMS_SERVICES (libs/networking/src/catalogue.ts) <workload>.shutdown, and a WebSocket backend's drain from the cluster setting ingress.websocket.drainSeconds (at target-group drain check)`,
    ]);
  });

  it("refuses the ALB's default delay of 300 s (longer than the pod lives)", () => {
    const copy = structuredClone(manifests) as Manifest[];
    delete find(copy, 'Service', backend.name).metadata.annotations[AlbAnnotation.targetGroupAttributes];
    expect(refusals(copy)).toEqual([
      expect.stringContaining(
        `deregistration_delay.timeout_seconds = 300: longer than the grace period of Deployment pms/${backend.name}`,
      ),
    ]);
  });

  it("refuses an ALB backend's preStop shorter than the ALB's deregistration propagation", () => {
    const copy = structuredClone(manifests) as Manifest[];
    find(copy, 'Deployment', backend.name).spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds =
      5;
    expect(refusals(copy)).toContainEqual(
      expect.stringContaining(
        `Deployment pms/${backend.name} spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds = 5: Service pms/${backend.name} is an ALB backend: the ALB may still send new requests ${ALB_DEREGISTRATION_PROPAGATION_SECONDS} s after the pod's deletion`,
      ),
    );
  });

  it('refuses a namespace without the readiness-gate label', () => {
    const copy = structuredClone(manifests) as Manifest[];
    delete find(copy, 'Namespace', 'pms').metadata.labels[READINESS_GATE_INJECT_LABEL];
    const found = refusals(copy);
    expect(found.length).toBe(ALB_BACKEND_SERVICES.length);
    expect(found[0]).toContain(
      `[pms-test] Namespace pms metadata.labels["${READINESS_GATE_INJECT_LABEL}"] = (missing): the pods of Service pms/`,
    );
  });
});
