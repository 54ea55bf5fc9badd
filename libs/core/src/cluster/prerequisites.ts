/**
 * Cluster prerequisites: what must be true of an EKS cluster before its first sync that this repository does not
 * manage itself (an EKS add-on's configuration, an add-on that must be installed or must not be), each with a
 * command that checks it and one that fixes it. Data, so that the cluster README's first-sync section and
 * tooling (`pnpm sync-plan`) read the same list; every concern contributes the prerequisites its objects rely on.
 */
import { markdownTable, type DocSection } from '../docs/readme.js';

/** One prerequisite of a cluster, with the commands that check and fix it (for that cluster, ready to paste). */
export interface ClusterPrerequisite {
  /** Stable identifier, e.g. `vpc-cni-network-policy` (kebab case); tooling refers to it. */
  readonly id: string;
  /** What must be true, in one sentence. */
  readonly title: string;
  /** What breaks without it, and how silently. */
  readonly why: string;
  /** The rendered objects (or Argo CD Applications) that rely on it, e.g. `every NetworkPolicy in pms`. */
  readonly requiredBy: string;
  /** A read-only command that prints the state to compare with `expect`. */
  readonly inspect: string;
  /** What `inspect` prints when the prerequisite holds. */
  readonly expect: string;
  /** A read-only shell command that exits 0 exactly when the prerequisite holds (for scripts). */
  readonly check: string;
  /** The command (or the first command) that makes it hold; a note after `#` says what to adapt. */
  readonly fix: string;
  /** Where the requirement and the commands come from (documentation page or source file). */
  readonly source: string;
}

/** The kebab-case form every prerequisite id takes. */
export const PREREQUISITE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** README title of the prerequisites section (tests and tooling find it by this title). */
export const PREREQUISITES_TITLE = 'Cluster prerequisites';

/**
 * The README section listing a cluster's prerequisites: a table (what, why, relied on by) and, per prerequisite,
 * the commands to inspect, check and fix it. Ids must be unique and kebab case (a programming error otherwise).
 */
export function prerequisitesSection(
  prerequisites: readonly ClusterPrerequisite[],
  order: number,
): DocSection {
  const ids = new Set<string>();
  for (const p of prerequisites) {
    if (!PREREQUISITE_ID.test(p.id) || ids.has(p.id))
      throw new Error(`cluster prerequisite id ${JSON.stringify(p.id)} is not unique kebab case`);
    ids.add(p.id);
  }
  const commands = prerequisites.map((p) =>
    [
      `**${p.id}**: ${p.title}`,
      '',
      '```sh',
      `# inspect (expect: ${p.expect})`,
      p.inspect,
      '# check: exits 0 when it holds',
      p.check,
      '# fix',
      p.fix,
      '```',
      '',
      `Source: ${p.source}.`,
    ].join('\n'),
  );
  return {
    title: PREREQUISITES_TITLE,
    order,
    body: [
      'Not managed by this repository, and not visible in the rendered objects: check each before the first sync (and after an EKS add-on change). Every one of them fails silently or late if missing.',
      markdownTable(
        ['id', 'must hold', 'why', 'relied on by'],
        prerequisites.map((p) => [`\`${p.id}\``, p.title, p.why, p.requiredBy]),
      ),
      ...commands,
    ].join('\n\n'),
  };
}
