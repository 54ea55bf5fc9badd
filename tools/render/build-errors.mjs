/**
 * A failed compile of the render (esbuild's `BuildFailure`: a syntax error in a settings file, an import that does not
 * resolve) as the lines a person fixes it from, `file:line:column: message` (the file relative to the root, the
 * column counted from 1 as editors do), instead of esbuild's stack trace.
 */

/**
 * The lines of a compile failure, or undefined when `error` is not one (a bug, which keeps its stack trace). esbuild's
 * `location.column` counts from 0 (esbuild's `Location` type).
 */
export function buildErrorLines(error) {
  const errors = error && typeof error === 'object' ? error.errors : undefined;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.map(({ text, location }) =>
    location ? `${location.file}:${location.line}:${location.column + 1}: ${text}` : text,
  );
}
