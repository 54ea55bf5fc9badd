/** Types of build-errors.mjs. */

/** The lines of a compile failure (`file:line:column: message`), or undefined when `error` is not one. */
export function buildErrorLines(error: unknown): string[] | undefined;
