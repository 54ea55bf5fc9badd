import { describe, expect, it } from 'vitest';
import { formatPath } from './paths.js';
import { traced, unknownFields } from './strict.js';

/** A stand-in for a compiled validator: reads `name` and `items[].port`, enumerates `labels`, ignores `values`. */
function fakeValidator(data: any): void {
  void data.name;
  void data.kind;
  if (data.labels) Object.keys(data.labels).forEach((key) => void data.labels[key]);
  if (Array.isArray(data.items)) for (let i = 0; i < data.items.length; i++) void data.items[i].port;
  void data.values;
}

function unknown(object: object): string[] {
  const { proxy, trace } = traced(structuredClone(object));
  fakeValidator(proxy);
  return unknownFields(object, trace).map((issue) => `${formatPath(issue.path)}: ${issue.allowed}`);
}

describe('strict tracing of a validator', () => {
  it('accepts exactly the keys the validator read', () => {
    expect(unknown({ name: 'a', kind: 'b' })).toEqual([]);
    expect(unknown({ name: 'a', nmae: 'b' })).toEqual(['nmae: items, kind, labels, name, values']);
  });

  it('finds unknown keys in every array item', () => {
    expect(unknown({ items: [{ port: 1 }, { port: 2, prot: 'TCP' }] })).toEqual(['items[1].prot: port']);
  });

  it('leaves maps (enumerated) and free-form values (never read into) open', () => {
    expect(unknown({ labels: { 'example.com/x': 'y' }, values: { any: { thing: [1] } } })).toEqual([]);
  });

  it('does not descend below an unknown field', () => {
    expect(unknown({ extra: { more: { deeper: 1 } } })).toEqual(['extra: items, kind, labels, name, values']);
  });

  it('does not touch the traced object', () => {
    const object = { name: 'a', items: [{ port: 1 }] };
    const { proxy } = traced(object);
    fakeValidator(proxy);
    expect(object).toEqual({ name: 'a', items: [{ port: 1 }] });
  });
});
