import { describe, expect, it } from 'vitest';
import { addImport, appendElement, appendProperty, replaceArguments, replaceValue } from './source-edit.js';

const SOURCE = [
  "import type { A } from './a.js';",
  '',
  'export const LIST = [',
  "  entry('one', 1, f()),",
  "  entry('two', 2, g()),",
  '] as const satisfies readonly A[];',
  '',
  'export const EMPTY: string[] = [];',
  '',
  'export const settings = {',
  '  nested: {',
  '    items: { first: 1 },',
  "    state: { state: 'known' },",
  '  },',
  '};',
].join('\n');

describe('editing data files by declaration', () => {
  it('appends an element to an array literal, under `as const satisfies`, on a line of its own', () => {
    expect(appendElement(SOURCE, 'LIST', "entry('three', 3, h())")).toContain(
      "  entry('two', 2, g()),\n  entry('three', 3, h()),\n] as const",
    );
    expect(appendElement(SOURCE, 'EMPTY', "'x'")).toContain("export const EMPTY: string[] = ['x'];");
  });

  it('appends a property to a nested object and replaces a nested value', () => {
    expect(appendProperty(SOURCE, 'settings.nested.items', 'second: 2')).toContain(
      '    items: { first: 1, second: 2 },',
    );
    expect(replaceValue(SOURCE, 'settings.nested.state', "{ state: 'awaiting' }")).toContain(
      "    state: { state: 'awaiting' },",
    );
  });

  it('replaces arguments of the entry whose first argument is the key, leaving the others', () => {
    const edited = replaceArguments(SOURCE, 'LIST', 'two', (index, argument) =>
      index === 2 ? `wrap(${argument})` : argument,
    );
    expect(edited).toContain("  entry('one', 1, f()),\n  entry('two', 2, wrap(g())),");
  });

  it('adds an import after the last one', () => {
    expect(addImport(SOURCE, "import { b } from './b.js';").split('\n').slice(0, 3)).toEqual([
      "import type { A } from './a.js';",
      "import { b } from './b.js';",
      '',
    ]);
  });

  it('names the declaration it cannot find or edit', () => {
    expect(() => appendElement(SOURCE, 'MISSING', '1')).toThrow('no top-level const MISSING');
    expect(() => appendElement(SOURCE, 'settings.nested', '1')).toThrow(
      'settings.nested is not an array literal',
    );
    expect(() => appendProperty(SOURCE, 'settings.other', 'a: 1')).toThrow(
      'settings.other: no property other',
    );
    expect(() => replaceArguments(SOURCE, 'LIST', 'four', (_, a) => a)).toThrow(
      "LIST: no entry written as a call with first argument 'four'",
    );
  });
});
