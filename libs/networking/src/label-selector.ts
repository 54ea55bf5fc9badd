/** Kubernetes label selectors (`matchLabels` and `matchExpressions`), as NetworkPolicies and Services use them. */

/** A requirement of a label selector. */
export interface LabelSelectorRequirement {
  /** Label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /** Values for `In` and `NotIn`. */
  readonly values?: readonly string[];
}

/** A label selector; empty (`{}`) selects everything. */
export interface LabelSelector {
  /** Labels that must all be present with these values. */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** Requirements that must all hold. */
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** Labels of an object. */
export type Labels = Readonly<Record<string, string>>;

/**
 * True when `labels` satisfy `selector`: every `matchLabels` pair present and every expression true
 * (requirements ANDed). An unknown operator matches nothing, as the API server would reject it.
 */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    const value = labels[key];
    switch (operator) {
      case 'In':
        if (!has || !values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value!)) return false;
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

/** `a=b,c in (d,e)`: a selector in kubectl's notation, for messages and docs; `(all)` when empty. */
export function formatSelector(selector: LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values = [] } of selector?.matchExpressions ?? []) {
    if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
    else parts.push(`${key} ${operator.toLowerCase()} (${values.join(',')})`);
  }
  return parts.length > 0 ? parts.join(',') : '(all)';
}
