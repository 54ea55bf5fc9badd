/**
 * @pms/core/testing — test builders shared by every library's tests (pure data). Only test code may import this
 * subpath (`pnpm boundaries` refuses it in production code).
 */
export { exampleClusterSettings, type ExampleClusterOverrides } from './example-cluster.js';
