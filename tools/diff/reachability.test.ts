import { describe, expect, it } from 'vitest';
import { FIXTURE_VPC, fixtureObjects } from './__fixtures__/cluster.js';
import { connectionKey } from './reachability-model.js';
import { diffReachability } from './reachability.js';

const cluster = { vpc: FIXTURE_VPC };

describe('diffReachability (the @pms/networking evaluator)', () => {
  it('reports removed DNS egress as closed connections, one per pair with its ports', () => {
    const diff = diffReachability(fixtureObjects(), fixtureObjects({ dnsEgress: false }), cluster);
    expect(diff.opened).toEqual([]);
    expect(diff.closed.map(connectionKey)).toContain('frontend → kube-dns: 53/TCP, 53/UDP');
    expect(diff.closed.every((c) => c.to === 'kube-dns')).toBe(true);
  });

  it('reports a source added to a policy as opened connections', () => {
    const diff = diffReachability(fixtureObjects(), fixtureObjects({ extraApiSource: '0.0.0.0/0' }), cluster);
    expect(diff.closed).toEqual([]);
    // 0.0.0.0/0 also covers pod addresses (kube-dns, other namespaces) when the evaluator models them
    expect(diff.opened.map(connectionKey)).toEqual(
      expect.arrayContaining(['internet → apigateway: 8080/TCP', 'vpc → apigateway: 8080/TCP']),
    );
    expect(diff.opened.every((c) => connectionKey(c).endsWith('→ apigateway: 8080/TCP'))).toBe(true);
  });

  it('reports nothing for identical objects, and is not evaluated without cluster settings', () => {
    expect(diffReachability(fixtureObjects(), fixtureObjects(), cluster)).toEqual({
      evaluated: true,
      opened: [],
      closed: [],
    });
    expect(
      diffReachability(fixtureObjects(), fixtureObjects({ dnsEgress: false }), undefined).evaluated,
    ).toBe(false);
  });
});
