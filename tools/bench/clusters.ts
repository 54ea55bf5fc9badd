import type { PmsClusterSettings } from '@pms/platform';
import { settings as pmsDev } from '../../apps/pms-dev/src/settings.js';
import { settings as pmsProd } from '../../apps/pms-prod/src/settings.js';
import { settings as pmsStaging } from '../../apps/pms-staging/src/settings.js';

/** The three real clusters' settings, the base of the synthetic fleets. */
export function realClusters(): readonly PmsClusterSettings[] {
  return [pmsDev, pmsStaging, pmsProd];
}
