/**
 * The specification every real cluster must meet, run on the settings of every cluster app (a new cluster app
 * is covered without touching this file): the routing table through the simulator, the reachability proof,
 * and the health values reaching Services and probes unchanged. Library tests prove the same on fixtures;
 * this proves it on what is actually rendered.
 */
import { objectRef, type Manifest } from '@pms/core';
import { PMS_ROUTING_CONTRACT, simulateRequest } from '@pms/ingress';
import {
  ALB,
  ALB_BACKEND_SERVICES,
  ALB_BACKENDS,
  clusterReachability,
  formatPorts,
  PMS_GRAPH,
  PMS_SERVICES,
  proveReachability,
  WORKLOAD_SERVICES,
} from '@pms/networking';
import { buildPmsCluster, type PmsClusterSettings } from '@pms/platform';
import { findWorkspaceRoot } from '@pms/render';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClusterSettings } from '../render/targets.js';

const fleet = await loadClusterSettings<PmsClusterSettings>(findWorkspaceRoot());

const byKind = (manifests: readonly Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as Manifest & { spec: any };
};

describe.each(fleet.map((settings) => [settings.name, settings] as const))('%s', (_name, settings) => {
  const { manifests } = buildPmsCluster(settings);

  describe('routing', () => {
    // The routing contract (the seed's table and its boundaries, and every route added since), on each cluster.
    it.each(PMS_ROUTING_CONTRACT)(`https://${settings.host}%s → %s`, (path, backend) => {
      const answer = simulateRequest(manifests, `https://${settings.host}${path}`);
      expect(answer.outcome, answer.summary).toBe('forward');
      expect(answer.backend, answer.summary).toBe(backend);
    });

    it('redirects plain HTTP to HTTPS with a 301, keeping the path', () => {
      const answer = simulateRequest(manifests, `http://${settings.host}/api/auth/login`);
      expect(answer).toMatchObject({ outcome: 'redirect', statusCode: 301 });
      expect(answer.location).toBe(`https://${settings.host}/api/auth/login`);
    });

    it('answers 404 for another host', () => {
      const answer = simulateRequest(manifests, 'https://other.example.com/api/auth/login');
      expect(answer).toMatchObject({ outcome: 'fixed-response', statusCode: 404 });
    });
  });

  describe('reachability', () => {
    const allowed = new Map(
      clusterReachability(settings, manifests).map((c) => [`${c.from} → ${c.to}`, formatPorts(c.ports)]),
    );

    it('allows exactly the declared graph', () => {
      expect(proveReachability(settings, manifests, PMS_GRAPH)).toMatchObject({
        missing: [],
        unexpected: [],
      });
    });

    it('lets the ALB reach the workloads its graph edges name, on their container ports, and nothing else', () => {
      for (const service of PMS_SERVICES) {
        const ports = PMS_GRAPH.edges
          .filter((e) => e.from === ALB && e.to === service.name)
          .sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port)
          .map((e) => `${e.port}/${e.protocol}`);
        expect(allowed.get(`alb → ${service.name}`), service.name).toBe(
          ports.length > 0 ? ports.join(', ') : undefined,
        );
      }
      // The graph's ALB edges and the catalogue's target groups name the same workloads.
      const reached = new Set(PMS_GRAPH.edges.filter((e) => e.from === ALB).map((e) => e.to));
      expect([...reached].sort()).toEqual([...ALB_BACKENDS].sort());
    });

    it('admits the ALB only from its subnets, not from the rest of the VPC', () => {
      for (const backend of ALB_BACKENDS) expect(allowed.has(`vpc → ${backend}`), backend).toBe(false);
    });

    it('lets every pod resolve DNS over UDP and TCP, and reach nothing outside', () => {
      for (const { name: service } of PMS_SERVICES) {
        expect(allowed.get(`${service} → kube-dns`), service).toBe('53/TCP, 53/UDP');
        expect(allowed.has(`${service} → internet`), service).toBe(false);
        expect(allowed.has(`internet → ${service}`), service).toBe(false);
        expect(allowed.has(`other-namespace → ${service}`), service).toBe(false);
      }
    });
  });

  describe('health values', () => {
    it.each(ALB_BACKEND_SERVICES.map((s) => [s.name, s] as const))(
      'reach the %s Service’s target-group annotations unchanged',
      (name, service) => {
        const annotations = byKind(manifests, 'Service', name).metadata.annotations ?? {};
        const check = service.health.targetGroup;
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe(check.path);
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-protocol']).toBe(check.protocol);
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-port']).toBe(String(check.port));
        expect(annotations['alb.ingress.kubernetes.io/success-codes']).toBe(check.successCodes);
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-interval-seconds']).toBe(
          String(check.intervalSeconds),
        );
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-timeout-seconds']).toBe(
          String(check.timeoutSeconds),
        );
        expect(annotations['alb.ingress.kubernetes.io/healthy-threshold-count']).toBe(
          String(check.healthyThresholdCount),
        );
        expect(annotations['alb.ingress.kubernetes.io/unhealthy-threshold-count']).toBe(
          String(check.unhealthyThresholdCount),
        );
      },
    );

    it.each(WORKLOAD_SERVICES.map((s) => [s.name, s] as const))(
      'reach the %s probes unchanged',
      (name, service) => {
        const deployment = byKind(manifests, 'Deployment', name);
        const container = deployment.spec.template.spec.containers.find(
          (c: { name: string }) => c.name === name,
        );
        for (const kind of ['readiness', 'liveness'] as const) {
          const probe = container[`${kind}Probe`];
          const expected = service.health[kind];
          expect(probe, `${objectRef(deployment)} ${kind}`).toMatchObject({
            httpGet: { path: expected.path },
            initialDelaySeconds: expected.initialDelaySeconds,
            periodSeconds: expected.periodSeconds,
            timeoutSeconds: expected.timeoutSeconds,
            successThreshold: expected.successThreshold,
            failureThreshold: expected.failureThreshold,
          });
        }
      },
    );
  });
});

it('covers every cluster app, each under its own name', () => {
  const root = findWorkspaceRoot();
  const apps = readdirSync(join(root, 'apps'))
    .filter((app) => existsSync(join(root, 'apps', app, 'src', 'settings.ts')))
    .sort();
  expect(apps.length).toBeGreaterThan(0);
  expect(fleet.map((s) => s.name)).toEqual(apps);
});
