/**
 * Cluster prerequisites: what must be true outside this repository (an EKS add-on's configuration, an add-on that
 * must be installed or must not be, a DNS record in AWS) for a cluster's first sync to complete, and afterwards.
 * The render cannot do these itself: they live in AWS or in EKS, or need a value that exists only after a sync
 * (an ACM validation record). Each is data with the commands that inspect, check and fix it for that cluster, so
 * the cluster README's "Cluster prerequisites" section, the docs and tooling (`pnpm sync-plan`) read the same list;
 * every concern contributes the prerequisites its objects rely on (networking: EKS add-ons; security: the
 * certificate's DNS validation; ingress: no simple record next to the host's weighted ones), gathered on
 * `BuiltCluster.prerequisites`.
 */
import { anchor, markdownTable, type DocSection } from '../docs/readme.js';

/**
 * When a prerequisite can be made to hold: `before-first-sync` (it depends on nothing the sync creates), or
 * `during-first-sync` (it needs something the sync creates first, e.g. the ACM validation record in an ACK
 * Certificate's status, and the sync waits for it at that object's wave).
 */
export type PrerequisiteTiming = 'before-first-sync' | 'during-first-sync';

/** How the README words each timing. */
const TIMING_TEXT: Readonly<Record<PrerequisiteTiming, string>> = {
  'before-first-sync': 'before the first sync',
  'during-first-sync': 'during the first sync, once the objects it reads exist',
};

/** One prerequisite of a cluster, with the commands that inspect, check and fix it (for that cluster, ready to paste). */
export interface ClusterPrerequisite {
  /** Stable identifier, e.g. `vpc-cni-network-policy` or `acm-dns-validation` (kebab case, unique within a cluster); tooling refers to it. */
  readonly id: string;
  /** What must be true, in one sentence, e.g. "The ACM certificate for pms.example.com is validated (status ISSUED)". */
  readonly title: string;
  /** What breaks without it (and how silently), and anything the commands leave to the reader (a `$VARIABLE`). */
  readonly why: string;
  /** When it can be made to hold (`PrerequisiteTiming`). */
  readonly when: PrerequisiteTiming;
  /** The rendered objects (or Argo CD Applications) that rely on it, e.g. `every NetworkPolicy in pms`. */
  readonly requiredBy: string;
  /** A read-only command that prints the state to compare with `expect`. */
  readonly inspect: string;
  /** What `inspect` prints when the prerequisite holds. */
  readonly expect: string;
  /** A read-only shell command that exits 0 exactly when the prerequisite holds (for scripts). */
  readonly check: string;
  /** The command(s) that make it hold; a note after `#`, or `why`, says what to adapt. */
  readonly fix: string;
  /** Where the requirement and the commands come from (documentation page or source file). */
  readonly source: string;
}

/** The kebab-case form every prerequisite id takes. */
export const PREREQUISITE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** README title of the prerequisites section (tests, tooling and other sections' links find it by this title). */
export const PREREQUISITES_TITLE = 'Cluster prerequisites';

/** A Markdown link to the prerequisites section of the same README, for other sections that mention one. */
export function prerequisitesLink(id?: string): string {
  const label = id === undefined ? PREREQUISITES_TITLE : `\`${id}\``;
  return `[${label}](#${anchor(PREREQUISITES_TITLE)})`;
}

/**
 * README title of the section that orders a cluster's first sync (written by `@pms/platform` once the Argo CD side is
 * known: the prerequisites by timing, then the sync plan by Application and wave).
 */
export const FIRST_SYNC_TITLE = 'First sync';

/** A Markdown link to the first-sync section of the same README, for sections that leave the order to it. */
export function firstSyncLink(): string {
  return `[${FIRST_SYNC_TITLE}](#${anchor(FIRST_SYNC_TITLE)})`;
}

/**
 * The README section listing a cluster's prerequisites: a table (what, when, why, relied on by) and, per
 * prerequisite, the commands to inspect, check and fix it. Ids must be unique and kebab case (a programming error
 * otherwise).
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
      'Not managed by this repository, and not visible in the rendered objects: make each hold when its row says (and check again after an EKS add-on change). Every one of them fails silently or late if missing.',
      markdownTable(
        ['id', 'must hold', 'when', 'why', 'relied on by'],
        prerequisites.map((p) => [`\`${p.id}\``, p.title, TIMING_TEXT[p.when], p.why, p.requiredBy]),
      ),
      ...commands,
    ].join('\n\n'),
  };
}
