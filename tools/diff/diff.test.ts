import { manifestsToFiles } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_VPC, fixtureObjects, type FixtureOptions } from './__fixtures__/cluster.js';
import { diffTarget, ExitStatus, exitStatusOf } from './diff.js';
import { parseArgs } from './args.js';
import { renderMarkdown } from './markdown.js';
import { PMS_SERVICES } from '@pms/networking';

const files = (options: FixtureOptions) => {
  const map = manifestsToFiles('pms-dev', fixtureObjects(options));
  map.set('README.md', `# pms-dev ${JSON.stringify(options)}\n`);
  return map;
};
const diff = (before: FixtureOptions, after: FixtureOptions, name = 'pms-dev') =>
  diffTarget({
    name,
    outDir: `clusters/${name}`,
    base: files(before),
    head: files(after),
    cluster: { vpc: FIXTURE_VPC },
  });
const context = {
  baseRef: 'origin/main',
  baseCommit: '0123456789abcdef',
  baseSource: 'rendered in a temporary worktree',
  unaffected: ['argocd'],
};

describe('diffTarget', () => {
  it('lists changed objects with their field changes', () => {
    const d = diff({}, { apiPath: '/apis' });
    expect(d.status).toBe('changed');
    expect(d.changed.map((c) => c.ref)).toEqual(['Ingress pms/pms']);
    expect(d.changed[0]!.fields).toEqual([
      { path: 'spec.rules[0].http.paths[0].path', before: '/api', after: '/apis' },
    ]);
    expect(d.files).toEqual([{ path: 'README.md', change: 'changed' }]);
  });

  it('treats a target missing in base as new and every object as added', () => {
    const d = diffTarget({ name: 'pms-qa', outDir: 'clusters/pms-qa', base: undefined, head: files({}) });
    expect(d.status).toBe('new');
    expect(d.added.length).toBe(fixtureObjects().length);
  });

  it('names the file that is not a Kubernetes object', () => {
    expect(() =>
      diffTarget({
        name: 'x',
        outDir: 'clusters/x',
        base: new Map([['a.yaml', 'kind: X\n']]),
        head: new Map(),
      }),
    ).toThrow('clusters/x (base)/a.yaml: not a Kubernetes object');
  });
});

describe('exit status', () => {
  it('is 0 without change, 2 with changes and 3 with a risk flag', () => {
    const stronger = { sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' };
    expect(exitStatusOf([diff({}, {})])).toBe(ExitStatus.unchanged);
    expect(exitStatusOf([diff({}, {}), diff({}, stronger)])).toBe(ExitStatus.changes);
    expect(exitStatusOf([diff({}, stronger), diff({}, { waf: false })])).toBe(ExitStatus.risky);
  });

  it('is 2 when a route is renamed, even though its old API URLs now reach the frontend (shown under Routing)', () => {
    const d = diff({}, { apiPath: '/apis' });
    expect(d.risks).toEqual([]);
    expect(exitStatusOf([d])).toBe(ExitStatus.changes);
  });
});

describe('renderMarkdown', () => {
  it('puts risk flags first, then routing, reachability and objects', () => {
    const d = diff({}, { waf: false, dnsEgress: false, apiPath: '/apis' });
    const md = renderMarkdown([d], exitStatusOf([d]), context);
    const order = [
      '🚨 Risky changes',
      '## `pms-dev`',
      '[!CAUTION]',
      '**WAF detached**',
      '### Routing',
      '⚠️ **API/WebSocket URLs no longer reach their backend**',
      '- `pms.example.com/api`, `pms.example.com/api/`, `pms.example.com/api/x`: `apigateway:8080` → `frontend:80` (the frontend)',
      '### Reachability',
      '### Objects',
    ].map((s) => md.indexOf(s));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]!))).toBe(true);
    expect(md).toContain('| `pms.example.com/api` | `apigateway:8080` via `/api` | `frontend:80` via `/` |');
    expect(md).toContain(`**Closed** (${PMS_SERVICES.length}):`);
    expect(md).toContain('- `frontend → kube-dns: 53/TCP, 53/UDP`');
    expect(md).toContain('- `spec.rules[0].http.paths[0].path`: `"/api"` → `"/apis"`');
    expect(md).toContain('Not affected by this change (not compared): `argocd`.');
  });

  it('gives targets that render identically one summary line and no section', () => {
    const md = renderMarkdown([diff({}, {}), diff({}, {}, 'pms-prod')], ExitStatus.unchanged, context);
    expect(md).toContain('No rendered change — exit 0');
    expect(md).toContain('Affected, but rendering identically (not shown): `pms-dev`, `pms-prod`.');
    expect(md).not.toContain('## ');
    expect(md).not.toContain('| target |');
  });

  it('groups targets whose changes are identical into one section, and keeps the others apart', () => {
    const stronger = { sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' };
    const diffs = [
      diff({}, {}, 'argocd'),
      diff({}, stronger, 'pms-dev'),
      diff({}, stronger, 'pms-prod'),
      diff({}, { ...stronger, waf: false }, 'pms-qa'),
      diff({}, stronger, 'pms-staging'),
    ];
    const md = renderMarkdown(diffs, exitStatusOf(diffs), context);
    const headings = md.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## `pms-dev`, `pms-prod` (prod), `pms-staging` — 0 added, 0 removed, 1 changed',
      '## `pms-qa` — 0 added, 0 removed, 1 changed, 🚨 1 risk flag(s)',
    ]);
    expect(md).toContain(
      'The same changes in 3 targets (`clusters/pms-dev/`, `clusters/pms-prod/`, `clusters/pms-staging/`); paths below are relative to each folder.',
    );
    expect(md).toContain('| `pms-dev`, `pms-prod` (prod), `pms-staging` | 0 / 0 / 1 | — | — | — |');
    expect(md).toContain('- ✏️ changed Ingress pms/pms (`pms/ingress/pms.yaml`)');
    expect(md).toContain('- ✏️ changed Ingress pms/pms (`clusters/pms-qa/pms/ingress/pms.yaml`)');
    expect(md).toContain('Affected, but rendering identically (not shown): `argocd`.');
  });

  it('groups targets whose changes differ only in each cluster’s own names', () => {
    const named = (name: string, limit: number): Map<string, string> =>
      manifestsToFiles(name, [
        {
          apiVersion: 'wafv2.services.k8s.aws/v1alpha1',
          kind: 'WebACL',
          metadata: { name: `${name}-web-acl`, namespace: 'pms-aws' },
          spec: {
            name: `${name}-web-acl`,
            description: `PMS ${name}`,
            rules: [{ name: 'x', priority: limit }],
          },
        },
      ]);
    const diffs = ['pms-dev', 'pms-staging'].map((name) =>
      diffTarget({ name, outDir: `clusters/${name}`, base: named(name, 1), head: named(name, 2) }),
    );
    const md = renderMarkdown(diffs, exitStatusOf(diffs), context);
    expect(md.split('\n').filter((line) => line.startsWith('## '))).toEqual([
      '## `pms-dev`, `pms-staging` — 0 added, 0 removed, 1 changed',
    ]);
    expect(md).toContain("They differ only in each cluster's own name; the names below are `pms-dev`'s.");
    expect(md).toContain(
      '- ✏️ changed WebACL pms-aws/pms-dev-web-acl (`pms-aws/webacl/pms-dev-web-acl.yaml`)',
    );
  });

  it('shows long values in full and multi-line values as a line diff', () => {
    const policy = (statement: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [${statement}]\n}`;
    const longValue = `arn:aws:wafv2:eu-central-1:111111111111:regional/webacl/${'x'.repeat(150)}`;
    const d = diff({}, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' });
    const changed = {
      ...d,
      changed: [
        {
          path: 'pms-aws/policy/p.yaml',
          ref: 'Policy pms-aws/p',
          fields: [
            { path: 'spec.policyDocument', before: policy('"a"'), after: policy('"b"') },
            { path: 'metadata.annotations.acl', before: 'short', after: longValue },
          ],
        },
      ],
    };
    const md = renderMarkdown([changed], ExitStatus.changes, context);
    expect(md).toContain(
      [
        '  - `spec.policyDocument`:',
        '',
        '    ```diff',
        '    @@ -1,4 +1,4 @@',
        '     {',
        '       "Version": "2012-10-17",',
        '    -  "Statement": ["a"]',
        '    +  "Statement": ["b"]',
        '     }',
        '    ```',
      ].join('\n'),
    );
    expect(md).toContain(`  - \`metadata.annotations.acl\`: \`"short"\` → \`"${longValue}"\``);
    expect(md).not.toContain('...');
  });
});

describe('parseArgs', () => {
  it('reads the base, the base output and the output file', () => {
    expect(parseArgs(['--base', 'HEAD~1', '--base-output=committed', '--output', 'd.md'])).toEqual({
      base: 'HEAD~1',
      baseOutput: 'committed',
      output: 'd.md',
      all: false,
    });
  });

  it('refuses unknown arguments and bad values, naming them', () => {
    expect(() => parseArgs(['--bsae', 'x'])).toThrow('unknown argument "--bsae"');
    expect(() => parseArgs(['--base-output', 'cached'])).toThrow(
      '--base-output "cached": allowed: render, committed',
    );
    expect(() => parseArgs(['--base'])).toThrow('--base needs a value');
  });
});
