import { describe, expect, it } from 'vitest';
import type { Manifest } from '@pms/core';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { validateArgoCdObjects } from './strict.js';

const built = buildArgoCd(fleet);
const find = (kind: string, name: string) => structuredClone(built.manifests.find((m) => m.kind === kind && m.metadata.name === name)!);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('strict validation of the Argo CD objects', () => {
  it('accepts every rendered object', () => {
    expect(() => validateArgoCdObjects(built.manifests)).not.toThrow();
  });

  it('rejects a selfheal typo in the ApplicationSet template, naming the field', () => {
    const appSet = find('ApplicationSet', 'pms-clusters') as Json;
    const automated = appSet.spec.template.spec.syncPolicy.automated;
    delete automated.selfHeal;
    automated.selfheal = true;
    expect(() => validateArgoCdObjects([appSet as Manifest])).toThrow(
      '[argocd] ApplicationSet argocd/pms-clusters spec.template.spec.syncPolicy.automated.selfheal = true: unknown field; allowed: one of the fields allowEmpty, enabled, prune, selfHeal',
    );
  });

  it('rejects an unknown field in an Application and in an AppProject', () => {
    const app = find('Application', 'pms-dev-aws-load-balancer-controller') as Json;
    app.spec.syncpolicy = {};
    const project = find('AppProject', 'pms') as Json;
    project.spec.clusterResourceWhiteList = [];
    expect(() => validateArgoCdObjects([app as Manifest, project as Manifest])).toThrow(
      /Application argocd\/pms-dev-aws-load-balancer-controller spec\.syncpolicy = \{\}: unknown field[\s\S]*AppProject argocd\/pms spec\.clusterResourceWhiteList = \[\]: unknown field/,
    );
  });

  it('rejects a sync option Argo CD would silently ignore', () => {
    const app = find('Application', 'pms-argocd') as Json;
    app.spec.syncPolicy.syncOptions.push('Prunelast=true');
    expect(() => validateArgoCdObjects([app as Manifest])).toThrow(
      'spec.syncPolicy.syncOptions[3] = "Prunelast=true": not a known value; allowed: one of "PruneLast=true"',
    );
  });

  it('rejects a wrong type through Argo CD’s schema', () => {
    const app = find('Application', 'pms-argocd') as Json;
    app.spec.syncPolicy.automated.prune = 'yes';
    expect(() => validateArgoCdObjects([app as Manifest])).toThrow(/prune/);
  });

  it('rejects kinds it does not render', () => {
    const cm: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'argocd' } };
    expect(() => validateArgoCdObjects([cm])).toThrow('not an Argo CD kind this app renders');
  });
});
