import { describe, expect, it } from 'vitest';
import type { Manifest } from '@pms/core';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { validateArgoCdObjects } from './strict.js';

const built = buildArgoCd(fleet);
const find = (kind: string, name: string) =>
  structuredClone(built.manifests.find((m) => m.kind === kind && m.metadata.name === name)!);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The message `validateArgoCdObjects` throws for `manifests`. */
const messageOf = (manifests: readonly Manifest[]): string => {
  try {
    validateArgoCdObjects(manifests);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('strict validation of the Argo CD objects', () => {
  it('accepts every rendered object', () => {
    expect(() => validateArgoCdObjects(built.manifests)).not.toThrow();
  });

  it('rejects a selfheal typo in the ApplicationSet template with one message that names selfHeal', () => {
    const appSet = find('ApplicationSet', 'pms-clusters') as Json;
    const automated = appSet.spec.template.spec.syncPolicy.automated;
    delete automated.selfHeal;
    automated.selfheal = true;
    expect(messageOf([appSet as Manifest])).toBe(
      '[argocd] ApplicationSet argocd/pms-clusters spec.template.spec.syncPolicy.automated.selfheal = true: unknown field (did you mean "selfHeal"?); allowed: allowEmpty, enabled, prune, selfHeal',
    );
  });

  it('reports a selfheal typo in the sync policy every Application shares once, naming the objects', () => {
    const manifests = structuredClone([...built.manifests]) as Json[];
    for (const m of manifests) {
      const spec =
        m.kind === 'ApplicationSet' ? m.spec.template.spec : m.kind === 'Application' ? m.spec : undefined;
      if (!spec) continue;
      delete spec.syncPolicy.automated.selfHeal;
      spec.syncPolicy.automated.selfheal = true;
    }
    const applications = manifests.filter((m) => m.kind === 'Application').length;
    expect(applications).toBeGreaterThan(10);
    expect(messageOf(manifests as Manifest[])).toBe(
      `[argocd] spec.syncPolicy.automated.selfheal = true: unknown field (did you mean "selfHeal"?); allowed: allowEmpty, enabled, prune, selfHeal (at ${applications + 1} objects: every Application (${applications}) and ApplicationSet argocd/pms-clusters spec.template)`,
    );
  });

  it('rejects an unknown field in an Application and in an AppProject, one line each', () => {
    const app = find('Application', 'pms-dev-aws-load-balancer-controller') as Json;
    app.spec.syncpolicy = {};
    const project = find('AppProject', 'pms') as Json;
    project.spec.clusterResourceWhiteList = [];
    const lines = messageOf([app as Manifest, project as Manifest]).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[argocd\] Application argocd\/pms-dev-aws-load-balancer-controller spec\.syncpolicy = \{\}: unknown field \(did you mean "syncPolicy"\?\)/,
    );
    expect(lines[1]).toMatch(
      /^\[argocd\] AppProject argocd\/pms spec\.clusterResourceWhiteList = \[\]: unknown field \(did you mean "clusterResourceWhitelist"/,
    );
  });

  it('rejects a sync option Argo CD would silently ignore', () => {
    const app = find('Application', 'pms-argocd') as Json;
    app.spec.syncPolicy.syncOptions.push('Prunelast=true');
    expect(messageOf([app as Manifest])).toMatch(
      /^\[argocd\] Application argocd\/pms-argocd spec\.syncPolicy\.syncOptions\[3\] = "Prunelast=true": not a sync option this project uses; Argo CD ignores one it does not know \(did you mean "PruneLast=true"\?\); allowed: one of "PruneLast=true", "ServerSideApply=true"/,
    );
  });

  it('rejects a wrong type through Argo CD’s schema', () => {
    const app = find('Application', 'pms-argocd') as Json;
    app.spec.syncPolicy.automated.prune = 'yes';
    expect(messageOf([app as Manifest])).toMatch(
      /^\[argocd\] Application argocd\/pms-argocd spec\.syncPolicy\.automated\.prune = "yes": .*boolean/,
    );
  });

  it('rejects kinds it does not render', () => {
    const cm: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace: 'argocd' },
    };
    expect(messageOf([cm])).toBe(
      '[argocd] ConfigMap argocd/argocd-cm = "v1/ConfigMap": not an Argo CD kind this app renders; allowed: argoproj.io/v1alpha1 Application, ApplicationSet, AppProject',
    );
  });
});
