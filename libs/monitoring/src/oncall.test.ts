import { anchor, ARGOCD_CLI_CONTEXT, AUTO_SYNC_SWITCH, CLUSTER_CONTEXT_KEY, PlainChart } from '@pms/core';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { podSelector } from './connectivity.js';
import { PmsMonitoring } from './monitoring.js';
import { ROLLBACK_TITLE } from './rollback.js';
import { RUNBOOK_STEPS, stepHeading, SYMPTOM_INDEX_TITLE } from './runbook.js';
import { MODES, TEST_CONNECTIONS, TEST_SERVICES, testCluster } from './__fixtures__/cluster.js';

function docsOf(name: keyof typeof MODES) {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, name);
  const monitoring = new PmsMonitoring(new PlainChart(app, name), 'monitoring', {
    cluster: testCluster(name),
    settings: MODES[name],
    services: TEST_SERVICES,
    graph: { edges: TEST_CONNECTIONS },
    webAclMetricName: `${name}-acl`,
  });
  const section = (title: string) => monitoring.docs.find((d) => d.title === title)!.body;
  return { monitoring, section, all: monitoring.docs.map((d) => `## ${d.title}\n\n${d.body}`).join('\n\n') };
}

describe.each(Object.keys(MODES) as (keyof typeof MODES)[])('the on-call page of %s', (name) => {
  const { monitoring, section, all } = docsOf(name);
  const index = section(SYMPTOM_INDEX_TITLE);
  const runbook = section('Runbook');
  const rows = index
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Symptom') && !line.startsWith('| ---'));

  it('comes first: the symptom index, the runbook, then rollback, before every reference section', () => {
    const sorted = [...monitoring.docs].sort((a, b) => a.order - b.order).map((d) => d.title);
    expect(sorted.slice(0, 3)).toEqual([SYMPTOM_INDEX_TITLE, 'Runbook', ROLLBACK_TITLE]);
    expect(Math.max(...monitoring.docs.slice(0, 3).map((d) => d.order))).toBeLessThan(20); // ingress starts at 20
  });

  it.each([
    ['502', /\*\*502\*\*/],
    ['503', /\*\*503\*\*/],
    ['504', /\*\*504\*\*/],
    ['WebSocket drops', /WebSocket drops/],
    ['WAF blocks', /blocked by the WAF/],
    ['TLS errors', /TLS errors/],
    ['a 404 for an API URL', /\*\*404\*\* for an API URL/],
    ['a policy blocking a call', /a policy blocking it/],
  ])('lists the symptom %s', (_, pattern) => {
    expect(rows.some((row) => pattern.test(row))).toBe(true);
  });

  it('points every symptom at runbook steps that exist, by their anchors', () => {
    const headings = new Set(RUNBOOK_STEPS.map((s) => anchor(stepHeading(s.id))));
    for (const row of rows) {
      const links = [...row.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
      const steps = links.filter((link) => /^\d+-/.test(link));
      expect(steps.length, row).toBeGreaterThan(0);
      for (const link of steps) expect(headings, row).toContain(link);
      for (const step of steps)
        expect(runbook).toContain(
          `### ${RUNBOOK_STEPS.map((s) => stepHeading(s.id)).find((h) => anchor(h) === step)}`,
        );
    }
  });

  it('names every rendered alarm in a symptom row (the row its description link lands on)', () => {
    for (const alarm of monitoring.alarms) {
      const named = (row: string) =>
        [...row.matchAll(/`([a-z0-9-]+)(\*?)`/g)].some(([, name, star]) =>
          star ? alarm.objectName.startsWith(name!) : alarm.objectName === name,
        );
      expect(rows.some(named), alarm.objectName).toBe(true);
    }
  });

  it('numbers the runbook steps in order, each once', () => {
    const numbers = [...runbook.matchAll(/^### (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(RUNBOOK_STEPS.map((_, i) => i + 1));
  });

  it('names the Argo CD context in every argocd command', () => {
    // Commands are the lines of the bash blocks; prose may mention a command it advises against.
    const blocks = [...all.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const commands = blocks
      .flatMap((block) => block.split('\n'))
      .flatMap((line) => line.match(/(?:^|[$( ])argocd (?=[a-z-])[^'|;#]*/g) ?? []);
    expect(commands.length).toBeGreaterThan(5);
    for (const command of commands)
      expect(command.trim().replace(/^[$(]/, ''), command).toMatch(
        new RegExp(`^argocd (--argocd-context ${ARGOCD_CLI_CONTEXT} |login )`),
      );
  });

  it('pauses and resumes auto-sync through the one field the ApplicationSet leaves alone', () => {
    const rollback = section(ROLLBACK_TITLE);
    expect(rollback).toContain(`--type merge --patch '${AUTO_SYNC_SWITCH.patch(false)}'`);
    expect(rollback).toContain(`--type merge --patch '${AUTO_SYNC_SWITCH.patch(true)}'`);
    expect(rollback.indexOf(AUTO_SYNC_SWITCH.patch(false))).toBeLessThan(
      rollback.indexOf(AUTO_SYNC_SWITCH.patch(true)),
    );
    expect(rollback).toContain('git revert <commit>');
    expect(rollback).toContain('`argocd app rollback`');
  });

  it('reads the logs of every service, workloads and backing services alike, by its pod labels', () => {
    for (const service of TEST_SERVICES)
      expect(runbook).toContain(`logs -l ${podSelector(service)} --all-containers`);
  });
});
