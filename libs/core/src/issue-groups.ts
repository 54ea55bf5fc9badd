/**
 * The render's report of many targets: an identical problem on several clusters (a library mistake reaches every
 * cluster alike) is one line naming the clusters, not one line per cluster; an issue that only repeats another
 * target's failure (`ConfigIssue.echoes`) is dropped when that target's own issues are reported.
 */
import { formatValue, type ConfigIssue } from './errors.js';

/** The issues one target's build threw. */
export interface TargetIssues {
  /** The target's name, e.g. `pms-dev` or `argocd`. */
  readonly target: string;
  /** What it threw. */
  readonly issues: readonly ConfigIssue[];
}

/** One problem as the report prints it, with every cluster and target it was found in. */
export interface IssueGroup {
  /** The clusters the issue names (`ConfigIssue.cluster`), in order of first appearance. */
  readonly clusters: readonly string[];
  /** The targets whose builds threw it, in order of first appearance. */
  readonly targets: readonly string[];
  /** The issue as one line: `[a, b] field = value: problem; allowed: …`, a cluster's own name as `<cluster>` when several. */
  readonly line: string;
}

/** How a cluster's own name reads in a line shared by several clusters. */
export const CLUSTER_PLACEHOLDER = '<cluster>';

/**
 * `text` with every occurrence of the name `name` replaced by `replacement`: as a word, or the start of a longer name
 * (`pms-dev-web-acl`), not inside another word. How two clusters' reports are compared "but for their own names".
 */
export function replaceName(text: string, name: string, replacement: string = CLUSTER_PLACEHOLDER): string {
  if (name === '') return text;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![A-Za-z0-9-])${escaped}(?![A-Za-z0-9])`, 'g'), replacement);
}

/** The issue's line without the cluster: `field = value: problem; allowed: … (at where)`, the cluster's name replaced. */
function body(issue: ConfigIssue, name: string): string {
  const problem = issue.problem ? `: ${issue.problem}` : '';
  const where = issue.where ? ` (at ${issue.where})` : '';
  const text = `${issue.field} = ${formatValue(issue.value)}${problem}; allowed: ${issue.allowed}${where}`;
  return replaceName(text, issue.cluster, name);
}

/**
 * Groups the issues of several targets: echoes of a failed target dropped, identical issues (up to the cluster's own
 * name) merged, in order of first appearance.
 */
export function groupIssues(reports: readonly TargetIssues[]): IssueGroup[] {
  const failed = new Set(reports.filter((r) => r.issues.some((i) => !i.echoes)).map((r) => r.target));
  const groups = new Map<string, { clusters: string[]; targets: string[]; issue: ConfigIssue }>();
  for (const { target, issues } of reports) {
    for (const issue of issues) {
      if (issue.echoes !== undefined && failed.has(issue.echoes)) continue;
      const key = body(issue, CLUSTER_PLACEHOLDER);
      const group = groups.get(key) ?? { clusters: [], targets: [], issue };
      if (!group.clusters.includes(issue.cluster)) group.clusters.push(issue.cluster);
      if (!group.targets.includes(target)) group.targets.push(target);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ clusters, targets, issue }) => ({
    clusters,
    targets,
    line:
      clusters.length === 1
        ? `[${issue.cluster}] ${body(issue, issue.cluster)}`
        : `[${clusters.join(', ')}] ${body(issue, CLUSTER_PLACEHOLDER)}`,
  }));
}
