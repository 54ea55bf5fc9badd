import type { IConstruct } from 'constructs';
import { ConfigError, ConfigErrors, type ConfigIssue, type IssueFields } from './errors.js';

/** Context key under which the platform records the cluster name on the cdk8s App. */
export const CLUSTER_CONTEXT_KEY = 'pms:cluster';

/** The cluster a construct belongs to (set by the platform on the App), or `unknown-cluster`. */
export function clusterOf(scope: IConstruct): string {
  const value = scope.node.tryGetContext(CLUSTER_CONTEXT_KEY);
  return typeof value === 'string' ? value : 'unknown-cluster';
}

/**
 * Collects validation issues for one settings section, so a builder can report every problem of its
 * input at once. Fields are reported as `<prefix>.<field>`, matching the path in the cluster settings.
 *
 * ```ts
 * const checks = Checks.for(this, 'ingress');
 * checks.integer('idleTimeoutSeconds', props.idleTimeoutSeconds, 1, 4000, 'seconds');
 * checks.require(idle > heartbeat, { field: 'idleTimeoutSeconds', value: idle, allowed: `above ${heartbeat}` });
 * checks.throwIfAny();
 * ```
 */
export class Checks {
  /** Checks for a construct: the cluster comes from its context, `where` from its path. */
  static for(scope: IConstruct, prefix = ''): Checks {
    return new Checks(clusterOf(scope), prefix, scope.node.path);
  }

  private readonly found: ConfigIssue[];

  constructor(
    readonly cluster: string,
    readonly prefix = '',
    readonly where?: string,
    shared?: ConfigIssue[],
  ) {
    this.found = shared ?? [];
  }

  /** Every issue found so far. */
  get issues(): readonly ConfigIssue[] {
    return this.found;
  }

  /**
   * Checks under another prefix, for values that come from a source constant rather than a settings field (e.g.
   * `PMS_SERVICES (libs/networking/src/catalogue.ts) frontend`, so the message names what to edit); issues are
   * shared with this one.
   */
  withPrefix(prefix: string): Checks {
    return new Checks(this.cluster, prefix, this.where, this.found);
  }

  /** Checks for a nested section; issues are shared with this one. */
  nested(prefix: string): Checks {
    return new Checks(this.cluster, this.path(prefix), this.where, this.found);
  }

  /** Records an issue for `issue.field` (relative to this section). Always returns false. */
  fail(issue: IssueFields): false {
    const { field, value, allowed, problem } = issue;
    this.found.push({
      cluster: this.cluster,
      field: this.path(field),
      value,
      allowed,
      ...(problem ? { problem } : {}),
      ...(this.where ? { where: this.where } : {}),
    });
    return false;
  }

  /** Requires a whole number in [min, max]. */
  integer(field: string, value: unknown, min: number, max: number, unit = ''): boolean {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
    const suffix = unit ? ` ${unit}` : '';
    return this.fail({ field, value, allowed: `a whole number from ${min} to ${max}${suffix}` });
  }

  /** Requires a finite number in [min, max]. */
  number(field: string, value: unknown, min: number, max: number, unit = ''): boolean {
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return true;
    const suffix = unit ? ` ${unit}` : '';
    return this.fail({ field, value, allowed: `a number from ${min} to ${max}${suffix}` });
  }

  /** Requires one of a closed set of values. */
  oneOf<T>(field: string, value: unknown, allowed: readonly T[]): value is T {
    if (allowed.includes(value as T)) return true;
    return this.fail({ field, value, allowed: `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` });
  }

  /** Requires a string matching `pattern`; `allowed` describes it. */
  matches(field: string, value: unknown, pattern: RegExp, allowed: string): boolean {
    if (typeof value === 'string' && pattern.test(value)) return true;
    return this.fail({ field, value, allowed });
  }

  /** Requires `condition`; otherwise records `issue`. */
  require(condition: boolean, issue: IssueFields): boolean {
    return condition || this.fail(issue);
  }

  /** Throws `ConfigError` (one issue) or `ConfigErrors` (several) when anything was found. */
  throwIfAny(): void {
    if (this.found.length === 1) throw new ConfigError(this.found[0]!);
    if (this.found.length > 1) throw new ConfigErrors(this.found);
  }

  private path(field: string): string {
    if (!this.prefix) return field;
    if (!field) return this.prefix;
    if (field.startsWith('[')) return `${this.prefix}${field}`;
    // A source prefix, `CONSTANT (file)`, reads best followed by the field after a space.
    return this.prefix.endsWith(')') ? `${this.prefix} ${field}` : `${this.prefix}.${field}`;
  }
}
