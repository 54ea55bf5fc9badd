import { describe, expect, it } from 'vitest';
import type { Manifest } from '../render/manifest.js';
import { buildSyncPlan, type PlanApplication, type PlanInput, type Requirement } from './sync-plan.js';

const object = (apiVersion: string, kind: string, name: string, wave = 0, namespace?: string): Manifest => ({
  apiVersion,
  kind,
  metadata: {
    name,
    ...(namespace ? { namespace } : {}),
    annotations: { 'argocd.argoproj.io/sync-wave': String(wave) },
  },
});
const crd = (group: string, kind: string, wave = 0): Manifest => ({
  ...object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', `${kind.toLowerCase()}s.${group}`, wave),
  spec: { group, names: { kind } },
});
const needs = (key: string, need: Requirement['need'] = 'applied'): Requirement => ({ key, what: key, need });
const app = (name: string, wave: number, props: Partial<PlanApplication> = {}): PlanApplication => ({
  name,
  wave,
  parent: 'root',
  source: `${name}.ts`,
  objects: [],
  provides: [],
  ...props,
});
const plan = (applications: PlanApplication[], input: Partial<PlanInput> = {}) =>
  buildSyncPlan({
    cluster: 'c',
    applications,
    external: [],
    healthChecked: ['example.com/Thing'],
    applicationHealth: true,
    ...input,
  });

const widget = object('example.com/v1', 'Widget', 'w', -3, 'ns');
const widgetNeedsCrd = {
  manifest: widget,
  source: 'widget.yaml',
  requires: [needs('crd:example.com/Widget')],
};

describe('the sync plan: where each prerequisite is satisfied', () => {
  it('accepts a custom resource whose CRD comes from an Application an earlier wave of the same parent applies', () => {
    const result = plan([
      app('cluster', 0, { objects: [widgetNeedsCrd] }),
      app('operator', -5, { objects: [{ manifest: crd('example.com', 'Widget'), source: 'chart' }] }),
    ]);
    expect(result.violations).toEqual([]);
    expect(result.applications.map((a) => a.application.name)).toEqual(['operator', 'cluster']);
    expect(result.steps.find((s) => s.object === widgetNeedsCrd)!.prerequisites[0]!.satisfiedBy).toBe(
      'Application operator (wave -5 of root), CustomResourceDefinition widgets.example.com',
    );
  });

  it('refuses a custom resource before its CRD, naming both ends', () => {
    const result = plan([
      app('cluster', 0, { objects: [widgetNeedsCrd] }),
      app('operator', 1, { objects: [{ manifest: crd('example.com', 'Widget'), source: 'chart' }] }),
    ]);
    expect(result.violations.map((v) => v.problem)).toEqual([
      'Widget ns/w (widget.yaml; Application cluster (wave 0 of root), wave -3) needs crd:example.com/Widget before it is applied, but provided by CustomResourceDefinition widgets.example.com of Application operator (wave 1 of root), which is not ordered before Application cluster (wave 0 of root)',
    ]);
    // The fix names the waves to change and where each Application's wave is set (its source).
    expect(result.violations.map((v) => v.allowed.split('; or a plan')[0])).toEqual([
      'Application operator in a wave of root below 0 (its wave is set by operator.ts), or Application cluster in a wave above 1 (set by cluster.ts)',
    ]);
  });

  it('refuses the same when nothing orders the Applications: no common parent, or no Application health check', () => {
    const operator = app('operator', -5, {
      objects: [{ manifest: crd('example.com', 'Widget'), source: 'chart' }],
    });
    const unordered = app('cluster', 0, {
      objects: [widgetNeedsCrd],
      parent: undefined,
      createdBy: 'a git generator',
    });
    expect(plan([unordered, operator]).violations[0]!.problem).toContain(
      'which is not ordered before Application cluster (unordered: a git generator)',
    );
    expect(plan([unordered, operator]).violations[0]!.allowed).toContain(
      'Application operator (operator.ts) and Application cluster (cluster.ts) applied by one parent, operator in the earlier wave; or a plan',
    );
    expect(
      plan([app('cluster', 0, { objects: [widgetNeedsCrd] }), operator], { applicationHealth: false })
        .violations[0]!.problem,
    ).toContain('argocd-cm has no health check for argoproj.io/Application');
  });

  it('accepts a CRD or Namespace of the same Application in any wave (Argo CD moves it before its first user)', () => {
    const result = plan([
      app('cluster', 0, {
        objects: [
          { ...widgetNeedsCrd, requires: [needs('crd:example.com/Widget'), needs('namespace:ns')] },
          { manifest: crd('example.com', 'Widget', 5), source: 'crd.yaml' },
          { manifest: object('v1', 'Namespace', 'ns', 10), source: 'ns.yaml' },
        ],
      }),
    ]);
    expect(result.violations).toEqual([]);
  });

  it('refuses waiting on health nothing assesses, or that is not in an earlier wave', () => {
    const thing = (wave: number, kind = 'Thing') => ({
      manifest: object('example.com/v1', kind, 't', wave, 'ns'),
      source: 'thing.yaml',
    });
    const user = {
      manifest: object('apps/v1', 'Deployment', 'd', 0, 'ns'),
      source: 'd.yaml',
      requires: [needs('object:example.com/Thing/ns/t', 'healthy')],
    };
    expect(plan([app('cluster', 0, { objects: [thing(-1), user] })]).violations).toEqual([]);
    expect(plan([app('cluster', 0, { objects: [thing(0), user] })]).violations[0]!.problem).toContain(
      'Thing ns/t (wave 0, same Application) is not in an earlier wave, so Argo CD does not wait for it first',
    );
    const unassessed = { ...user, requires: [needs('object:example.com/Gadget/ns/t', 'healthy')] };
    expect(
      plan([app('cluster', 0, { objects: [thing(-1, 'Gadget'), unassessed] })]).violations[0]!.problem,
    ).toContain(
      'Gadget ns/t (wave -1, same Application) has no health check (example.com/Gadget: not built into Argo CD, no key in argocd-cm), so Argo CD does not wait for it to be Healthy',
    );
  });

  it('refuses what nothing provides, and accepts what a cluster prerequisite provides', () => {
    const user = {
      manifest: object('apps/v1', 'Deployment', 'd', 0, 'ns'),
      source: 'd.yaml',
      requires: [needs('service:db', 'healthy')],
    };
    const result = plan([app('cluster', 0, { objects: [user] })]);
    expect(
      result.violations.map((v) => [v.field, v.value, v.problem?.endsWith('but nothing provides it')]),
    ).toEqual([['sync plan: Deployment ns/d', 'service:db', true]]);
    const external = [{ key: 'service:db', what: 'db', satisfiedBy: 'by hand' }];
    expect(plan([app('cluster', 0, { objects: [user] })], { external }).violations).toEqual([]);
  });

  it("checks an Application's own requirements against earlier Applications", () => {
    const controller = app('controller', -5, { requires: [needs('crd:example.com/Widget')] });
    expect(
      plan([
        controller,
        app('crds', -6, { objects: [{ manifest: crd('example.com', 'Widget'), source: 'crds' }] }),
      ]).violations,
    ).toEqual([]);
    expect(plan([controller]).violations[0]!.field).toBe('sync plan: Application controller');
  });
});
