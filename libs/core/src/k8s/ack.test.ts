import { describe, expect, it } from 'vitest';
import { ackAnnotations } from './ack.js';
import {
  DELETION_GUARD_SYNC_OPTIONS,
  parseSyncOptions,
  SYNC_OPTIONS_ANNOTATION,
  SyncWave,
} from './labels.js';

const aws = { accountId: '444444444444', region: 'eu-central-1' };
const dev = { aws, environment: 'dev', deletionProtection: false } as const;
const prod = { aws, environment: 'prod', deletionProtection: true } as const;

describe('ackAnnotations', () => {
  it('gives the wave, CRD tolerance, the region pin and retain by default', () => {
    expect(ackAnnotations(dev, SyncWave.platform)).toEqual({
      'argocd.argoproj.io/sync-wave': '-5',
      'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
      'services.k8s.aws/region': 'eu-central-1',
      'services.k8s.aws/deletion-policy': 'retain',
    });
  });

  it('takes the wave and the deletion policy of the caller', () => {
    expect(ackAnnotations(dev, SyncWave.workloads, 'delete')).toMatchObject({
      'argocd.argoproj.io/sync-wave': '0',
      'services.k8s.aws/deletion-policy': 'delete',
    });
  });

  it('guards a retained object against Argo CD deletion in prod, keeping the CRD tolerance', () => {
    const options = parseSyncOptions(ackAnnotations(prod, SyncWave.platform)[SYNC_OPTIONS_ANNOTATION]);
    expect(options).toEqual(['SkipDryRunOnMissingResource=true', ...DELETION_GUARD_SYNC_OPTIONS]);
  });

  it('guards a retained object wherever the settings ask for deletion protection', () => {
    const staging = { aws, environment: 'staging', deletionProtection: true } as const;
    const options = parseSyncOptions(ackAnnotations(staging, SyncWave.platform)[SYNC_OPTIONS_ANNOTATION]);
    expect(options).toEqual(expect.arrayContaining([...DELETION_GUARD_SYNC_OPTIONS]));
  });

  it('never guards an object whose AWS resource is meant to go with it (deletion policy delete)', () => {
    const options = parseSyncOptions(
      ackAnnotations(prod, SyncWave.workloads, 'delete')[SYNC_OPTIONS_ANNOTATION],
    );
    expect(options).toEqual(['SkipDryRunOnMissingResource=true']);
  });
});
