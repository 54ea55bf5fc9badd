/**
 * @pms/core — the cluster model and the pure parts of the render pipeline, shared by every concern.
 * Pure: nothing here reads the environment or touches the file system.
 */
export * from './errors.js';
export * from './issue-groups.js';
export * from './checks.js';
export * from './suggest.js';
export * from './aws/arn.js';
export * from './aws/elb-log-delivery.js';
export * from './net/cidr.js';
export * from './net/dns.js';
export * from './cluster/settings.js';
export * from './cluster/validate.js';
export * from './cluster/prerequisites.js';
export * from './render/manifest.js';
export * from './render/yaml.js';
export * from './render/layout.js';
export * from './render/synth.js';
export * from './k8s/labels.js';
export * from './docs/readme.js';
export * from './render/target.js';
export * from './k8s/naming.js';
export * from './k8s/ack.js';
export * from './k8s/protection.js';
export * from './gitops/repository.js';
export * from './gitops/sync-order.js';
export * from './gitops/sync-plan.js';
