/**
 * How a sync plan reads: as text for `pnpm sync-plan` (every object and prerequisite), and as the "First sync" section
 * of the cluster README (the manual prerequisites AWS makes unavoidable, with their commands, then the plan by wave).
 */
import {
  describeApplication,
  formatIssue,
  markdownTable,
  objectRef,
  prerequisitesLink,
  type ClusterPrerequisite,
  type DocSection,
  type PlanStep,
  type SyncPlan,
} from '@pms/core';

/** README title of the first-sync section. */
export const FIRST_SYNC_TITLE = 'First sync';

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

/**
 * The README section: what to do by hand before the first sync (the AWS prerequisites with their commands; the EKS
 * add-ons and the certificate's DNS record are in "Cluster prerequisites"), then the plan by Application and wave.
 */
export function firstSyncSection(
  plan: SyncPlan,
  manual: readonly ClusterPrerequisite[],
  order: number,
): DocSection {
  const commands = manual.map((p) =>
    [
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
    ].join('\n'),
  );
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
  return {
    title: FIRST_SYNC_TITLE,
    order,
    body: [
      `A new cluster's first sync, in order. Everything below is checked by the render (\`pnpm sync-plan ${plan.cluster}\` prints every object with each prerequisite and where it is satisfied): no object comes before what it needs, and every wave waits only on health Argo CD can assess.`,
      `**1. By hand, before anything syncs** (AWS allows no other way). The EKS add-ons and the certificate's DNS validation record are in ${prerequisitesLink()}.`,
      ...commands,
      `**2. Register the cluster and merge.** \`argocd cluster add <kube-context> --name ${plan.cluster}\`; the bootstrap Application \`pms-argocd\` then applies the cluster's Applications wave by wave and waits for each to be Healthy (the Application health check in \`argocd-cm\`), and each Application applies its objects wave by wave:`,
      markdownTable(
        ['pms-argocd wave', 'Application', 'its wave', 'applies', 'waits for (outside itself)'],
        rows,
      ),
      `**3. During the sync**: create the certificate's DNS validation record when the sync waits at the certificate (${prerequisitesLink('acm-dns-validation')}).`,
    ].join('\n\n'),
  };
}
