/**
 * Errors raised while validating settings or building objects. Every error names the cluster,
 * the field (or object), the offending value and what is allowed, so a platform engineer can fix
 * the input without reading the code that rejected it.
 */

/**
 * The vocabulary of every refusal, wherever it is raised: the field, the value, what is allowed and (when not
 * obvious) the problem. Always written with these names (`{ field, value, allowed, problem }`), never positionally.
 */
export interface IssueFields {
  /** Dotted path of the field in the cluster settings, or the object, e.g. `vpc.albSubnets[1].cidr`. */
  readonly field: string;
  /** The rejected value, exactly as given. */
  readonly value: unknown;
  /** What is allowed instead; phrased so it reads after "allowed: ". */
  readonly allowed: string;
  /** Why the value is wrong, when that is not obvious from `allowed`. */
  readonly problem?: string;
}

/** What is wrong with one input value: the issue's fields, the cluster and where the check ran. */
export interface ConfigIssue extends IssueFields {
  /** Cluster whose render failed, e.g. `pms-dev`. */
  readonly cluster: string;
  /** Construct path or object reference where the check ran, e.g. `pms-dev/ingress/alb`. */
  readonly where?: string;
  /**
   * The render target whose own failure this issue only repeats (the Argo CD app saying that a cluster it derives
   * from does not build): the render's report drops it when that target's own issues are printed.
   * @default none
   */
  readonly echoes?: string;
}

/** Renders a value for an error message: strings quoted, objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return '(missing)';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 197)}...` : json;
  } catch {
    return String(value);
  }
}

/** One line per issue: `[pms-dev] vpc.cidr = "10.0.0.0/33": not a CIDR; allowed: an IPv4 CIDR such as 10.0.0.0/16`. */
export function formatIssue(issue: ConfigIssue): string {
  const problem = issue.problem ? `: ${issue.problem}` : '';
  const where = issue.where ? ` (at ${issue.where})` : '';
  return `[${issue.cluster}] ${issue.field} = ${formatValue(issue.value)}${problem}; allowed: ${issue.allowed}${where}`;
}

/** A single invalid input. Thrown by builders at construction time. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issue: ConfigIssue) {
    super(formatIssue(issue));
  }
}

/** Several invalid inputs found together (e.g. every problem of one cluster's settings). */
export class ConfigErrors extends Error {
  override readonly name = 'ConfigErrors';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

/** Throws `ConfigErrors` when `issues` is not empty. */
export function throwIfAny(issues: readonly ConfigIssue[]): void {
  if (issues.length === 1) throw new ConfigError(issues[0]!);
  if (issues.length > 1) throw new ConfigErrors(issues);
}

/** Returns the issues carried by an error raised during a render, or undefined for unexpected errors. */
export function issuesOf(error: unknown): readonly ConfigIssue[] | undefined {
  if (error instanceof ConfigError) return [error.issue];
  if (error instanceof ConfigErrors) return error.issues;
  return undefined;
}
