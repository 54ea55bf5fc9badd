import { recommendedLabels } from '@pms/core';

/** Recommended labels of an ACK object: `app.kubernetes.io/name` is the object's name, the component its role. */
export function ackLabels(name: string, component: string): Record<string, string> {
  return recommendedLabels(name, component);
}
