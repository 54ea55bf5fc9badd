import { describe, expect, it } from 'vitest';
import { chartInstalledPods } from './external-pods.js';

describe('chartInstalledPods', () => {
  it('declares the backing services installed from charts, with the labels their charts set', () => {
    expect(
      chartInstalledPods().map((pods) => [
        pods.name,
        pods.namespace,
        pods.labels['app.kubernetes.io/instance'],
      ]),
    ).toEqual([
      ['postgres', 'pms', 'postgres'],
      ['redis', 'pms', 'redis'],
      ['kafka', 'pms', 'kafka'],
    ]);
  });
});
