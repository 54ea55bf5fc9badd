/**
 * @pms/ingress/testing — the ingress's test builders for tests outside the library: `buildTestIngress` renders
 * `PmsIngress` for a valid test cluster with whatever routing table (`routes:`) a test declares, so routing
 * behaviour is specified on small fixture tables, not on today's `PMS_ROUTES`. Only test code may import this
 * subpath (`pnpm boundaries` refuses it in production code).
 */
export { buildTestIngress, TEST_CLUSTER, TEST_SETTINGS } from '../__fixtures__/cluster.js';
