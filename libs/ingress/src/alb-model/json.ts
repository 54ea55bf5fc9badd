/**
 * Small helpers of the ALB model. The objects themselves are read through their models (objects.ts); what stays
 * untyped here is the JSON an annotation carries (`actions.<name>`), which no schema types.
 */
import type { Manifest } from '@pms/core';

/** A JSON object. */
export type Json = Record<string, unknown>;

/** `value` if it is an object, else `{}`. */
export const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** `value` if it is a string. */
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `namespace/name` of an object (`default` when it has no namespace). */
export const ref = (m: Manifest) => `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`;

/** The annotations of an object (`{}` when none). */
export const annotationsOf = (m: Manifest): Readonly<Record<string, string>> => m.metadata.annotations ?? {};

/** Code-unit order of two strings (what the controller sorts by). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
