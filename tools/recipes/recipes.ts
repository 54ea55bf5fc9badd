/**
 * The README's "How to" recipes as code: each adds something (a route, a service, a cluster) to a workspace the way
 * README.md says, and lists the files it touches exactly as the README's "Touches" paragraphs name them
 * (`readme.test.ts` holds the two to each other; `recipes.test.ts` applies every recipe to a copy of the workspace,
 * renders after each and runs the unit tests). What a recipe adds is derived from the data it starts from (the
 * catalogue, the routes, the cluster apps' settings), so the recipes keep working as those grow.
 */
import { PMS_ROUTES } from '@pms/ingress';
import {
  ALB,
  ALB_BACKEND_SERVICES,
  isAlbBackend,
  PMS_SERVICES,
  WORKLOAD_SERVICES,
  type WorkloadDefinition,
} from '@pms/networking';
import type { PmsClusterSettings } from '@pms/platform';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addImport, appendElement, appendProperty, replaceArguments, replaceValue } from './source-edit.js';

/** The files every recipe edits: where the README sends the reader. */
export const ROUTES_FILE = 'libs/ingress/src/routes.ts';
export const CONTRACT_FILE = 'libs/ingress/src/routing-contract.ts';
export const CATALOGUE_FILE = 'libs/networking/src/catalogue.ts';
export const GRAPH_FILE = 'libs/networking/src/graph.ts';
export const FLEET_FILE = 'apps/argocd/src/fleet.ts';
/** A cluster app's settings; `<cluster>` stands for every cluster app. */
export const CLUSTER_SETTINGS = 'apps/<cluster>/src/settings.ts';
/** A new cluster app's folder; `<name>` stands for the new cluster. */
export const NEW_CLUSTER_APP = 'apps/<name>/';

/** What a recipe starts from: this workspace's data and its cluster apps' settings. */
export interface RecipeContext {
  /** The settings of every cluster app (`apps/<cluster>/src/settings.ts`), by app name. */
  readonly clusters: ReadonlyMap<string, PmsClusterSettings>;
}

/** One way of applying a README recipe. */
export interface Recipe {
  /** What this instance adds, for test names: `a route to analytics, new to the ALB`. */
  readonly title: string;
  /** The README's "How to" heading it follows, e.g. `Add a route`. */
  readonly section: string;
  /**
   * The labels of the section's paragraphs that list the files this variant touches (`Touches:`, `A backend new
   * to the ALB also touches:`): the README names in them, together, equal `touches`.
   */
  readonly paragraphs: readonly string[];
  /** The files it touches, as the README names them (`apps/<cluster>/src/settings.ts`, `apps/<name>/`). */
  readonly touches: readonly string[];
  /** The value of `<name>` in `touches`, for a recipe that adds an app. */
  readonly name?: string;
  /** Applies it to the workspace at `root`. */
  apply(root: string): void;
}

/** `base`, or `base-2`, `base-3`, … : the first that `taken` does not hold. */
export function freeName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    if (!used.has(name)) return name;
  }
}

function edit(root: string, file: string, change: (text: string) => string): void {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  let after: string;
  try {
    after = change(before);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message} (update the recipe in tools/recipes/recipes.ts)`, {
      cause: error,
    });
  }
  writeFileSync(path, after);
}

const literal = (value: unknown): string => JSON.stringify(value);

/** A route and the two contract URLs README's "Add a route" asks for: its path and a path below it. */
function addRoute(
  root: string,
  name: string,
  service: { name: string; port: number },
  purpose: string,
): void {
  const path = `/api/${name}`;
  const backend = `${service.name}:${service.port}`;
  edit(root, ROUTES_FILE, (text) =>
    appendElement(
      text,
      'PMS_ROUTES',
      `{ name: ${literal(name)}, path: ${literal(path)}, match: 'prefix', backend: { service: ${literal(service.name)}, port: ${service.port} }, kind: 'http', purpose: ${literal(purpose)} }`,
    ),
  );
  edit(root, CONTRACT_FILE, (text) =>
    appendElement(
      appendElement(text, 'PMS_ROUTING_CONTRACT', literal([path, backend])),
      'PMS_ROUTING_CONTRACT',
      literal([`${path}/2024`, backend]),
    ),
  );
}

const routeNames = () => PMS_ROUTES.map((r) => r.name);

/** A route to a backend the ALB already serves (the backend of the first route, the API gateway today). */
function routeToAlbBackend(): Recipe {
  const backend = ALB_BACKEND_SERVICES.find((s) => s.name === PMS_ROUTES[0]?.backend.service);
  if (!backend) throw new Error('the first route of PMS_ROUTES has no ALB backend');
  const name = freeName('exports', routeNames());
  return {
    title: `a route /api/${name} to ${backend.name}, already behind the ALB`,
    section: 'Add a route',
    paragraphs: ['Touches'],
    touches: [ROUTES_FILE, CONTRACT_FILE],
    apply: (root) => addRoute(root, name, backend, 'exports (recipe test)'),
  };
}

/**
 * A route to a workload the ALB does not serve yet (a catalogue workload without a target group, the last
 * one: analytics today): the route and its contract, the workload's target-group check and ALB shutdown, the `alb` edge.
 */
function routeToNewAlbBackend(): Recipe {
  const workload: WorkloadDefinition | undefined = WORKLOAD_SERVICES.findLast((s) => !isAlbBackend(s));
  if (!workload)
    throw new Error('every workload of the catalogue is behind the ALB: the recipe needs one that is not');
  const name = freeName('reports', routeNames());
  return {
    title: `a route /api/${name} to ${workload.name}, new to the ALB`,
    section: 'Add a route',
    paragraphs: ['Touches', 'A backend new to the ALB also touches'],
    touches: [ROUTES_FILE, CONTRACT_FILE, CATALOGUE_FILE, GRAPH_FILE],
    apply: (root) => {
      addRoute(root, name, workload, 'reports (recipe test)');
      const { readiness } = workload.health;
      const { runtime, drainSeconds } = workload.shutdown;
      // The entry is `workload(name, port, portName, description, health, shutdown)`.
      edit(root, CATALOGUE_FILE, (text) =>
        replaceArguments(text, 'PMS_SERVICES', workload.name, (index, argument) =>
          index === 4
            ? `{ ...${argument}, targetGroup: seedTargetGroup(${literal(readiness.path)}) }`
            : index === 5
              ? `albBackendShutdown(${literal(runtime)}, ${drainSeconds})`
              : argument,
        ),
      );
      edit(root, GRAPH_FILE, (text) =>
        appendElement(
          text,
          'PMS_GRAPH.edges',
          `{ from: ${literal(ALB)}, to: ${literal(workload.name)}, port: ${workload.port}, protocol: 'TCP', purpose: 'reports and target-group health checks' }`,
        ),
      );
    },
  };
}

/**
 * A workload called by the API gateway (the backend of the first route), reached only inside the cluster: its
 * catalogue entry, the graph edge, and its image and scaling in every cluster's settings (copied from the
 * cluster's first workload).
 */
function serviceCalledByGateway(context: RecipeContext): Recipe {
  const caller = PMS_ROUTES[0]!.backend.service;
  const name = freeName(
    'notifications',
    PMS_SERVICES.map((s) => s.name),
  );
  const port = 8087;
  return {
    title: `a workload ${name} called by ${caller}`,
    section: 'Add a service',
    paragraphs: ['Touches'],
    touches: [CATALOGUE_FILE, GRAPH_FILE, CLUSTER_SETTINGS],
    apply: (root) => {
      edit(root, CATALOGUE_FILE, (text) =>
        appendElement(
          text,
          'PMS_SERVICES',
          `workload(${literal(name)}, ${port}, 'http', 'Spring Boot notification service (recipe test)', { readiness: seedProbe('/actuator/health/readiness'), liveness: seedProbe('/actuator/health/liveness') }, inClusterShutdown('spring-boot', 20))`,
        ),
      );
      edit(root, GRAPH_FILE, (text) =>
        appendElement(
          text,
          'PMS_GRAPH.edges',
          `{ from: ${literal(caller)}, to: ${literal(name)}, port: ${port}, protocol: 'TCP', purpose: 'notifications' }`,
        ),
      );
      for (const [app, settings] of context.clusters) {
        const [first] = Object.values(settings.networking.workloads);
        if (!first) throw new Error(`apps/${app}/src/settings.ts declares no workload to copy`);
        const repository = first.image.repository.replace(/[^/]+$/, name);
        const workload = { image: { repository, tag: first.image.tag }, scaling: first.scaling };
        edit(root, `apps/${app}/src/settings.ts`, (text) =>
          appendProperty(text, 'settings.networking.workloads', `${literal(name)}: ${literal(workload)}`),
        );
      }
    },
  };
}

/** Hex digits of an id reversed (`vpc-0a1b…22` → `vpc-22…b1a0`): the same form, another value. */
const otherId = (id: string): string => id.replace(/[0-9a-fA-F]+$/, (hex) => [...hex].reverse().join(''));

/**
 * A cluster copied from `source` (README: "Copy `apps/pms-staging`"): the whole app folder, every mention of the
 * source's name and host replaced, its own VPC, ALB subnets and OIDC provider, its ALB awaiting the first sync,
 * and an entry in the fleet. Every other setting comes with the copy, so settings added later need no change here.
 */
function clusterCopiedFrom(source: string, context: RecipeContext): Recipe {
  const settings = context.clusters.get(source);
  if (!settings) throw new Error(`no cluster app ${source} to copy`);
  const name = freeName('pms-qa', context.clusters.keys());
  const label = name.replace(/^pms-/, '');
  const host = [label, ...settings.host.split('.').slice(1)].join('.');
  const variable = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  const identity = new Map<string, string>([
    [settings.host, host],
    [settings.vpc.id, otherId(settings.vpc.id)],
    ...settings.vpc.albSubnets.map((s) => [s.id, otherId(s.id)] as const),
    ...(settings.security.controllerIdentity.mode === 'irsa'
      ? [
          [
            settings.security.controllerIdentity.oidcProviderId,
            otherId(settings.security.controllerIdentity.oidcProviderId),
          ] as const,
        ]
      : []),
    [source, name],
  ]);
  return {
    title: `a cluster ${name} copied from ${source}`,
    section: 'Add a cluster',
    paragraphs: ['Touches'],
    touches: [NEW_CLUSTER_APP, FLEET_FILE],
    name,
    apply: (root) => {
      cpSync(join(root, 'apps', source), join(root, 'apps', name), { recursive: true });
      const replaceAll = (text: string) =>
        [...identity].reduce((result, [from, to]) => result.split(from).join(to), text);
      for (const file of filesUnder(join(root, 'apps', name)))
        edit(root, join('apps', name, file), replaceAll);
      edit(root, `apps/${name}/src/settings.ts`, (text) => {
        const awaiting = replaceValue(text, 'settings.monitoring.alb', `{ state: 'awaiting' }`);
        // A new cluster has no previous deployment whose load balancers the host still points at (README: a
        // `migration` section only while it does): the ALB answers alone from the start.
        return settings.migration
          ? replaceValue(awaiting, 'settings.migration', `{ albWeightPercent: 100, legacyLoadBalancers: [] }`)
          : awaiting;
      });
      edit(root, FLEET_FILE, (text) =>
        appendElement(
          addImport(text, `import { settings as ${variable} } from '../../${name}/src/settings.js';`),
          'fleet',
          variable,
        ),
      );
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** The cluster app README's "Add a cluster" copies. */
export const CLUSTER_RECIPE_SOURCE = 'pms-staging';

/** Every recipe, in the order the recipe test applies them (each on top of the previous ones). */
export function recipes(context: RecipeContext): Recipe[] {
  return [
    routeToAlbBackend(),
    routeToNewAlbBackend(),
    serviceCalledByGateway(context),
    clusterCopiedFrom(CLUSTER_RECIPE_SOURCE, context),
  ];
}
