/**
 * How a sync plan reads: as text for `pnpm sync-plan` (every object and prerequisite), and as the "First sync" section
 * of the cluster README (the manual prerequisites AWS makes unavoidable, with their commands, then the plan by wave).
 */
import {
  describeApplication,
  FIRST_SYNC_TITLE,
  formatIssue,
  markdownTable,
  objectRef,
  prerequisitesLink,
  type ClusterPrerequisite,
  type DocSection,
  type PlanStep,
  type SyncPlan,
} from '@pms/core';
import { SyncKeys } from './sync-plan.js';

/** The plan as text: Applications in start order, their objects in Argo CD's order, each prerequisite and its provider. */
export function formatSyncPlan(plan: SyncPlan): string {
  const lines = [
    `Sync plan of ${plan.cluster}: Applications in the order their parent syncs them (wave), objects in Argo CD's order (phase, wave, kind, name)`,
  ];
  for (const { application, prerequisites } of plan.applications) {
    lines.push('', `${describeApplication(application)} — ${application.source}`);
    for (const p of prerequisites)
      lines.push(
        p.satisfiedBy
          ? `  needs ${p.requirement.what} ← ${p.satisfiedBy}`
          : `  ✗ needs ${p.requirement.what}: ${p.problem}`,
      );
    let step = '';
    for (const s of plan.steps.filter((st) => st.application === application)) {
      const here = `${s.slot.phase} wave ${s.slot.wave}`;
      if (here !== step) lines.push(`  ${here}`);
      step = here;
      lines.push(`    ${objectRef(s.object.manifest)}  (${s.object.source})`);
      for (const p of s.prerequisites)
        lines.push(
          p.satisfiedBy
            ? `      ${p.requirement.what} ← ${p.satisfiedBy}`
            : `      ✗ ${p.requirement.what}: ${p.problem}`,
        );
    }
  }
  lines.push(
    '',
    plan.violations.length === 0
      ? `No violation: every prerequisite of every object is there before it (${plan.steps.length} objects, ${plan.applications.length} Applications).`
      : `${plan.violations.length} violation(s):\n${plan.violations.map(formatIssue).join('\n')}`,
  );
  return lines.join('\n');
}

/** `Kind ×n` counts of some steps, in first-seen order. */
function kindsOf(steps: readonly PlanStep[]): string {
  const counts = new Map<string, number>();
  for (const s of steps) counts.set(s.object.manifest.kind, (counts.get(s.object.manifest.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(', ');
}

/** What a group of steps waits for outside itself: the providers of its prerequisites, once each. */
function waitsFor(steps: readonly PlanStep[], application: SyncPlan['applications'][number]): string {
  const inside = new Set(steps.map((s) => objectRef(s.object.manifest)));
  const providers = new Set<string>();
  for (const p of [...application.prerequisites, ...steps.flatMap((s) => s.prerequisites)]) {
    const by = p.satisfiedBy;
    if (!by || by.startsWith('the cluster') || [...inside].some((ref) => by.startsWith(ref))) continue;
    const app = /^Application (\S+)/.exec(by);
    const prerequisite = /^cluster prerequisite (`[^`]+`)/.exec(by);
    providers.add(
      app
        ? `\`${app[1]}\``
        : prerequisite
          ? prerequisite[1]!
          : by.replace(/ \(wave -?\d+, same Application\)$/, ''),
    );
  }
  return [...providers].join(', ') || '—';
}

/** A prerequisite's commands, for the steps that carry them (the Argo CD side's: nothing else in the README has them). */
function commandsOf(p: ClusterPrerequisite): string {
  return [
    `**${p.id}**: ${p.title}. Why: ${p.why}.`,
    '',
    '```sh',
    `# check: exits 0 when it holds (inspect: ${p.inspect.length > 160 ? 'see the check' : p.inspect})`,
    p.check,
    '# fix',
    p.fix,
    '```',
    '',
    `Source: ${p.source}.`,
  ].join('\n');
}

/** The objects of the plan that need a prerequisite, as `Kind ns/name (Application a, wave w)`. */
function usersOf(plan: SyncPlan, id: string): string[] {
  const key = SyncKeys.prerequisite(id);
  return plan.steps
    .filter((s) => s.prerequisites.some((p) => p.requirement.key === key))
    .map(
      (s) => `${objectRef(s.object.manifest)} (Application \`${s.application.name}\`, wave ${s.slot.wave})`,
    );
}

/**
 * The README section, derived from the plan and the prerequisites: step 1, what must hold before anything syncs (the
 * Argo CD side's prerequisites with their commands, then the cluster's `before-first-sync` prerequisites, whose
 * commands are in "Cluster prerequisites"); step 2, register and merge, then the plan by Application and wave; step 3,
 * every `during-first-sync` prerequisite with the objects of the plan that need it.
 *
 * @param manual the Argo CD side's prerequisites (`ClusterSyncSources.prerequisites`): their commands are printed here
 * @param cluster the cluster's own prerequisites (`BuiltCluster.prerequisites`), listed with a link to their commands
 */
export function firstSyncSection(
  plan: SyncPlan,
  manual: readonly ClusterPrerequisite[],
  cluster: readonly ClusterPrerequisite[],
  order: number,
): DocSection {
  const at = (when: ClusterPrerequisite['when']) => ({
    manual: manual.filter((p) => p.when === when),
    cluster: cluster.filter((p) => p.when === when),
  });
  const before = at('before-first-sync');
  const during = at('during-first-sync');
  const listed = (ps: readonly ClusterPrerequisite[]) =>
    ps.map((p) => `- ${prerequisitesLink(p.id)}: ${p.title}.`).join('\n');
  const rows: string[][] = [];
  for (const app of plan.applications) {
    const steps = plan.steps.filter((s) => s.application === app.application);
    const waves = [...new Set(steps.map((s) => `${s.slot.phase}/${s.slot.wave}`))];
    const place = app.application.parent === undefined ? 'unordered' : `${app.application.wave}`;
    if (waves.length <= 1 || app.application.chart) {
      rows.push([place, `\`${app.application.name}\``, '', kindsOf(steps) || '—', waitsFor(steps, app)]);
      continue;
    }
    for (const wave of waves) {
      const inWave = steps.filter((s) => `${s.slot.phase}/${s.slot.wave}` === wave);
      const [phase, number] = wave.split('/');
      rows.push([
        place,
        `\`${app.application.name}\``,
        phase === 'Sync' ? number! : `${phase} ${number}`,
        kindsOf(inWave),
        waitsFor(inWave, { ...app, prerequisites: [] }),
      ]);
    }
  }
  const parents = [...new Set(plan.applications.map((a) => a.application.parent))].filter(
    (p): p is string => p !== undefined,
  );
  const parent = parents.length === 1 ? `\`${parents[0]}\`` : 'the bootstrap Application';
  const duringItems = during.cluster.map((p) => {
    const users = usersOf(plan, p.id);
    return users.length > 0
      ? `- ${prerequisitesLink(p.id)}: ${p.title}. Needed by ${users.join(', ')}: make it hold once Argo CD has applied ${users.length > 1 ? 'them' : 'it'}.`
      : `- ${prerequisitesLink(p.id)}: ${p.title}. No object of the sync needs it first: make it hold once the sync has applied what relies on it: ${p.requiredBy}.`;
  });
  const duringCount = during.manual.length + duringItems.length;
  return {
    title: FIRST_SYNC_TITLE,
    order,
    body: [
      `A new cluster's first sync, in order. Everything below is checked by the render (\`pnpm sync-plan ${plan.cluster}\` prints every object with each prerequisite and where it is satisfied): no object comes before what it needs, and every wave waits only on health Argo CD can assess.`,
      `**1. By hand, before anything syncs.**${before.manual.length > 0 ? ' What the sync cannot create (AWS allows no other way):' : ''}`,
      ...before.manual.map(commandsOf),
      ...(before.cluster.length > 0
        ? [
            `Then make these cluster prerequisites hold (their commands are in ${prerequisitesLink()}):`,
            listed(before.cluster),
          ]
        : []),
      `**2. Register the cluster and merge.** \`argocd cluster add <kube-context> --name ${plan.cluster}\`; the bootstrap Application ${parent} then applies the cluster's Applications wave by wave and waits for each to be Healthy (the Application health check in \`argocd-cm\`), and each Application applies its objects wave by wave:`,
      markdownTable(
        [
          `${parents.length === 1 ? parents[0] : 'parent'} wave`,
          'Application',
          'its wave',
          'applies',
          'waits for (outside itself)',
        ],
        rows,
      ),
      duringCount > 0
        ? `**3. By hand, during the sync** (each needs something the sync creates first):`
        : '**3. During the sync**: nothing to do by hand.',
      ...during.manual.map(commandsOf),
      ...(duringItems.length > 0
        ? [`${duringItems.join('\n')}\n\nTheir commands are in ${prerequisitesLink()}.`]
        : []),
    ].join('\n\n'),
  };
}
