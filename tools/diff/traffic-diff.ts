/**
 * The migration's traffic shift, read from the rendered objects of base and head: the weight of the ALB's record
 * (the Ingress's `external-dns.alpha.kubernetes.io/aws-weight`) against the legacy load balancers' (the DNSEndpoints'
 * `aws/weight`), as Route 53 splits the host's answers (weight / sum of weights). A weight change reads as a traffic
 * shift, `ALB 10 % → 50 %`; a jump straight to 100 % and a shift back are risks.
 */
import { albPercentOf, FULL_WEIGHT, renderedSplit, splitText } from '@pms/ingress';
import { manifestsOf, type RenderedTree } from './objects.js';
import type { RiskFlag } from './risks.js';

/** The ALB's share of the host's answers before and after the change. */
export interface TrafficShift {
  /** Percent before; undefined when base published no weighted record (a new cluster, or before the migration). */
  readonly before: number | undefined;
  /** Percent after; undefined when head publishes none. */
  readonly after: number | undefined;
  /** Legacy records (set identifiers) before. */
  readonly legacyBefore: readonly string[];
  /** Legacy records (set identifiers) after. */
  readonly legacyAfter: readonly string[];
}

/** A shift to 100 % from below this share is a jump: more than half the traffic moves to the ALB at once. */
export const JUMP_TO_FULL_BELOW = 50;

/** The shift between base and head, or undefined when the split and its legacy records are unchanged. */
export function diffTrafficShift(base: RenderedTree, head: RenderedTree): TrafficShift | undefined {
  const before = renderedSplit(manifestsOf(base));
  const after = renderedSplit(manifestsOf(head));
  const shift: TrafficShift = {
    before: albPercentOf(before),
    after: albPercentOf(after),
    legacyBefore: [...before.legacy.keys()].sort(),
    legacyAfter: [...after.legacy.keys()].sort(),
  };
  const same =
    shift.before === shift.after &&
    shift.legacyBefore.join(',') === shift.legacyAfter.join(',') &&
    [...before.legacy].every(([id, w]) => after.legacy.get(id) === w);
  return same ? undefined : shift;
}

/** `ALB 10 % → 50 %` (or `no weighted records → ALB 100 %`). */
export function describeShift(shift: TrafficShift): string {
  const side = (percent: number | undefined) =>
    percent === undefined ? 'no weighted records' : splitText(percent);
  if (shift.before !== undefined && shift.after !== undefined && shift.before !== shift.after)
    return `ALB ${shift.before} % → ${shift.after} % (${side(shift.before)} → ${side(shift.after)})`;
  return `${side(shift.before)} → ${side(shift.after)}`;
}

/**
 * The shift's risks: straight to 100 % from below `JUMP_TO_FULL_BELOW` (the legacy records go at once, with no step
 * to watch the ALB under most of the load), and any shift back to the legacy load balancers (a rollback: usually the
 * ALB failing, and the legacy ones must still be there and sized for it).
 */
export function trafficShiftRisks(shift: TrafficShift | undefined): RiskFlag[] {
  if (!shift || shift.before === undefined || shift.after === undefined) return [];
  if (shift.after >= FULL_WEIGHT && shift.before < JUMP_TO_FULL_BELOW)
    return [
      {
        kind: 'traffic-jump-to-full',
        message: `${describeShift(shift)}: the legacy records disappear with no step in between; shift in steps (e.g. ${shift.before} → 50 → 100 %) and watch the ALB's errors and latency at each`,
      },
    ];
  if (shift.after < shift.before)
    return [
      {
        kind: 'traffic-shift-back',
        message: `${describeShift(shift)}: traffic moves back to the legacy load balancers; they must still exist and take the load (check their health before merging)`,
      },
    ];
  return [];
}
