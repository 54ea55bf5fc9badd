import { describe, expect, it } from 'vitest';
import { argoFileGlobMatch, goPathMatch, MANIFEST_FILE } from './glob.js';

describe('goPathMatch (the git directory generator)', () => {
  it('matches one folder level below clusters/', () => {
    expect(goPathMatch('clusters/*', 'clusters/pms-dev')).toBe(true);
    expect(goPathMatch('clusters/*', 'clusters/pms-dev/pms')).toBe(false);
    expect(goPathMatch('clusters/*', 'clusters')).toBe(false);
    expect(goPathMatch('clusters/*', 'apps/pms-dev')).toBe(false);
  });
});

describe('argoFileGlobMatch (directory include/exclude)', () => {
  it('lets * cross folders, as Argo CD compiles the glob without separators', () => {
    expect(argoFileGlobMatch('*.yaml', 'pms/service/frontend.yaml')).toBe(true);
    expect(argoFileGlobMatch('*.yaml', '_cluster/namespace/pms.yaml')).toBe(true);
    expect(argoFileGlobMatch('*.yaml', 'top.yaml')).toBe(true);
  });

  it('leaves out README.md and JSON documents', () => {
    expect(argoFileGlobMatch('*.yaml', 'README.md')).toBe(false);
    expect(argoFileGlobMatch('*.yaml', 'iam/aws-load-balancer-controller-policy.json')).toBe(false);
  });

  it('shows why **/*.yaml is not used: it needs a "/" and misses files at the top of the folder', () => {
    expect(argoFileGlobMatch('**/*.yaml', 'top.yaml')).toBe(false);
    expect(argoFileGlobMatch('**/*.yaml', 'pms/service/frontend.yaml')).toBe(true);
  });

  it('knows which files the repo server would try to load without an include', () => {
    expect(MANIFEST_FILE.test('policy.json')).toBe(true);
    expect(MANIFEST_FILE.test('README.md')).toBe(false);
  });

  it('matches {a,b} alternatives as gobwas/glob does, and refuses patterns it does not emulate', () => {
    expect(argoFileGlobMatch('_cluster/{namespace,storageclass}/*.yaml', '_cluster/namespace/pms.yaml')).toBe(
      true,
    );
    expect(
      argoFileGlobMatch('_cluster/{namespace,storageclass}/*.yaml', '_cluster/ingressclass/alb.yaml'),
    ).toBe(false);
    expect(() => argoFileGlobMatch('*.[yj]aml', 'a.yaml')).toThrow(/character classes/);
    expect(() => argoFileGlobMatch('*.{yaml', 'a.yaml')).toThrow(/unbalanced/);
  });
});
