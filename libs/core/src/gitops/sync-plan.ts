/**
 * The sync plan of one cluster: every object of every Argo CD Application that syncs to it, in the order Argo CD
 * applies them (`sync-order.ts` inside an Application; across Applications, only what an app of apps orders), each
 * with its prerequisites and where each is satisfied. A prerequisite is a key (`namespace:pms`,
 * `crd:elbv2.k8s.aws/IngressClassParams`, `aws:webacl:pms-dev-web-acl`, …) that an object, an Application (once
 * Healthy) or something outside Git (a cluster prerequisite, a built-in) provides. Pure data in, data out: the
 * caller (the platform) says which objects need what; this module only orders and matches.
 *
 * Across Applications (Argo CD docs/operator-manual/health.md "Argocd App", docs/operator-manual/cluster-bootstrapping.md;
 * gitops-engine `sync_context.go`): nothing orders two Applications, except the sync of a parent Application (app of
 * apps) that applies them as its objects in different waves, and waits for the earlier wave's Applications to be
 * Healthy, which needs a health check for `argoproj.io/Application` (removed from Argo CD in 1.8; `argocd-cm` must
 * restore it). An Application created by anything else (an ApplicationSet's generator reacting to the repository,
 * `kubectl apply`) starts whenever it is created.
 */
import { formatValue, type ConfigIssue } from '../errors.js';
import { apiGroup, objectRef, type Manifest } from '../render/manifest.js';
import { compareSlots, earlierStep, groupKind, syncSlotOf, type SyncSlot } from './sync-order.js';

/** Something a prerequisite key can be satisfied by, as the plan shows it. */
export interface Provision {
  /** The key, e.g. `crd:elbv2.k8s.aws/IngressClassParams`. */
  readonly key: string;
  /** What it is, e.g. `CRD ingressclassparams.elbv2.k8s.aws`. */
  readonly what: string;
}

/** What an object (or an Application) needs before it can be applied, or before it can become Healthy. */
export interface Requirement {
  /** The key a provision must carry. */
  readonly key: string;
  /** What is needed, e.g. `web ACL pms-dev-web-acl (named by IngressClassParams alb spec.wafv2AclName)`. */
  readonly what: string;
  /**
   * `applied`: the provider must exist (a CRD, a Namespace) or admit the object (a webhook: its pods Ready) before the
   * object is applied; `healthy`: the provider must be Healthy before the object can be (a controller, an AWS
   * resource, a database), and Argo CD must wait for it, so the provider needs a health assessment.
   */
  readonly need: 'applied' | 'healthy';
}

/** One object an Application applies. */
export interface PlanObject {
  /** The object (for a Helm chart, the skeleton its pinned chart facts list: kind, name, namespace). */
  readonly manifest: Manifest;
  /** Where it comes from, for messages: a rendered file, or the constant listing a chart's objects. */
  readonly source: string;
  /** What it needs (`PlanInput.requirementsOf` adds more). @default none */
  readonly requires?: readonly Requirement[];
  /** What it provides besides its own identity (`PlanInput.provisionsOf` adds more). @default none */
  readonly provides?: readonly Provision[];
}

/** One Argo CD Application that syncs to the cluster. */
export interface PlanApplication {
  /** Application name. */
  readonly name: string;
  /**
   * The Application whose sync applies this one as an object and waits for it to be Healthy (app of apps), with the
   * Application health check in place; absent when nothing orders it (created by an ApplicationSet's generator from
   * the repository, or by hand).
   */
  readonly parent?: string;
  /** Its sync wave in the parent. */
  readonly wave: number;
  /** How it comes to exist, e.g. `ApplicationSet pms-clusters (list generator)`. @default `Application in argocd/` */
  readonly createdBy?: string;
  /** Where its definition and wave come from, e.g. `releaseApplication (apps/argocd/src/release-applications.ts)`. */
  readonly source: string;
  /** The objects it applies. */
  readonly objects: readonly PlanObject[];
  /** What it provides once Healthy (a controller, an admission webhook, an aggregated API, CRDs of a chart). */
  readonly provides: readonly Provision[];
  /** What it needs before it can be Healthy (e.g. a controller's IAM role, its CRDs). @default none */
  readonly requires?: readonly Requirement[];
  /** The Helm release it installs, when it installs one. @default none */
  readonly chart?: { readonly name: string; readonly releaseName: string; readonly namespace: string };
}

/** Something outside the Applications that provides a key: a cluster prerequisite, the cluster itself. */
export interface ExternalProvision extends Provision {
  /** How it is satisfied, e.g. `cluster prerequisite \`acm-dns-validation\` (during the first sync)`. */
  readonly satisfiedBy: string;
}

/** What `buildSyncPlan` plans. */
export interface PlanInput {
  /** Cluster name (messages). */
  readonly cluster: string;
  /** Every Application that syncs to the cluster. */
  readonly applications: readonly PlanApplication[];
  /** Provisions from outside the Applications (cluster prerequisites, built-in namespaces and kinds). */
  readonly external: readonly ExternalProvision[];
  /** The `group/Kind`s Argo CD assesses health of (built in, Argo CD's Lua, `argocd-cm`). */
  readonly healthChecked: readonly string[];
  /** True when `argocd-cm` gives `argoproj.io/Application` a health check (a parent can wait for a child). */
  readonly applicationHealth: boolean;
}

/** One prerequisite of one step, resolved. */
export interface ResolvedPrerequisite {
  /** The requirement. */
  readonly requirement: Requirement;
  /** Where it is satisfied, e.g. `Application pms-dev-aws-load-balancer-controller, wave -5`; absent: a violation. */
  readonly satisfiedBy?: string;
  /** Why it is not satisfied. @default none */
  readonly problem?: string;
  /**
   * What to edit when an Application that provides it is not ordered before: the waves to change and the sources that
   * set them (`PlanApplication.source`). @default none
   */
  readonly fix?: string;
}

/** One object in its place. */
export interface PlanStep {
  /** The Application applying it. */
  readonly application: PlanApplication;
  /** The object. */
  readonly object: PlanObject;
  /** Its slot inside the Application. */
  readonly slot: SyncSlot;
  /** Its prerequisites, resolved. */
  readonly prerequisites: readonly ResolvedPrerequisite[];
}

/** The plan of one cluster. */
export interface SyncPlan {
  /** Cluster name. */
  readonly cluster: string;
  /** The Applications in start order (parent wave, then name); each with its own prerequisites resolved. */
  readonly applications: readonly {
    readonly application: PlanApplication;
    readonly prerequisites: readonly ResolvedPrerequisite[];
  }[];
  /** Every object, by Application (in `applications` order), then Argo CD's order inside it. */
  readonly steps: readonly PlanStep[];
  /** Every unsatisfied prerequisite, naming both ends. */
  readonly violations: readonly ConfigIssue[];
}

/** The key of an object's own identity: `object:<group>/<Kind>/<namespace>/<name>`. */
export function objectKey(manifest: Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>): string {
  return `object:${groupKind(manifest)}/${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`;
}

/** The provisions every object carries by itself: its identity, a Namespace's name, a full CRD's group/kind. */
export function ownProvisions(manifest: Manifest): Provision[] {
  const own: Provision[] = [{ key: objectKey(manifest), what: objectRef(manifest) }];
  if (manifest.kind === 'Namespace' && apiGroup(manifest) === '')
    own.push({ key: `namespace:${manifest.metadata.name}`, what: `Namespace ${manifest.metadata.name}` });
  const spec = manifest.spec as { group?: string; names?: { kind?: string } } | undefined;
  if (manifest.kind === 'CustomResourceDefinition' && spec?.group && spec.names?.kind)
    own.push({
      key: `crd:${spec.group}/${spec.names.kind}`,
      what: `CRD ${manifest.metadata.name}`,
    });
  return own;
}

interface Provider {
  readonly provision: Provision;
  readonly application?: PlanApplication;
  readonly step?: { readonly slot: SyncSlot; readonly object: PlanObject };
  readonly external?: ExternalProvision;
}

/** Order of Applications: those with a parent by their wave there, then the others; then by name. */
function applicationOrder(a: PlanApplication, b: PlanApplication): number {
  const rank = (app: PlanApplication) => (app.parent === undefined ? 1 : 0);
  return rank(a) - rank(b) || a.wave - b.wave || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Describes an Application's place, e.g. `Application pms-dev-strimzi (wave 1 of pms-argocd)`. */
export function describeApplication(app: PlanApplication): string {
  return app.parent === undefined
    ? `Application ${app.name} (unordered: ${app.createdBy ?? 'created outside any ordered sync'})`
    : `Application ${app.name} (wave ${app.wave} of ${app.parent})`;
}

/**
 * Builds the plan and checks it: every requirement of every object (and every Application) must be provided by
 * something that is there before it, the way Argo CD orders things:
 * - outside Git (a cluster prerequisite, the cluster itself): always;
 * - another Application: only when both are applied by the same parent in different waves, the provider's earlier,
 *   and the parent can wait for Application health; a provider in a later wave "precedes" the object: a violation;
 * - the same Application: a Namespace or CRD always (the engine moves it before its first user); an `applied` need
 *   from an earlier slot; a `healthy` need from an earlier phase or wave, with a health assessment (without one the
 *   engine does not wait: "waits on health that nothing provides");
 * - nothing: a violation.
 */
export function buildSyncPlan(input: PlanInput): SyncPlan {
  const apps = [...input.applications].sort(applicationOrder);
  const healthChecked = new Set(input.healthChecked);
  const providers = new Map<string, Provider[]>();
  const add = (provider: Provider) => {
    const list = providers.get(provider.provision.key) ?? [];
    list.push(provider);
    providers.set(provider.provision.key, list);
  };
  for (const external of input.external) add({ provision: external, external });

  const stepsOf = new Map<PlanApplication, { slot: SyncSlot; object: PlanObject }[]>();
  for (const app of apps) {
    const steps = app.objects
      .map((object) => ({ slot: syncSlotOf(object.manifest), object }))
      .filter((s): s is { slot: SyncSlot; object: PlanObject } => s.slot !== undefined)
      .sort((a, b) => compareSlots(a.slot, b.slot));
    stepsOf.set(app, steps);
    for (const step of steps)
      for (const provision of [...ownProvisions(step.object.manifest), ...(step.object.provides ?? [])])
        add({ provision, application: app, step });
    for (const provision of app.provides) add({ provision, application: app });
  }

  const before = (provider: PlanApplication, app: PlanApplication) =>
    input.applicationHealth &&
    provider.parent !== undefined &&
    provider.parent === app.parent &&
    provider.wave < app.wave;

  /** Where `requirement` of `app`'s object at `slot` (or of `app` itself) is satisfied, or why not. */
  const resolve = (
    requirement: Requirement,
    app: PlanApplication,
    at?: { slot: SyncSlot; object: PlanObject },
  ): ResolvedPrerequisite => {
    const candidates = (providers.get(requirement.key) ?? []).filter(
      (p) => at === undefined || p.step?.object !== at.object,
    );
    if (candidates.length === 0) return { requirement, problem: 'nothing provides it' };
    const problems: string[] = [];
    const fixes: string[] = [];
    for (const provider of candidates) {
      if (provider.external) return { requirement, satisfiedBy: provider.external.satisfiedBy };
      const from = provider.application!;
      if (from !== app) {
        if (before(from, app))
          return {
            requirement,
            satisfiedBy: `${describeApplication(from)}${provider.step ? `, ${objectRef(provider.step.object.manifest)}` : ''}`,
          };
        problems.push(
          `provided by ${describeProvider(provider)}, which is not ordered before ${describeApplication(app)}${input.applicationHealth ? '' : ' (argocd-cm has no health check for argoproj.io/Application, so no parent waits for a child)'}`,
        );
        if (input.applicationHealth) fixes.push(orderingFix(from, app));
        continue;
      }
      if (!at || !provider.step) {
        problems.push(`provided by ${describeProvider(provider)} itself, which needs it first`);
        continue;
      }
      const theirs = provider.step.slot;
      const where = `${objectRef(provider.step.object.manifest)} (wave ${theirs.wave}, same Application)`;
      const moved = requirement.key.startsWith('namespace:') || requirement.key.startsWith('crd:');
      if (moved) return { requirement, satisfiedBy: where };
      if (requirement.need === 'applied') {
        if (compareSlots(theirs, at.slot) < 0) return { requirement, satisfiedBy: where };
        problems.push(`${where} is applied after it`);
        continue;
      }
      if (!earlierStep(theirs, at.slot)) {
        problems.push(`${where} is not in an earlier wave, so Argo CD does not wait for it first`);
        continue;
      }
      const kind = groupKind(provider.step.object.manifest);
      if (!healthChecked.has(kind)) {
        problems.push(
          `${where} has no health check (${kind}: not built into Argo CD, no key in argocd-cm), so Argo CD does not wait for it to be Healthy`,
        );
        continue;
      }
      return { requirement, satisfiedBy: where };
    }
    const fix = [...new Set(fixes)].join('; or ');
    return { requirement, problem: problems.join('; '), ...(fix ? { fix } : {}) };
  };

  const violations: ConfigIssue[] = [];
  const violation = (
    subject: string,
    subjectSource: string,
    subjectPlace: string,
    prerequisite: ResolvedPrerequisite,
  ) => {
    const need =
      prerequisite.requirement.need === 'applied' ? 'before it is applied' : 'Healthy before it can be';
    violations.push({
      cluster: input.cluster,
      field: `sync plan: ${subject}`,
      value: prerequisite.requirement.what,
      problem: `${subject} (${subjectSource}; ${subjectPlace}) needs ${prerequisite.requirement.what} ${need}, but ${prerequisite.problem}`,
      allowed: `${prerequisite.fix ? `${prerequisite.fix}; or ` : ''}a plan where ${prerequisite.requirement.what} is there first: provided in an earlier wave (of the same Application, or of an Application the same parent syncs in an earlier wave), or by a cluster prerequisite; or ${subject} no longer needing it`,
      where: 'sync plan',
    });
  };

  const applications = apps.map((application) => {
    const prerequisites = (application.requires ?? []).map((r) => resolve(r, application));
    for (const p of prerequisites)
      if (p.problem)
        violation(`Application ${application.name}`, application.source, describeApplication(application), p);
    return { application, prerequisites };
  });
  const steps: PlanStep[] = [];
  for (const application of apps) {
    for (const at of stepsOf.get(application)!) {
      const prerequisites = (at.object.requires ?? []).map((r) => resolve(r, application, at));
      for (const p of prerequisites)
        if (p.problem)
          violation(
            objectRef(at.object.manifest),
            at.object.source,
            `${describeApplication(application)}, wave ${at.slot.wave}`,
            p,
          );
      steps.push({ application, object: at.object, slot: at.slot, prerequisites });
    }
  }
  return { cluster: input.cluster, applications, steps, violations: dedupe(violations) };
}

/**
 * How to order `provider` before `app`, naming where each Application's place is set (its `source`): a wave of their
 * common parent below the other's, or both under one parent.
 */
function orderingFix(provider: PlanApplication, app: PlanApplication): string {
  if (provider.parent !== undefined && provider.parent === app.parent)
    return `Application ${provider.name} in a wave of ${app.parent} below ${app.wave} (its wave is set by ${provider.source}), or Application ${app.name} in a wave above ${provider.wave} (set by ${app.source})`;
  return `Application ${provider.name} (${provider.source}) and Application ${app.name} (${app.source}) applied by one parent, ${provider.name} in the earlier wave`;
}

function describeProvider(provider: Provider): string {
  const app = describeApplication(provider.application!);
  return provider.step ? `${objectRef(provider.step.object.manifest)} of ${app}` : app;
}

function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.field}|${formatValue(issue.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
