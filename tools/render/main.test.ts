import type { RenderTarget } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { appTargetProblems } from './main.js';

const target = (name: string, outDir = `clusters/${name}`): RenderTarget => ({
  name,
  outDir,
  build: () => new Map(),
});

describe('appTargetProblems', () => {
  it('accepts apps that render under their own names into their own folders', () => {
    expect(
      appTargetProblems([
        { app: 'pms-dev', target: target('pms-dev') },
        { app: 'argocd', target: target('argocd', 'argocd') },
      ]),
    ).toEqual([]);
  });

  it('refuses a copied app that still renders as the original, and the shared folder it causes', () => {
    expect(
      appTargetProblems([
        { app: 'pms-qa', target: target('pms-staging') },
        { app: 'pms-staging', target: target('pms-staging') },
      ]),
    ).toEqual([
      `apps/pms-qa renders target "pms-staging" (its settings' name); allowed: "pms-qa", the app's folder name — set name: 'pms-qa' in apps/pms-qa/src/settings.ts`,
      'apps/pms-qa and apps/pms-staging both render into clusters/pms-staging; allowed: one app per folder',
    ]);
  });
});
