import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildTestIngress, TEST_CLUSTER } from '../__fixtures__/cluster.js';
import { DNS_SECTION_TITLE } from './docs.js';
import { ROUTE53_WEIGHTED_ONLY, weightedRecordsOnlyPrerequisite } from './prerequisite.js';

const dns = { hostedZoneId: 'Z0TESTZONE123' };
const prerequisite = weightedRecordsOnlyPrerequisite(TEST_CLUSTER, dns);

/** Runs `command` in bash with `aws` replaced by a function printing `awsOutput`; returns the exit status. */
function statusWith(command: string, awsOutput: string): number {
  try {
    execFileSync('bash', ['-c', `aws() { printf '%s' "$AWS_OUTPUT"; }\n${command}`], {
      env: { PATH: process.env['PATH'] ?? '', AWS_OUTPUT: awsOutput },
      // No stdin: bash would read ~/.bashrc with a socket as stdin (bash(1), INVOCATION).
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return 0;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('weightedRecordsOnlyPrerequisite', () => {
  it("lists the host's simple A, AAAA and CNAME records in the cluster's zone, and only those", () => {
    expect(prerequisite.id).toBe(ROUTE53_WEIGHTED_ONLY);
    expect(prerequisite.inspect).toContain(`--hosted-zone-id ${dns.hostedZoneId} `);
    expect(prerequisite.inspect).toContain(`Name==\`"${TEST_CLUSTER.host}."\``);
    expect(prerequisite.inspect).toContain('SetIdentifier==`null`');
    for (const type of ['A', 'AAAA', 'CNAME']) expect(prerequisite.inspect).toContain(`Type==\`"${type}"\``);
    // Pasted into an interactive shell: nothing in double quotes for history or parameter expansion.
    expect(prerequisite.inspect).not.toMatch(/"[^"]*[!$][^"]*"/);
    expect(prerequisite.when).toBe('during-first-sync');
  });

  it('passes its check only when inspect prints nothing', () => {
    expect(statusWith(prerequisite.check, '')).toBe(0);
    expect(statusWith(prerequisite.check, 'CNAME\tlegacy-123.eu-central-1.elb.amazonaws.com.')).not.toBe(0);
  });

  it('deletes exactly the record sets it lists, in the same zone', () => {
    expect(prerequisite.fix.split('--hosted-zone-id').length - 1).toBe(2);
    expect(prerequisite.fix.match(new RegExp(`--hosted-zone-id ${dns.hostedZoneId} `, 'g'))).toHaveLength(2);
    expect(prerequisite.fix).toContain('Action: "DELETE"');
  });

  it('is part of the ingress when the hosted zone is known, linked from the DNS section', () => {
    const { ingress } = buildTestIngress({ dns });
    expect(ingress.prerequisites.map((p) => p.id)).toEqual([ROUTE53_WEIGHTED_ONLY]);
    expect(buildTestIngress().ingress.prerequisites).toEqual([]);
    const section = ingress.docs.find((d) => d.title === DNS_SECTION_TITLE)!.body;
    expect(section).toContain(`\`${ROUTE53_WEIGHTED_ONLY}\``);
  });
});
