/** @pms/schemas — strict schema validation of every rendered object before it is written. */
export * from './validate.js';
