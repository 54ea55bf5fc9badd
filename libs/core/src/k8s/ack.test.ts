import { describe, expect, it } from 'vitest';
import { ackAnnotations } from './ack.js';
import { SyncWave } from './labels.js';

const cluster = { aws: { accountId: '444444444444', region: 'eu-central-1' } };

describe('ackAnnotations', () => {
  it('gives the wave, CRD tolerance, the region pin and retain by default', () => {
    expect(ackAnnotations(cluster, SyncWave.platform)).toEqual({
      'argocd.argoproj.io/sync-wave': '-5',
      'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
      'services.k8s.aws/region': 'eu-central-1',
      'services.k8s.aws/deletion-policy': 'retain',
    });
  });

  it('takes the wave and the deletion policy of the caller', () => {
    expect(ackAnnotations(cluster, SyncWave.workloads, 'delete')).toMatchObject({
      'argocd.argoproj.io/sync-wave': '0',
      'services.k8s.aws/deletion-policy': 'delete',
    });
  });
});
