import {
  ackAnnotations,
  DELETION_GUARD_SYNC_OPTIONS,
  guardedAnnotations,
  manifestsToFiles,
  SYNC_OPTIONS_ANNOTATION,
  SyncWave,
  type Manifest,
} from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import { describe, expect, it } from 'vitest';
import { diffTarget } from './diff.js';
import { parseTree } from './objects.js';
import { removedGuards } from './protection-risks.js';

const prod = exampleClusterSettings({ name: 'pms-prod', environment: 'prod' });

/** A protected Ingress and a stateful ACK object, as the render writes them in prod. */
function protectedObjects(): Manifest[] {
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'pms',
        namespace: 'pms',
        annotations: guardedAnnotations(SyncWave.ingress, { deletionGuard: true }),
      },
      spec: { ingressClassName: 'alb' },
    },
    {
      apiVersion: 'acm.services.k8s.aws/v1alpha1',
      kind: 'Certificate',
      metadata: { name: 'pms', namespace: 'pms-aws', annotations: ackAnnotations(prod, SyncWave.platform) },
      spec: { domainName: 'pms.example.com' },
    },
  ];
}

/** `objects` with the annotations of the object of `kind` changed by `change`. */
function changed(kind: string, change: (annotations: Record<string, string>) => void): Manifest[] {
  return protectedObjects().map((m) => {
    if (m.kind !== kind) return m;
    const annotations = { ...m.metadata.annotations };
    change(annotations);
    return { ...m, metadata: { ...m.metadata, annotations } };
  });
}

const tree = (objects: Manifest[]) => parseTree('pms-prod', manifestsToFiles('pms-prod', objects));
const risks = (head: Manifest[]) =>
  diffTarget({
    name: 'pms-prod',
    outDir: 'clusters/pms-prod',
    base: manifestsToFiles('pms-prod', protectedObjects()),
    head: manifestsToFiles('pms-prod', head),
  }).risks.map((r) => `${r.kind}: ${r.message}`);

describe('removing a deletion guard', () => {
  it('flags nothing while every guard stays', () => {
    expect(removedGuards(tree(protectedObjects()), tree(protectedObjects()))).toEqual([]);
    expect(risks(protectedObjects())).toEqual([]);
  });

  it.each(DELETION_GUARD_SYNC_OPTIONS.map((option) => [option]))(
    'flags the Argo CD sync option %s removed from the Ingress',
    (option) => {
      const head = changed('Ingress', (a) => {
        a[SYNC_OPTIONS_ANNOTATION] = DELETION_GUARD_SYNC_OPTIONS.filter((o) => o !== option).join(',');
      });
      expect(risks(head)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^deletion-guard-removed: Ingress pms/pms: Argo CD sync option ${option} removed: Argo CD deletes it when`,
          ),
        ),
      ]);
    },
  );

  it('flags every guard of a stateful ACK object that loses its annotations, and ACK retain turned to delete', () => {
    const head = changed('Certificate', (a) => {
      delete a[SYNC_OPTIONS_ANNOTATION];
      a['services.k8s.aws/deletion-policy'] = 'delete';
    });
    expect(risks(head)).toEqual([
      'deletion-guard-removed: Certificate pms-aws/pms: Argo CD sync option Prune=false removed: Argo CD deletes it when it leaves Git',
      'deletion-guard-removed: Certificate pms-aws/pms: Argo CD sync option Delete=false removed: Argo CD deletes it when the Application is deleted',
      'deletion-guard-removed: Certificate pms-aws/pms: ACK deletion policy retain removed: deleting the object (by Argo CD or by hand) deletes the AWS resource',
    ]);
  });

  it('leaves a deleted object to prod-object-deleted', () => {
    const head = protectedObjects().filter((m) => m.kind !== 'Certificate');
    expect(risks(head)).toEqual([
      expect.stringMatching(/^prod-object-deleted: Certificate pms-aws\/pms is deleted/),
    ]);
  });
});
