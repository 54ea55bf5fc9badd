import {
  buildSyncPlan,
  prerequisitesLink,
  type ClusterPrerequisite,
  type Manifest,
  type PlanApplication,
} from '@pms/core';
import { describe, expect, it } from 'vitest';
import { SyncKeys } from './sync-plan.js';
import { firstSyncSection } from './sync-plan-docs.js';

const prerequisite = (id: string, when: ClusterPrerequisite['when']): ClusterPrerequisite => ({
  id,
  title: `${id} holds`,
  why: `without ${id} something breaks`,
  when,
  requiredBy: `what relies on ${id}`,
  inspect: `inspect-${id}`,
  expect: 'ok',
  check: `check-${id}`,
  fix: `fix-${id}`,
  source: `docs of ${id}`,
});

const object = (kind: string, name: string, wave: number): Manifest => ({
  apiVersion: 'example.com/v1',
  kind,
  metadata: { name, namespace: 'ns', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
});

/** A cluster Application whose `Gadget` needs `waited-on` (a during-first-sync prerequisite) and nothing else. */
function fixture(prerequisites: readonly ClusterPrerequisite[]) {
  const gadget = object('Gadget', 'g', 5);
  const cluster: PlanApplication = {
    name: 'c',
    wave: 0,
    parent: 'root',
    source: 'c.ts',
    objects: [
      { manifest: object('Widget', 'w', 0), source: 'w.yaml' },
      {
        manifest: gadget,
        source: 'g.yaml',
        requires: prerequisites
          .filter((p) => p.id === 'waited-on')
          .map((p) => ({ key: SyncKeys.prerequisite(p.id), what: p.title, need: 'healthy' as const })),
      },
    ],
    provides: [],
  };
  return buildSyncPlan({
    cluster: 'c',
    applications: [cluster],
    external: [
      { key: 'namespace:ns', what: 'Namespace ns', satisfiedBy: 'the cluster' },
      ...prerequisites.map((p) => ({
        key: SyncKeys.prerequisite(p.id),
        what: p.title,
        satisfiedBy: `cluster prerequisite \`${p.id}\``,
      })),
    ],
    healthChecked: ['example.com/Gadget', 'example.com/Widget'],
    applicationHealth: true,
  });
}

/** The text of a numbered step: from its bold label to the next one. */
function step(body: string, n: number): string {
  const start = body.indexOf(`**${n}. `);
  const next = body.indexOf(`**${n + 1}. `, start + 1);
  return body.slice(start, next < 0 ? undefined : next);
}

describe('firstSyncSection: each prerequisite in the step its timing says', () => {
  const manual = [prerequisite('aws-role', 'before-first-sync')];
  const cluster = [
    prerequisite('addon-a', 'before-first-sync'),
    prerequisite('addon-b', 'before-first-sync'),
    prerequisite('waited-on', 'during-first-sync'),
    prerequisite('after-apply', 'during-first-sync'),
  ];
  const plan = fixture(cluster);
  const body = firstSyncSection(plan, manual, cluster, 1).body;

  it('prints the Argo CD side’s prerequisites with their commands in step 1, the cluster’s before-first-sync ones as links', () => {
    const one = step(body, 1);
    for (const p of manual.filter((m) => m.when === 'before-first-sync')) {
      expect(one).toContain(p.check);
      expect(one).toContain(p.fix);
    }
    for (const p of cluster) {
      const listed = one.includes(`${prerequisitesLink(p.id)}: ${p.title}`);
      expect(listed, p.id).toBe(p.when === 'before-first-sync');
      // Their commands live in "Cluster prerequisites" only.
      expect(body, p.id).not.toContain(p.fix);
    }
  });

  it('lists every during-first-sync prerequisite in step 3, with the objects of the plan that need it', () => {
    const three = step(body, 3);
    for (const p of cluster)
      expect(three.includes(prerequisitesLink(p.id)), p.id).toBe(p.when === 'during-first-sync');
    expect(three).toContain('Needed by Gadget ns/g (Application `c`, wave 5)');
    // No object needs `after-apply`: the step says what relies on it instead.
    expect(three).toContain(
      `No object of the sync needs it first: make it hold once the sync has applied what relies on it: ${cluster.find((p) => p.id === 'after-apply')!.requiredBy}.`,
    );
  });

  it('says there is nothing to do during the sync when no prerequisite is timed so, and names the plan’s parent', () => {
    const before = cluster.filter((p) => p.when === 'before-first-sync');
    const quiet = firstSyncSection(fixture(before), [], before, 1).body;
    expect(step(quiet, 3)).toContain('nothing to do by hand');
    expect(quiet).toContain('the bootstrap Application `root` then applies');
  });
});
