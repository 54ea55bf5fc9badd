import { App, Chart } from 'cdk8s';
import { ConfigError, ConfigErrors, type ConfigIssue, issuesOf } from '../errors.js';
import { clusterOf } from '../checks.js';
import type { Manifest } from './manifest.js';

/**
 * Synthesizes every chart of a cdk8s App into plain objects, in construction order, after running
 * every construct's validations (as `cdk8s synth` would). Nothing is written.
 */
export function synthesize(app: App): Manifest[] {
  const cluster = clusterOf(app);
  const issues: ConfigIssue[] = [];
  for (const construct of app.node.findAll()) {
    for (const message of construct.node.validate()) {
      issues.push({
        cluster,
        field: construct.node.path,
        value: undefined,
        allowed: 'a valid construct',
        problem: message,
      });
    }
  }
  if (issues.length === 1) throw new ConfigError(issues[0]!);
  if (issues.length > 1) throw new ConfigErrors(issues);

  const manifests: Manifest[] = [];
  for (const chart of app.charts) {
    try {
      manifests.push(...(chart.toJson() as Manifest[]));
    } catch (error) {
      if (issuesOf(error)) throw error;
      throw new ConfigError({
        cluster,
        field: chart.node.path,
        value: undefined,
        allowed: 'objects that synthesize',
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return manifests;
}

/** A chart whose objects keep the names they are given: no cdk8s hash suffixes, ever. */
export class PlainChart extends Chart {
  constructor(scope: App, id: string, namespace?: string) {
    super(scope, id, { disableResourceNameHashes: true, ...(namespace ? { namespace } : {}) });
  }
}
