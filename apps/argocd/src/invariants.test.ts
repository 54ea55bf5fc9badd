import { type Manifest } from '@pms/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArgoCd, type BuiltArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { checkArgoCdInvariants } from './invariants.js';
import { projectRefuses } from './project.js';

let built: BuiltArgoCd;
beforeAll(() => {
  built = buildArgoCd(fleet);
});

type Json = any;
const copy = (): Json[] => structuredClone(built.manifests) as Json[];
const byKind = (manifests: Json[], kind: string, name?: string) =>
  manifests.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
const errorOf = (manifests: Json[]): string => {
  try {
    checkArgoCdInvariants(manifests as Manifest[]);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('the Argo CD invariants, over the rendered objects', () => {
  it('hold for what the fleet renders', () => {
    expect(errorOf(copy())).toBe('');
  });

  it('refuse a generator other than the list of the fleet (a git generator starts Applications out of order)', () => {
    const manifests = copy();
    byKind(manifests, 'ApplicationSet').spec.generators[0] = {
      git: {
        repoURL: 'https://github.com/example-org/pms-gitops.git',
        directories: [{ path: 'clusters/*' }],
      },
    };
    expect(errorOf(manifests)).toBe(
      `[argocd] ApplicationSet argocd/pms-clusters spec.generators[0] = ["git"]: a git generator creates a cluster's Application as soon as it sees the cluster (for git: its folder under clusters/), outside the waves of the bootstrap Application, so the Application starts before its foundation and the controllers its objects need; allowed: a list generator over the fleet, which the bootstrap Application applies after the Applications the clusters need (fix clustersApplicationSet (apps/argocd/src/applicationset.ts))`,
    );
  });

  it('refuse a project allowing every cluster-scoped kind, every destination or every repository', () => {
    const manifests = copy();
    const project = byKind(manifests, 'AppProject', 'pms');
    project.spec.clusterResourceWhitelist = [{ group: '*', kind: '*' }];
    project.spec.destinations.push({ server: '*', namespace: '*' });
    project.spec.sourceRepos.push('*');
    expect(errorOf(manifests).split('\n')).toEqual([
      '[argocd] AppProject argocd/pms spec.clusterResourceWhitelist[0] = {"group":"*","kind":"*"}: a glob or negation: Argo CD matches it as a pattern, so the project allows every cluster-scoped kind (or name) the pattern matches; allowed: the group and kind of a cluster-scoped object the clusters render, named exactly (fix pmsAppProject (apps/argocd/src/project.ts))',
      `[argocd] AppProject argocd/pms spec.destinations[${project.spec.destinations.length - 1}] = {"server":"*","namespace":"*"}: a glob or negation: Argo CD matches it as a pattern, so the project allows every cluster or namespace the pattern matches; allowed: a registered cluster by name and one namespace its objects use, named exactly (fix pmsAppProject (apps/argocd/src/project.ts))`,
      `[argocd] AppProject argocd/pms spec.sourceRepos[${project.spec.sourceRepos.length - 1}] = "*": a glob or negation: Argo CD matches it as a pattern, so the project allows every repository the pattern matches; allowed: a repository URL, named exactly (fix pmsAppProject (apps/argocd/src/project.ts))`,
    ]);
  });

  it('are what refuses a wildcard project: the permission model reads globs as Argo CD does', () => {
    const project = structuredClone(built.project) as Json;
    project.spec.clusterResourceWhitelist = [{ group: '*', kind: '*' }];
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'x' } };
    expect(projectRefuses(project, fleet[0]!.name, pv)).toBeUndefined();
    expect(projectRefuses(built.project, fleet[0]!.name, pv)).toBe(
      'cluster-scoped PersistentVolume is not in clusterResourceWhitelist',
    );
  });
});
