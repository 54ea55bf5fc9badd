import { CRD_FACTS } from '@pms/crd-models';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { validObject } from './__fixtures__/valid-objects.js';
import { FIELD_GAPS } from './gaps.js';
import { issuesFromAjv } from './issue.js';
import type { JsonSchema } from './overlays/dsl.js';
import { OVERLAYS } from './overlays/index.js';
import { formatPath } from './paths.js';
import { subsetErrors } from './subset.js';

/**
 * subset.ts against ajv (the JSON Schema validator it stands in for at render time): for every overlay and gap
 * schema, both must produce the same issues (field, value, problem, what is allowed) on the valid example and on
 * many invalid variants of it: every constrained field set to values of every type and size, every required field
 * removed.
 */
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
const ajvIssues = (schema: JsonSchema, data: unknown) => {
  const validate = ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema);
  return validate(data) ? [] : issuesFromAjv(validate.errors ?? [], data);
};
const describe_ = (issues: ReturnType<typeof issuesFromAjv>) =>
  issues
    .map(
      (i) => `${formatPath(i.path)} = ${JSON.stringify(i.value)}: ${i.problem ?? ''}; allowed: ${i.allowed}`,
    )
    .sort();

type Node = Record<string, any>;
const VALUES: readonly unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  10,
  61,
  120,
  3600,
  70_000,
  '',
  'x',
  'arn:aws:x',
  'x'.repeat(300),
  [],
  ['a'],
  [{}],
  {},
  { k: 'v' },
];

/** Every constrained location of a schema: its path segments (a list item as 0, a map value as "k") and required names. */
function locations(root: Node): { path: (string | number)[]; required: string[] }[] {
  const defs = (root.$defs ?? {}) as Record<string, Node>;
  const found: { path: (string | number)[]; required: string[] }[] = [];
  const walk = (node: Node, path: (string | number)[], depth: number): void => {
    if (node.$ref) return walk(defs[node.$ref.replace('#/$defs/', '')]!, path, depth);
    if (depth > 12) return;
    found.push({ path, required: node.required ?? [] });
    for (const [name, sub] of Object.entries((node.properties ?? {}) as Record<string, Node>))
      walk(sub, [...path, name], depth + 1);
    if (node.items) walk(node.items, [...path, 0], depth + 1);
    if (node.additionalProperties && typeof node.additionalProperties === 'object')
      walk(node.additionalProperties, [...path, 'k'], depth + 1);
    for (const branch of (node.anyOf ?? []) as Node[]) walk(branch, path, depth + 1);
  };
  walk(root, [], 0);
  return found;
}

/** A copy of `base` with `value` at `path` (containers created on the way: objects, one-item lists). */
function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
  const holder: Node = { root: structuredClone(base) };
  const steps = ['root', ...path];
  let node: Node = holder;
  steps.slice(0, -1).forEach((segment, i) => {
    const next = steps[i + 1];
    const child = node[segment];
    const fits =
      typeof next === 'number'
        ? Array.isArray(child)
        : child !== null && typeof child === 'object' && !Array.isArray(child);
    if (!fits) node[segment] = typeof next === 'number' ? [{}] : {};
    node = node[segment];
  });
  node[steps.at(-1)!] = value;
  return holder.root;
}

function variants(schema: Node, base: unknown): unknown[] {
  const out: unknown[] = [base];
  for (const { path, required } of locations(schema)) {
    for (const value of VALUES) out.push(withValue(base, path, value));
    for (const name of required) out.push(withValue(base, [...path, name], undefined));
  }
  return out;
}

const cases: [string, JsonSchema, unknown][] = [
  ...OVERLAYS.map(
    (o) =>
      [`overlay ${o.kind}`, o.schema, validObject(`${o.apiVersion} ${o.kind}`)] as [
        string,
        JsonSchema,
        unknown,
      ],
  ),
  ...Object.entries(FIELD_GAPS).flatMap(([key, gaps]) =>
    gaps.map(
      (g, i) =>
        [`gap ${key} ${g.field}`, { $id: `gap-${key}-${i}`, ...g.schema }, 'x'] as [
          string,
          JsonSchema,
          unknown,
        ],
    ),
  ),
  ...CRD_FACTS.flatMap((f) =>
    f.descriptionFields.map(
      (d, i) =>
        [`description of ${f.kind}`, { $id: `desc-${f.kind}-${i}`, ...d.schema }, 'x'] as [
          string,
          JsonSchema,
          unknown,
        ],
    ),
  ),
];

describe('subset.ts reports what ajv reports', () => {
  it.each(cases)('%s', (_name, schema, base) => {
    const all = variants(schema as Node, base);
    expect(all.length).toBeGreaterThan(1);
    for (const data of all)
      expect(describe_(issuesFromAjv(subsetErrors(schema, data), data))).toEqual(
        describe_(ajvIssues(schema, data)),
      );
  });

  it('refuses a keyword it does not implement rather than ignoring it', () => {
    expect(() => subsetErrors({ type: 'string', format: 'date-time' }, 'x')).toThrow(
      'JSON Schema keyword "format" is not supported by subset.ts',
    );
  });
});
