import { pmsClusterTarget } from '@pms/platform';
import { settings } from './settings.js';

/** This cluster's render target: `clusters/<name>/` from `./settings.ts`. */
export const target = pmsClusterTarget(settings);
