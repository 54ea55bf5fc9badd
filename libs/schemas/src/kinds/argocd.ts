import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { checkGap, FIELD_GAPS, gapFields } from '../gaps.js';
import { checkWithModel, type ModelClass } from '../strict.js';
import type { KindSchema } from './kind.js';

const MODELS: readonly [kind: string, model: ModelClass][] = [
  ['Application', Application],
  ['ApplicationSet', ApplicationSet],
  ['AppProject', AppProject],
];

/** Argo CD's kinds, checked against the schemas @kubernetes-models/argo-cd compiles from Argo CD's API types. */
export const argoCdKinds: readonly KindSchema[] = MODELS.map(([kind, model]) => {
  const gaps = FIELD_GAPS[`argoproj.io/v1alpha1 ${kind}`] ?? [];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind,
    scope: 'Namespaced',
    source: '@kubernetes-models/argo-cd',
    check: (object: unknown) =>
      checkWithModel(
        model,
        object,
        (path, value) => checkGap(gaps, path, value),
        (path) => gapFields(gaps, path),
      ),
  };
});
