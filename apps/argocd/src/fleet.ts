import type { PmsClusterSettings } from '@pms/platform';
import { settings as pmsDev } from '../../pms-dev/src/settings.js';
import { settings as pmsProd } from '../../pms-prod/src/settings.js';
import { settings as pmsStaging } from '../../pms-staging/src/settings.js';

/**
 * The registered clusters: the same typed settings the cluster apps render from. Only the settings
 * modules of cluster apps may be imported here (tools/boundaries enforces it).
 */
export const fleet: readonly PmsClusterSettings[] = [pmsDev, pmsStaging, pmsProd];
