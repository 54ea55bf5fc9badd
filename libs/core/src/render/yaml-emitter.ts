/**
 * A YAML emitter for plain JSON data (objects, arrays, strings, finite numbers, booleans, null), written for
 * this project's one output style and for speed: block mappings and sequences, two-space indent, sequences
 * indented under their key, no line folding, `|` block scalars for multi-line strings, and double quotes only
 * where a plain scalar would read differently.
 *
 * "Read differently" is judged under both YAML 1.2 and YAML 1.1, because the consumers of the rendered files
 * differ: `kubectl` and Argo CD parse with go-yaml (YAML 1.1 rules: `on`, `yes`, `0755` are not strings there).
 * The round-trip tests in yaml-emitter.test.ts parse every output under both versions.
 */

/** Words YAML 1.1 or 1.2 resolves to null or a boolean. */
const RESERVED_WORDS =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<)$/;
/** Anything that could resolve to a number or timestamp under YAML 1.1 or 1.2 (deliberately broad). */
const NUMBER_LIKE =
  /^[-+]?(?:[0-9][0-9_,:]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$|^0[xXoObB][0-9a-fA-F_]+$|^\d{4}-\d\d?-\d\d?(?:[Tt ].*)?$/;
/** Characters a plain scalar may not start with. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
/** Control characters (other than tab and newline), which need double-quoted escapes. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** True when `text` can be written as a plain scalar and reads back as the same string under YAML 1.1 and 1.2. */
export function isPlainSafe(text: string): boolean {
  return (
    text.length > 0 &&
    !INDICATOR_START.test(text) &&
    !/\s$/.test(text) &&
    !/[\n\t]/.test(text) &&
    !CONTROL.test(text) &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !text.endsWith(':') &&
    !RESERVED_WORDS.test(text) &&
    !NUMBER_LIKE.test(text)
  );
}

function quoted(text: string): string {
  // JSON's string syntax is a subset of YAML's double-quoted style.
  return JSON.stringify(text);
}

function scalar(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return String(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`cannot write ${value} at ${path}: not a finite number`);
      return String(value);
    case 'string':
      return isPlainSafe(value) ? value : quoted(value);
    default:
      throw new TypeError(`cannot write a ${typeof value} at ${path}: only JSON data is rendered`);
  }
}

/** A multi-line string as a `|` block scalar, or undefined when one cannot hold it exactly. */
function blockScalar(text: string, indent: string): string | undefined {
  if (!text.includes('\n') || CONTROL.test(text) || text.includes('\r')) return undefined;
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  // Chomping: strip (no final newline), clip (exactly one), keep (more than one).
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  // A first line starting with a space needs an explicit indentation indicator.
  const indicator = /^[ \n]/.test(body) ? '2' : '';
  const lines = (chomp === '+' ? text.slice(0, -1) : body).split('\n');
  if (lines.some((line) => /^\s+$/.test(line) && line.includes(' '))) return undefined;
  return `|${indicator}${chomp}\n${lines.map((line) => (line === '' ? '' : `${indent}${line}`)).join('\n')}`;
}

function isCollection(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** Lines of a block collection at `indent`. */
function emitCollection(value: object, indent: string, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const itemPath = `${path}[${index}]`;
      if (isCollection(item) && !isEmpty(item)) {
        const nested: string[] = [];
        emitCollection(item, `${indent}  `, itemPath, nested);
        // The first line of the item shares the "- " marker.
        out.push(`${indent}- ${nested[0]!.slice(indent.length + 2)}`, ...nested.slice(1));
      } else {
        out.push(`${indent}- ${inline(item, `${indent}  `, itemPath)}`);
      }
    });
    return;
  }
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    const memberPath = path ? `${path}.${key}` : key;
    const name = scalar(key, memberPath);
    if (isCollection(member) && !isEmpty(member)) {
      out.push(`${indent}${name}:`);
      emitCollection(member, Array.isArray(member) ? `${indent}  ` : `${indent}  `, memberPath, out);
    } else {
      out.push(`${indent}${name}: ${inline(member, `${indent}  `, memberPath)}`);
    }
  }
}

/** A value that fits after `key: ` or `- `: a scalar, an empty collection, or a block scalar header. */
function inline(value: unknown, indent: string, path: string): string {
  if (Array.isArray(value)) return '[]';
  if (isCollection(value)) return '{}';
  if (typeof value === 'string') return blockScalar(value, indent) ?? scalar(value, path);
  return scalar(value, path);
}

/** Writes JSON data as a YAML document, ending with a newline. Keys are written in their given order. */
export function emitYaml(value: unknown): string {
  if (!isCollection(value) || isEmpty(value)) return `${inline(value, '', '')}\n`;
  const out: string[] = [];
  emitCollection(value, '', '', out);
  return `${out.join('\n')}\n`;
}
