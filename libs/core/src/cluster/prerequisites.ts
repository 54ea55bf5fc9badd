/**
 * What must be true outside this repository (in AWS, in DNS, in the cluster) before, or while, a cluster first
 * syncs: each as data, so the generated READMEs, the docs and tooling (a sync plan) read the same list. The render
 * cannot do these itself, typically because they need a value that exists only after a sync (an ACM validation
 * record) or an identity ACK cannot create for itself.
 */

/** One prerequisite of a cluster, with the commands that check it and make it hold. */
export interface ClusterPrerequisite {
  /** Stable kebab-case id, e.g. `acm-dns-validation`; unique within a cluster. */
  readonly id: string;
  /** What must hold, in one line, e.g. "The ACM certificate for pms.example.com is validated (ISSUED)". */
  readonly title: string;
  /** Why the cluster needs it: what fails, and where it shows, while it does not hold; when it can be done. */
  readonly why: string;
  /** A shell command, exact for this cluster, that exits 0 when the prerequisite holds and non-zero otherwise. */
  readonly check: string;
  /** The shell command(s), exact for this cluster, that make it hold (a `$VARIABLE` is explained in `why`). */
  readonly fix: string;
}
