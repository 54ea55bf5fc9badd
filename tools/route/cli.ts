/**
 * `pnpm route <cluster> <url>…  [--rendered] [--json]`: where the cluster's ALB sends each URL (backend,
 * redirect or 404) and through which rule, by the AWS Load Balancer Controller's rules.
 * `pnpm route <cluster> --rules [--rendered]`: the HTTPS listener's rules, one tab-separated line each, in the columns
 * of the runbook's `aws elbv2 describe-rules` query (the two diff clean when AWS has what the repository says).
 *
 * By default the cluster is built fresh from `apps/<cluster>/src/settings.ts` (what `pnpm render` would write);
 * `--rendered` reads the committed YAML under `clusters/<cluster>/` instead.
 */
import type { Manifest } from '@pms/core';
import { SimulationError } from '@pms/ingress';
import { buildPmsCluster, type PmsClusterSettings } from '@pms/platform';
import { findWorkspaceRoot } from '@pms/render';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatAnswer, listenerRuleLines, readRenderedCluster, routeUrls } from './route.js';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [cluster, ...urls] = args.filter((a) => !a.startsWith('--'));
const root = findWorkspaceRoot();
const clusters = readdirSync(join(root, 'apps'))
  .filter((app) => existsSync(join(root, 'apps', app, 'src', 'settings.ts')))
  .sort();

const unknownFlags = [...flags].filter((f) => f !== '--rendered' && f !== '--json' && f !== '--rules');
const rules = flags.has('--rules');
if (!cluster || (urls.length === 0) !== rules || unknownFlags.length > 0) {
  process.stderr.write(
    `usage: pnpm route <cluster> <url>… [--rendered] [--json]\n       pnpm route <cluster> --rules [--rendered]\n  clusters: ${clusters.join(', ')}\n` +
      (unknownFlags.length > 0 ? `  unknown option(s): ${unknownFlags.join(', ')}\n` : ''),
  );
  process.exit(2);
}
if (!clusters.includes(cluster)) {
  process.stderr.write(`unknown cluster ${JSON.stringify(cluster)}; known: ${clusters.join(', ')}\n`);
  process.exit(2);
}

let manifests: readonly Manifest[];
if (flags.has('--rendered')) {
  manifests = readRenderedCluster(join(root, 'clusters', cluster));
} else {
  const module = (await import(pathToFileURL(join(root, 'apps', cluster, 'src', 'settings.ts')).href)) as {
    settings: PmsClusterSettings;
  };
  manifests = buildPmsCluster(module.settings).manifests;
}

if (rules) {
  process.stdout.write(`${listenerRuleLines(manifests).join('\n')}\n`);
  process.exit(0);
}

try {
  const answers = routeUrls(manifests, urls);
  if (flags.has('--json')) {
    process.stdout.write(`${JSON.stringify(answers, null, 2)}\n`);
  } else {
    process.stdout.write(`${answers.map((answer) => formatAnswer(cluster, answer)).join('\n\n')}\n`);
  }
} catch (error) {
  if (!(error instanceof SimulationError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
