/**
 * Field-level differences between two versions of one object, as YAML paths with the old and the new
 * value: `spec.rules[0].http.paths[1].path: "/api" → "/apis"`. Lists of named items (containers, ports,
 * env, rules with a `name`) are matched by name; other lists are aligned on their equal items (longest common
 * subsequence), so inserting one item reports one addition rather than every later item as changed, while
 * an item edited in place (an Ingress path) still reports its changed fields. Paths use head's indexes
 * (base's for removed items).
 */

/** One changed field. `before`/`after` are undefined when the field was added/removed. */
export interface FieldChange {
  /** YAML path, e.g. `metadata.annotations["alb.ingress.kubernetes.io/ssl-policy"]`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Every leaf-or-subtree difference between `before` and `after`, in document order. */
export function diffFields(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (deepEqual(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffFields(before[key], after[key], joinKey(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = namedKey(before, after);
    if (key) return diffNamedLists(before, after, key, path);
    return diffAlignedLists(before, after, path);
  }
  return [{ path: path || '.', before, after }];
}

/** Structural equality of plain YAML data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

/** Formats a value for the report: compact JSON, in full (a reviewer must see what lands, not a prefix of it). */
export function formatField(value: unknown): string {
  if (value === undefined) return '(absent)';
  return JSON.stringify(value);
}

/**
 * True when the change is best read as a line diff: a string spanning several lines on either side (a
 * policy document, a script), the other side a string or absent.
 */
export function isMultilineChange(change: FieldChange): boolean {
  const text = (v: unknown) => v === undefined || typeof v === 'string';
  const multiline = (v: unknown) => typeof v === 'string' && v.includes('\n');
  return text(change.before) && text(change.after) && (multiline(change.before) || multiline(change.after));
}

/**
 * A unified diff of two texts, line by line (`@@ -a,b +c,d @@` hunks, `context` unchanged lines around each
 * change), without file headers. Every changed line is shown in full.
 */
export function unifiedLineDiff(before: string, after: string, context = 3): string[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // table[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i]![j] =
        a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  // the edit script: ' ', '-' or '+' per line, with its line numbers on each side
  const ops: { op: ' ' | '-' | '+'; line: string; i: number; j: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: ' ', line: a[i]!, i: i++, j: j++ });
    else if (j >= b.length || (i < a.length && table[i + 1]![j]! >= table[i]![j + 1]!))
      ops.push({ op: '-', line: a[i]!, i: i++, j });
    else ops.push({ op: '+', line: b[j]!, i, j: j++ });
  }
  const lines: string[] = [];
  let k = 0;
  while (k < ops.length) {
    const firstChange = ops.findIndex((o, index) => index >= k && o.op !== ' ');
    if (firstChange === -1) break;
    const start = Math.max(k, firstChange - context);
    // extend the hunk while the next change is within 2 × context unchanged lines
    let end = firstChange;
    for (let n = firstChange; n < ops.length; n++) {
      if (ops[n]!.op !== ' ') end = n;
      else if (n - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const hunk = ops.slice(start, stop);
    const oldCount = hunk.filter((o) => o.op !== '+').length;
    const newCount = hunk.filter((o) => o.op !== '-').length;
    const oldStart = oldCount === 0 ? hunk[0]!.i : hunk[0]!.i + 1;
    const newStart = newCount === 0 ? hunk[0]!.j : hunk[0]!.j + 1;
    lines.push(
      `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`,
      ...hunk.map((o) => `${o.op}${o.line}`),
    );
    k = stop;
  }
  return lines;
}

function diffAlignedLists(before: unknown[], after: unknown[], path: string): FieldChange[] {
  // table[i][j]: length of the longest common subsequence of before[i..] and after[j..]
  const table = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      table[i]![j] = deepEqual(before[i], after[j])
        ? table[i + 1]![j + 1]! + 1
        : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const changes: FieldChange[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    // items replaced in a gap are paired in order and diffed field by field; the rest are whole additions/removals
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k++)
      changes.push(...diffFields(before[removed[k]!], after[added[k]!], `${path}[${added[k]}]`));
    for (const i of removed.slice(pairs))
      changes.push({ path: `${path}[${i}]`, before: before[i], after: undefined });
    for (const j of added.slice(pairs))
      changes.push({ path: `${path}[${j}]`, before: undefined, after: after[j] });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && deepEqual(before[i], after[j])) {
      flush();
      i++;
      j++;
    } else if (j >= after.length || (i < before.length && table[i + 1]![j]! >= table[i]![j + 1]!))
      removed.push(i++);
    else added.push(j++);
  }
  flush();
  return changes;
}

function diffNamedLists(before: unknown[], after: unknown[], key: string, path: string): FieldChange[] {
  const byName = (list: unknown[]) =>
    new Map(list.map((item) => [String((item as Record<string, unknown>)[key]), item]));
  const old = byName(before);
  const now = byName(after);
  const names = [...old.keys(), ...[...now.keys()].filter((name) => !old.has(name))];
  const changes = names.flatMap((name) =>
    diffFields(old.get(name), now.get(name), `${path}[${key}=${name}]`),
  );
  const oldOrder = [...old.keys()].filter((name) => now.has(name));
  const newOrder = [...now.keys()].filter((name) => old.has(name));
  if (!deepEqual(oldOrder, newOrder))
    changes.push({ path: `${path}[*].${key} (order)`, before: oldOrder, after: newOrder });
  return changes;
}

/** The key that names every item of both lists uniquely (`name`, then `key`), if any. */
function namedKey(before: unknown[], after: unknown[]): string | undefined {
  const all = [...before, ...after];
  if (all.length === 0) return undefined;
  for (const key of ['name', 'key']) {
    const unique = (list: unknown[]) => {
      const names = list.map((item) => (isRecord(item) ? item[key] : undefined));
      return names.every((name) => typeof name === 'string') && new Set(names).size === names.length;
    };
    if (unique(before) && unique(after)) return key;
  }
  return undefined;
}

function joinKey(path: string, key: string): string {
  const segment = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (!path) return segment;
  return segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
