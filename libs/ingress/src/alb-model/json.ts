/** Readers of plain JSON objects (rendered by this project or not), tolerant of missing or odd fields. */
import type { Manifest } from '@pms/core';

/** A JSON object. */
export type Json = Record<string, unknown>;

/** `value` if it is an object, else `{}`. */
export const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** `value` if it is a string. */
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `value` if it is an array, else `[]`. */
export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** `namespace/name` of an object (`default` when it has no namespace). */
export const ref = (m: Manifest) => `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`;

/** The annotations of an object (`{}` when none). */
export const annotationsOf = (m: Manifest): Readonly<Record<string, string>> => m.metadata.annotations ?? {};

/** A `[{ key, value }]` list (IngressClassParams attributes) as key/value pairs. */
export const keyValueList = (value: unknown): [string, string][] =>
  arr(value).map((item) => [str(obj(item).key) ?? '', str(obj(item).value) ?? ''] as [string, string]);

/** Code-unit order of two strings (what the controller sorts by). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
