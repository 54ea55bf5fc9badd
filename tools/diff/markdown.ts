/**
 * The Markdown report of `pnpm diff`: a summary, then per target — risk flags first and loud, then routing,
 * reachability and the objects with their field-level changes. Written for a pull-request comment, so it
 * carries no noise: targets whose changes are identical (a library change reaching every cluster alike) share
 * one section, targets that render identically get one summary line, and values are never shortened.
 */
import { replaceName } from '@pms/core';
import { ExitStatus, type TargetDiff } from './diff.js';
import { formatField, isMultilineChange, unifiedLineDiff, type FieldChange } from './fields.js';
import { connectionKey } from './reachability-model.js';
import { apiFallthroughs, describeFallthrough, RISK_TITLES } from './risks.js';
import { routingUnchanged } from './routing-diff.js';
import { describeCost } from './cost-diff.js';
import { describeShift } from './traffic-diff.js';
import { probeLabel, ruleLabel } from './routing-model.js';

/** Context printed above the targets. */
export interface ReportContext {
  /** The ref the user named, e.g. `origin/main`. */
  readonly baseRef: string;
  /** The commit compared against (the merge-base of `baseRef` and HEAD). */
  readonly baseCommit: string;
  /** How the base output was obtained, e.g. `rendered in a temporary worktree`. */
  readonly baseSource: string;
  /** Render targets with a render target that the change does not affect (not compared). */
  readonly unaffected: readonly string[];
}

/** At most this many field changes are listed per object; the rest are counted. */
const MAX_FIELDS = 40;
/** Rerouted-URL tables longer than this are folded into a `<details>` block. */
const MAX_OPEN_ROWS = 20;

/** Renders the whole report. */
export function renderMarkdown(
  diffs: readonly TargetDiff[],
  status: ExitStatus,
  context: ReportContext,
): string {
  const lines: string[] = ['# Render diff', ''];
  lines.push(
    `Base \`${context.baseCommit.slice(0, 12)}\` (merge-base of \`${context.baseRef}\` and HEAD, ${context.baseSource}) → the working tree, rendered fresh.`,
  );
  lines.push('');
  lines.push(`**${resultLine(status, diffs)}**`, '');
  const groups = groupIdentical(diffs.filter((d) => d.status !== 'unchanged'));
  const identical = diffs.filter((d) => d.status === 'unchanged');
  if (diffs.length === 0) lines.push('No render target is affected by this change.', '');
  if (groups.length > 0) {
    lines.push(
      '| target | objects (+ / − / ~) | routing | reachability | risk flags |',
      '|---|---|---|---|---|',
    );
    for (const group of groups) {
      const d = group[0]!;
      const routing = routingUnchanged(d.routing)
        ? '—'
        : `${d.routing.rerouted.length} URL(s) rerouted, ${d.routing.added.length + d.routing.removed.length} rule(s) ±`;
      const reach =
        d.reachability.opened.length + d.reachability.closed.length === 0
          ? '—'
          : `+${d.reachability.opened.length} / −${d.reachability.closed.length}`;
      const risks = d.risks.length > 0 ? `🚨 ${d.risks.length}${group.length > 1 ? ' each' : ''}` : '—';
      lines.push(
        `| ${targetNames(group)} | ${d.added.length} / ${d.removed.length} / ${d.changed.length} | ${routing} | ${reach} | ${risks} |`,
      );
    }
    lines.push('');
  }
  if (identical.length > 0)
    lines.push(
      `Affected, but rendering identically (not shown): ${identical.map((d) => `\`${d.name}\``).join(', ')}.`,
      '',
    );
  if (context.unaffected.length > 0)
    lines.push(
      `Not affected by this change (not compared): ${context.unaffected.map((n) => `\`${n}\``).join(', ')}.`,
      '',
    );
  for (const group of groups) lines.push(...renderTarget(group));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** A target's changes as text, without its name, folder and environment. */
function changesOf(d: TargetDiff): string {
  const { name: _name, outDir: _outDir, prod: _prod, ...changes } = d;
  return JSON.stringify(changes);
}

/**
 * Targets whose changes are identical — the same objects, fields, routing, reachability and risk flags, relative to
 * their folders, and up to each cluster's own name (`pms-dev-web-acl` and `pms-prod-web-acl` are the same change) —
 * in groups, in the order of their first member.
 */
export function groupIdentical(diffs: readonly TargetDiff[]): TargetDiff[][] {
  const groups = new Map<string, TargetDiff[]>();
  for (const d of diffs) {
    const key = replaceName(changesOf(d), d.name);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()];
}

/** `` `pms-dev`, `pms-prod` (prod), `pms-staging` ``. */
function targetNames(group: readonly TargetDiff[]): string {
  return group.map((d) => `\`${d.name}\`${d.prod ? ' (prod)' : ''}`).join(', ');
}

function resultLine(status: ExitStatus, diffs: readonly TargetDiff[]): string {
  if (status === ExitStatus.risky) {
    const count = diffs.reduce((n, d) => n + d.risks.length, 0);
    return `🚨 Risky changes: ${count} risk flag(s) — exit ${status}; merging needs a platform engineer's approval of the \`risk-acceptance\` environment`;
  }
  if (status === ExitStatus.changes) return `Changes — exit ${status}`;
  return `No rendered change — exit ${status}`;
}

function renderTarget(group: readonly TargetDiff[]): string[] {
  const d = group[0]!;
  const lines: string[] = [`## ${targetNames(group)}${statusSuffix(d)}`, ''];
  // one folder: full paths; several: paths relative to each folder, named once here
  const at = (path: string) => (group.length === 1 ? `${d.outDir}/${path}` : path);
  if (group.length > 1) {
    const namesDiffer = group.some((g) => changesOf(g) !== changesOf(d));
    lines.push(
      `The same changes in ${group.length} targets (${group.map((g) => `\`${g.outDir}/\``).join(', ')}); paths below are relative to each folder.` +
        (namesDiffer
          ? ` They differ only in each cluster's own name; the names below are \`${d.name}\`'s.`
          : ''),
      '',
    );
  }
  if (d.risks.length > 0) {
    lines.push(
      '> [!CAUTION]',
      `> **${d.risks.length} risk flag(s)${group.length > 1 ? ' in each' : ''}**`,
      '>',
    );
    for (const risk of d.risks) lines.push(`> - 🚨 **${RISK_TITLES[risk.kind]}**: ${risk.message}`);
    lines.push('');
  }
  lines.push('### Routing', '');
  lines.push(...renderRouting(d), '');
  if (d.traffic || d.cost) {
    lines.push('### DNS traffic and cost', '');
    if (d.traffic) lines.push(`- Traffic shift: **${describeShift(d.traffic)}**`);
    if (d.cost) {
      const [headline, ...why] = describeCost(d.cost);
      lines.push(`- Cost estimate: **${headline}**`, ...why.map((w) => `  ${w}`));
    }
    lines.push('');
  }
  lines.push('### Reachability', '');
  const { opened, closed } = d.reachability;
  if (!d.reachability.evaluated)
    lines.push(
      d.reachability.notEvaluated === 'new target'
        ? 'Not compared: the target is new, so its base had no connections to compare with (the NetworkPolicies are in the objects below).'
        : d.reachability.notEvaluated === 'deleted target'
          ? 'Not compared: the target is deleted.'
          : 'Not evaluated: the target has no cluster settings (VPC, ALB subnets).',
    );
  else if (opened.length + closed.length === 0) lines.push('No connection opened or closed.');
  for (const [label, list] of [
    ['Opened', opened],
    ['Closed', closed],
  ] as const) {
    if (list.length === 0) continue;
    lines.push(`**${label}** (${list.length}):`, '');
    for (const c of list) lines.push(`- ${code(connectionKey(c))}`);
    lines.push('');
  }
  lines.push('', '### Objects', '');
  if (d.added.length + d.removed.length + d.changed.length === 0) lines.push('No object changed.');
  for (const o of d.added) lines.push(`- ➕ added ${o.ref} (\`${at(o.path)}\`)`);
  for (const o of d.removed) lines.push(`- ➖ removed ${o.ref} (\`${at(o.path)}\`)`);
  for (const o of d.changed) {
    lines.push(`- ✏️ changed ${o.ref} (\`${at(o.path)}\`)`);
    for (const f of o.fields.slice(0, MAX_FIELDS)) lines.push(...renderField(f));
    if (o.fields.length > MAX_FIELDS)
      lines.push(`  - … and ${o.fields.length - MAX_FIELDS} more field change(s)`);
  }
  for (const f of d.files) lines.push(`- 📄 ${f.change} \`${at(f.path)}\``);
  lines.push('');
  return lines;
}

/**
 * One field change as a list item below its object: `path`: `old` → `new` with both values in full, or, for
 * text spanning several lines, a unified line diff in a fenced block.
 */
export function renderField(f: FieldChange): string[] {
  if (!isMultilineChange(f))
    return [`  - ${code(f.path)}: ${code(formatField(f.before))} → ${code(formatField(f.after))}`];
  const diff = unifiedLineDiff((f.before as string | undefined) ?? '', (f.after as string | undefined) ?? '');
  const longestFence = Math.max(
    2,
    ...diff.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)),
  );
  const fence = '`'.repeat(longestFence + 1);
  const state = f.before === undefined ? ' (added)' : f.after === undefined ? ' (removed)' : '';
  return [
    `  - ${code(f.path)}${state}:`,
    '',
    `    ${fence}diff`,
    ...diff.map((line) => `    ${line}`),
    `    ${fence}`,
    '',
  ];
}

function renderRouting(d: TargetDiff): string[] {
  const r = d.routing;
  if (routingUnchanged(r)) {
    return [
      r.rules === 0
        ? 'No load balancer in this target.'
        : `No routing change (${r.probes} probe URLs routed identically).`,
    ];
  }
  const lines: string[] = [];
  const moved = apiFallthroughs(r).filter((f) => !f.routeLost);
  if (moved.length > 0) {
    lines.push(
      '> ⚠️ **API/WebSocket URLs no longer reach their backend** (their route moved or changed; check clients no longer call them):',
      ...moved.map((f) => `> - ${describeFallthrough(f)}`),
      '',
    );
  }
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`**${title}** (${items.length}):`, '', ...items.map((item) => `- ${item}`), '');
  };
  list(
    'Rules removed',
    r.removed.map((rule) => `${ruleLabel(rule)} (${rule.ingress})`),
  );
  list(
    'Rules added',
    r.added.map((rule) => `${ruleLabel(rule)} (${rule.ingress})`),
  );
  list(
    'Rules re-ordered',
    r.reordered.map((o) => `${ruleLabel(o.rule)}: position ${o.beforeIndex + 1} → ${o.afterIndex + 1}`),
  );
  list(
    'Backend changes',
    r.backendChanges.map((c) => `${c.rule.pathType} \`${c.rule.path}\`: \`${c.before}\` → \`${c.after}\``),
  );
  list(
    'Newly shadowed (unreachable) rules',
    r.newlyShadowed.map(
      (s) => `${ruleLabel(s.rule)} — every request for it is answered first by ${ruleLabel(s.by)}`,
    ),
  );
  if (r.rerouted.length > 0) {
    const title = `URLs routed elsewhere (${r.rerouted.length} of ${r.probes} probes)`;
    const table = ['| URL | before | after |', '|---|---|---|'];
    for (const c of r.rerouted)
      table.push(
        `| ${code(probeLabel(c.probe))} | ${cell(c.before, c.beforeRule?.path)} | ${cell(c.after, c.afterRule?.path)} |`,
      );
    // long tables fold, so the rest of the report stays readable
    if (r.rerouted.length <= MAX_OPEN_ROWS) lines.push(`**${title}**:`, '', ...table, '');
    else lines.push('<details>', `<summary><b>${title}</b></summary>`, '', ...table, '', '</details>', '');
  }
  return lines;
}

function cell(target: string, path: string | undefined): string {
  return `${code(target)}${path ? ` via ${code(path)}` : ' (default action)'}`.replace(/\|/g, '\\|');
}

function statusSuffix(d: TargetDiff): string {
  if (d.status === 'new') return ' — new target';
  if (d.status === 'deleted') return ' — target deleted';
  if (d.status === 'unchanged') return ' — no change';
  return ` — ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed${d.risks.length > 0 ? `, 🚨 ${d.risks.length} risk flag(s)` : ''}`;
}

/** An inline code span that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = fence === '``' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
