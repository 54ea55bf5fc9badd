import { describe, expect, it } from 'vitest';
import type { Manifest } from '../render/manifest.js';
import {
  BUILT_IN_HEALTH,
  compareSlots,
  earlierStep,
  healthCheckedKinds,
  KIND_ORDER,
  kindRank,
  syncPhaseOf,
  syncSlotOf,
  syncWaveOf,
} from './sync-order.js';

const object = (kind: string, name: string, annotations: Record<string, string> = {}): Manifest => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, annotations },
});

describe("Argo CD's order inside one Application (gitops-engine sync_tasks.go)", () => {
  it('ranks every listed kind below 0 in list order, and an unlisted kind (a custom resource) after all of them', () => {
    const ranks = KIND_ORDER.map(kindRank);
    expect(ranks.every((rank) => rank < 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(kindRank('WebACL')).toBe(0);
    expect(kindRank('Namespace')).toBe(-KIND_ORDER.length);
    // The orderings the project relies on: namespaces and CRDs early, the IngressClass before the Ingress.
    for (const [before, after] of [
      ['Namespace', 'CustomResourceDefinition'],
      ['CustomResourceDefinition', 'Service'],
      ['Service', 'Deployment'],
      ['IngressClass', 'Ingress'],
    ] as const)
      expect(kindRank(before), `${before} < ${after}`).toBeLessThan(kindRank(after));
  });

  it('sorts by phase, then wave, then kind, then name', () => {
    const slots = [
      object('Deployment', 'b', { 'argocd.argoproj.io/sync-wave': '-1' }),
      object('Job', 'migrate', { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/sync-wave': '5' }),
      object('Service', 'a', { 'argocd.argoproj.io/sync-wave': '-1' }),
      object('WebACL', 'acl', { 'argocd.argoproj.io/sync-wave': '-1' }),
      object('Deployment', 'a', { 'argocd.argoproj.io/sync-wave': '-1' }),
      object('Job', 'smoke', { 'argocd.argoproj.io/hook': 'PostSync' }),
      object('ConfigMap', 'z'),
    ].map((m) => syncSlotOf(m)!);
    expect([...slots].sort(compareSlots).map((s) => `${s.phase}/${s.wave}/${s.name}`)).toEqual([
      'PreSync/5/migrate',
      'Sync/-1/a',
      'Sync/-1/a',
      'Sync/-1/b',
      'Sync/-1/acl',
      'Sync/0/z',
      'PostSync/0/smoke',
    ]);
  });

  it('reads the wave (default 0) and the phase of a hook; a SyncFail or Skip hook is not planned', () => {
    expect(syncWaveOf(object('Service', 'a'))).toBe(0);
    expect(syncWaveOf(object('Service', 'a', { 'argocd.argoproj.io/sync-wave': '-10' }))).toBe(-10);
    expect(syncPhaseOf(object('Job', 'j', { 'argocd.argoproj.io/hook': 'PostSync' }))).toBe('PostSync');
    expect(syncPhaseOf(object('Job', 'j', { 'argocd.argoproj.io/hook': 'SyncFail' }))).toBeUndefined();
    expect(syncSlotOf(object('Job', 'j', { 'argocd.argoproj.io/hook': 'Skip' }))).toBeUndefined();
  });

  it('waits between steps (phase or wave), never inside one', () => {
    const slot = (wave: number, kind = 'Service') =>
      syncSlotOf(object(kind, 'x', { 'argocd.argoproj.io/sync-wave': String(wave) }))!;
    expect(earlierStep(slot(-5), slot(0))).toBe(true);
    expect(earlierStep(slot(0, 'Namespace'), slot(0, 'Ingress'))).toBe(false);
  });

  it("reads argocd-cm's health keys as group/Kind (core kinds without a group)", () => {
    const cm: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm' },
      data: {
        'resource.customizations.health.wafv2.services.k8s.aws_WebACL': 'return {}',
        'resource.customizations.health.ConfigMap': 'return {}',
        url: 'https://argocd.example.com',
      },
    };
    expect(healthCheckedKinds(cm)).toEqual(['wafv2.services.k8s.aws/WebACL', '/ConfigMap']);
    expect(BUILT_IN_HEALTH).toContain('networking.k8s.io/Ingress');
    expect(BUILT_IN_HEALTH).not.toContain('/ConfigMap');
  });
});
