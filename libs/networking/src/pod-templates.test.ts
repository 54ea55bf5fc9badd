import type { Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { POD_TEMPLATE_PATHS, podTemplateOf, podTemplates, WORKLOAD_KINDS } from './pod-templates.js';

const template = {
  metadata: { labels: { app: 'x', tier: 7 }, annotations: { note: 'y' } },
  spec: { containers: [{ name: 'x', image: 'x:1' }] },
};

/** An object of `kind` holding the template where that kind keeps it. */
function objectOf(kind: string): Manifest {
  const path = POD_TEMPLATE_PATHS[kind]!;
  const base: Record<string, unknown> = { apiVersion: 'v1', kind, metadata: { name: 'x', namespace: 'pms' } };
  if (path.length === 0)
    return {
      ...base,
      ...template,
      metadata: { ...template.metadata, name: 'x', namespace: 'pms' },
    } as unknown as Manifest;
  let holder: Record<string, unknown> = base;
  path.slice(0, -1).forEach((key) => (holder = (holder[key] ??= {}) as Record<string, unknown>));
  holder[path.at(-1)!] = template;
  return base as Manifest;
}

describe('podTemplates', () => {
  it.each(WORKLOAD_KINDS)('reads the pod template of a %s, with its path', (kind) => {
    const pod = podTemplateOf(objectOf(kind))!;
    expect(pod.specPath).toBe([...POD_TEMPLATE_PATHS[kind]!, 'spec'].join('.'));
    expect(pod.spec).toEqual(template.spec);
    // Only string labels count (a number is no label value).
    expect(pod.labels).toEqual({ app: 'x' });
    expect(pod.annotations).toEqual({ note: 'y' });
  });

  it('covers every kind that runs pods, CronJob and ReplicationController included', () => {
    expect([...WORKLOAD_KINDS].sort()).toEqual(
      [
        'CronJob',
        'DaemonSet',
        'Deployment',
        'Job',
        'Pod',
        'ReplicaSet',
        'ReplicationController',
        'StatefulSet',
      ].sort(),
    );
    expect(POD_TEMPLATE_PATHS.CronJob).toEqual(['spec', 'jobTemplate', 'spec', 'template']);
  });

  it('skips objects that run no pods and templates without a spec, keeping object order', () => {
    const service: Manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } };
    const empty: Manifest = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'e' }, spec: {} };
    const found = podTemplates([objectOf('CronJob'), service, empty, objectOf('Deployment')]);
    expect(found.map((p) => p.owner.kind)).toEqual(['CronJob', 'Deployment']);
    expect(found[0]!.namespace).toBe('pms');
  });
});
