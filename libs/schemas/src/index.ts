/** @pms/schemas — strict schema validation of every rendered object before it is written. */
export * from './validate.js';
export type { SchemaIssue } from './issue.js';
export type { KindSchema, SchemaSource } from './kinds/kind.js';
export { knownKinds, kindSchema } from './kinds/registry.js';
export { compileCustomKinds } from './kinds/crds.js';
export { formatPath, type PathSegment } from './paths.js';
