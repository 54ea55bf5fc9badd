import { manifestsToFiles, type Manifest } from '@pms/core';
import { findService, KUBE_APISERVER } from '@pms/networking';
import { describe, expect, it } from 'vitest';
import { FIXTURE_VPC, fixtureObjects } from './__fixtures__/cluster.js';
import { diffTarget } from './diff.js';

type Json = any;
const files = (objects: Manifest[]) => manifestsToFiles('pms-dev', objects);
/** The exposure flags of changing the fixture cluster from `before` to `after`. */
function risks(after: Manifest[], before: Manifest[] = fixtureObjects(), name = 'pms-dev'): string[] {
  return diffTarget({
    name,
    outDir: `clusters/${name}`,
    base: files(before),
    head: files(after),
    cluster: { vpc: FIXTURE_VPC },
  })
    .risks.filter((r) =>
      ['data-store-opened', 'egress-opened', 'prod-host-changed', 'every-url-404', 'waf-loosened'].includes(
        r.kind,
      ),
    )
    .map((r) => `${r.kind}: ${r.message}`);
}
const policy = (name: string, spec: Json): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'pms' },
  spec,
});
const labels = (name: string) => findService(name)!.podLabels;
const postgres = findService('postgres')!;

describe('exposure risk flags', () => {
  it('flags a new connection into a data store, saying when it comes from a workload behind the ALB', () => {
    const head = [
      ...fixtureObjects(),
      policy('apigateway-to-postgres', {
        podSelector: { matchLabels: labels('apigateway') },
        policyTypes: ['Egress'],
        egress: [
          { to: [{ podSelector: { matchLabels: labels('postgres') } }], ports: [{ port: postgres.port }] },
        ],
      }),
      policy('postgres-from-apigateway', {
        podSelector: { matchLabels: labels('postgres') },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: labels('apigateway') } }],
            ports: [{ port: postgres.port }],
          },
        ],
      }),
    ];
    expect(risks(head)).toEqual([
      `data-store-opened: \`apigateway → postgres: ${postgres.port}/TCP\` is opened: \`apigateway\`, a workload behind the ALB, may now connect to the data store \`postgres\``,
    ]);
  });

  it('flags new egress leaving the namespace, but not DNS to kube-dns', () => {
    const egressTo = (except: string[]) => [
      ...fixtureObjects(),
      policy('frontend-out', {
        podSelector: { matchLabels: labels('frontend') },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except } }], ports: [{ port: 443 }] }],
      }),
    ];
    const opened = (to: string) =>
      `egress-opened: \`frontend → ${to}: 443/TCP\` is opened: \`frontend\` may now connect out of the namespace, to \`${to}\``;
    expect(risks(egressTo([FIXTURE_VPC.cidr, FIXTURE_VPC.serviceCidr]))).toEqual([opened('internet')]);
    // Without the Service CIDR excepted the same block also admits the `kubernetes` Service's ClusterIP (the first
    // address of vpc.serviceCidr, outside the VPC): the API server is flagged too.
    expect(risks(egressTo([FIXTURE_VPC.cidr])).sort()).toEqual(
      [opened('internet'), opened(KUBE_APISERVER)].sort(),
    );
    expect(risks(fixtureObjects(), fixtureObjects({ dnsEgress: false }))).toEqual([]);
  });

  it('flags a changed host in prod only', () => {
    const moved = fixtureObjects().map((m) =>
      m.kind === 'Ingress'
        ? {
            ...m,
            spec: { ...(m as Json).spec, rules: [{ ...(m as Json).spec.rules[0], host: 'new.example.com' }] },
          }
        : m,
    );
    expect(risks(moved, fixtureObjects(), 'pms-prod')).toEqual([
      'prod-host-changed: Ingress pms/pms no longer serves `pms.example.com` (now: `new.example.com`)',
    ]);
    expect(risks(moved)).toEqual([]);
  });

  it('flags a change that leaves no URL of the cluster reaching a backend', () => {
    const noAlb = fixtureObjects().map((m) =>
      m.kind === 'Ingress' ? { ...m, spec: { ...(m as Json).spec, ingressClassName: 'nginx' } } : m,
    );
    expect(risks(noAlb)).toEqual([
      expect.stringMatching(
        /^every-url-404: none of the \d+ probe URLs that reached a backend does now \(they get `no load balancer`\)$/,
      ),
    ]);
  });

  it('flags a raised rate limit, a removed rate-based rule and a rule that stops blocking', () => {
    const acl = (limit: number, window: number, action: Json, withRate = true): Manifest => ({
      apiVersion: 'wafv2.services.k8s.aws/v1alpha1',
      kind: 'WebACL',
      metadata: { name: 'pms-dev-web-acl', namespace: 'pms-aws' },
      spec: {
        name: 'pms-dev-web-acl',
        rules: [
          ...(withRate
            ? [
                {
                  name: 'rate',
                  action: { block: {} },
                  statement: { rateBasedStatement: { limit, evaluationWindowSec: window } },
                },
              ]
            : []),
          { name: 'geo', action, statement: { geoMatchStatement: { countryCodes: ['XX'] } } },
        ],
      },
    });
    const base = [...fixtureObjects(), acl(1000, 300, { block: {} })];
    expect(risks([...fixtureObjects(), acl(2000, 300, { block: {} })], base)).toEqual([
      'waf-loosened: WebACL pms-aws/pms-dev-web-acl: rule `rate` lets a client send more before blocking: 1000 → 2000 requests per 300 s',
    ]);
    // the same limit over a longer window is stricter, not looser
    expect(risks([...fixtureObjects(), acl(1000, 600, { block: {} })], base)).toEqual([]);
    expect(risks([...fixtureObjects(), acl(1000, 300, { count: {} }, false)], base)).toEqual([
      'waf-loosened: WebACL pms-aws/pms-dev-web-acl: rate-based rule `rate` removed',
      'waf-loosened: WebACL pms-aws/pms-dev-web-acl: rule `geo` no longer blocks (action `count`)',
    ]);
  });

  it('compares no reachability for a new target: its default deny closes nothing its empty base had', () => {
    const diff = diffTarget({
      name: 'pms-new',
      outDir: 'clusters/pms-new',
      base: undefined,
      head: files(fixtureObjects()),
      cluster: { vpc: FIXTURE_VPC },
    });
    expect(diff.reachability).toEqual({
      evaluated: false,
      notEvaluated: 'new target',
      opened: [],
      closed: [],
    });
    expect(diff.risks).toEqual([]);
  });
});
