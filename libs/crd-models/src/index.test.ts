import { describe, expect, it } from 'vitest';
import * as models from './index.js';
import { CRD_FACTS } from './index.js';

/** A generated model class: its static identity and its prototype's `validate()`. */
interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(): void };
}

/** The model classes the public surface exports. */
const exported = (Object.values(models) as unknown[]).filter(
  (value): value is ModelClass => typeof value === 'function' && 'apiVersion' in value && 'kind' in value,
);

describe('@pms/crd-models', () => {
  it('exports one model per vendored kind: its storage version', () => {
    const storage = CRD_FACTS.filter((f) => f.storage).map((f) => `${f.apiVersion} ${f.kind}`);
    expect(storage.length).toBeGreaterThan(0);
    expect(exported.map((m) => `${m.apiVersion} ${m.kind}`).sort()).toEqual([...storage].sort());
  });

  it("validates with the CRD's schema: a wrong type is refused, a minimal object accepted", () => {
    for (const model of exported) {
      const fact = CRD_FACTS.find((f) => f.apiVersion === model.apiVersion && f.kind === model.kind)!;
      const object = { apiVersion: model.apiVersion, kind: model.kind, metadata: { name: 'x' } };
      // A minimal object passes, except where the CRD requires a spec (CloudNativePG's Cluster): then only that is said.
      let problem: unknown;
      try {
        model.prototype.validate.call(object);
      } catch (error) {
        problem = error;
      }
      if (problem) expect(String(problem), fact.file).toBe('Error: data must have required property spec');
      expect(() => model.prototype.validate.call({ ...object, spec: 'not an object' }), fact.file).toThrow();
    }
  });

  it('records each served version with its scope and source', () => {
    for (const fact of CRD_FACTS) {
      expect(['Namespaced', 'Cluster']).toContain(fact.scope);
      expect(fact.source).toMatch(/^[\w.-]+\/[\w.-]+ \S+$/);
      expect(fact.file).toMatch(/^[\w.-]+\/[\w.-]+\.yaml$/);
    }
  });
});
