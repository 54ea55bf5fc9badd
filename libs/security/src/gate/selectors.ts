/** Kubernetes label selectors, evaluated as the API server does. */
import { list, stringMap } from './model.js';

/** A label selector requirement (`matchExpressions` entry). */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** A label selector; an empty selector selects everything. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** True when `labels` satisfy every `matchLabels` entry and every `matchExpressions` requirement. */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const matchLabels = stringMap((selector as LabelSelector | undefined)?.matchLabels);
  for (const [key, value] of Object.entries(matchLabels)) {
    if (labels[key] !== value) return false;
  }
  for (const requirement of list<LabelSelectorRequirement>(
    (selector as LabelSelector | undefined)?.matchExpressions,
  )) {
    const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!has || !values.includes(labels[requirement.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[requirement.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service's `spec.selector` (plain map) as a label selector. */
export function mapSelectorMatches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
