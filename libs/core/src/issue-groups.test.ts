import { describe, expect, it } from 'vitest';
import type { ConfigIssue } from './errors.js';
import { groupIssues } from './issue-groups.js';

const libraryIssue = (cluster: string): ConfigIssue => ({
  cluster,
  field: 'PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.port',
  value: 8081,
  allowed: '"traffic-port"',
  where: `${cluster}/networking`,
});

describe('groupIssues (the render report across targets)', () => {
  it('reports an issue identical on several clusters (but for their own names) once, naming them', () => {
    const groups = groupIssues(
      ['pms-dev', 'pms-prod'].map((c) => ({ target: c, issues: [libraryIssue(c)] })),
    );
    expect(groups).toEqual([
      {
        clusters: ['pms-dev', 'pms-prod'],
        targets: ['pms-dev', 'pms-prod'],
        line: '[pms-dev, pms-prod] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.port = 8081; allowed: "traffic-port" (at <cluster>/networking)',
      },
    ]);
  });

  it('keeps issues that differ apart, and a single cluster’s line as it is', () => {
    const groups = groupIssues([
      { target: 'pms-dev', issues: [libraryIssue('pms-dev'), { ...libraryIssue('pms-dev'), value: 9 }] },
    ]);
    expect(groups.map((g) => g.line)).toEqual([
      '[pms-dev] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.port = 8081; allowed: "traffic-port" (at pms-dev/networking)',
      '[pms-dev] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.port = 9; allowed: "traffic-port" (at pms-dev/networking)',
    ]);
  });

  it('drops an echo of a target that reports its own issues, keeps it otherwise', () => {
    const echo: ConfigIssue = {
      cluster: 'argocd',
      field: 'fleet',
      value: 'pms-dev',
      allowed: 'clusters that build',
      echoes: 'pms-dev',
    };
    const both = groupIssues([
      { target: 'argocd', issues: [echo] },
      { target: 'pms-dev', issues: [libraryIssue('pms-dev')] },
    ]);
    expect(both.map((g) => g.targets)).toEqual([['pms-dev']]);
    expect(groupIssues([{ target: 'argocd', issues: [echo] }]).map((g) => g.targets)).toEqual([['argocd']]);
  });
});
