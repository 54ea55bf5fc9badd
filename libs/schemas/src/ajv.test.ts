import { CRD_FACTS } from '@pms/crd-models';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { OVERLAYS } from './overlays/index.js';

// The render compiles these schemas without checking them against the meta-schema (it costs a third of the
// compile time); this test is where that check happens.
describe('the schemas compiled with ajv at render time', () => {
  const ajvStrict = () => new Ajv({ allErrors: true, strict: true, validateSchema: true });
  it.each(OVERLAYS.map((o) => [`${o.apiVersion} ${o.kind}`, o.schema] as const))(
    'the overlay of %s is a valid JSON Schema under ajv strict mode',
    (_name, schema) => {
      const ajv = ajvStrict();
      expect(ajv.validateSchema(schema as object), JSON.stringify(ajv.errors)).toBe(true);
      expect(() => ajv.compile(schema as object)).not.toThrow();
    },
  );

  it('the CRD schemas of properties named `description` compile too (they check what the generator drops)', () => {
    const gaps = CRD_FACTS.flatMap((fact) => fact.descriptionFields);
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(() => ajvStrict().compile(gap.schema as object)).not.toThrow();
  });
});
