import Ajv, { type ValidateFunction } from 'ajv';
import type { JsonSchema } from './overlays/dsl.js';

let ajv: Ajv | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/**
 * The compiled validator of one of this project's schemas (overlays, gap schemas): compiled on first use by a single shared ajv
 * instance (all errors, verbose so messages can name the declared fields), then reused.
 */
export function compiledSchema(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // The schemas are checked against JSON Schema's meta-schema by a test (ajv.test.ts), not on every render,
    // and compiled without ajv's code optimizer: that halves the compile time, and a render validates only a few
    // dozen objects with them.
    ajv ??= new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      inlineRefs: false,
      validateSchema: false,
      code: { optimize: false },
    });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
