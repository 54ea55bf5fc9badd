/**
 * The two pattern languages Argo CD applies to this repository, re-implemented so tests can evaluate them
 * against the real tree (no Argo CD needed):
 *
 * - the git directory generator matches repository folders with Go's `path.Match`, where `*` never
 *   crosses a `/` (applicationset/generators/git.go, `filterApps`);
 * - a directory source's `include`/`exclude` match each file's path relative to the source path with
 *   gobwas/glob compiled WITHOUT separators (reposerver `getPotentiallyValidManifestFile` →
 *   `util/glob.Match(pattern, relPath)`), so `*` DOES cross `/`: `*.yaml` matches `pms/service/x.yaml`.
 */

/** Files the repo server considers manifests at all, before `include`/`exclude` (its `manifestFile` regex). */
export const MANIFEST_FILE = /^.*\.(yaml|yml|json|jsonnet)$/;

/** Go `path.Match`: `*` matches any run of non-`/` characters, `?` one non-`/` character. */
export function goPathMatch(pattern: string, name: string): boolean {
  return compile(pattern, '[^/]').test(name);
}

/**
 * gobwas/glob without separators, as Argo CD's directory `include`/`exclude`: `*` and `**` match anything, and
 * `{a,b}` matches either alternative (gobwas/glob syntax; Argo CD docs/user-guide/directory.md uses
 * `include: '{config.json,env-usw2/*}'`).
 */
export function argoFileGlobMatch(pattern: string, relPath: string): boolean {
  return compile(pattern.replace(/\*\*/g, '*'), '.', true).test(relPath);
}

function compile(pattern: string, any: string, braces = false): RegExp {
  if ((braces ? /[[\]\\]/ : /[[\]{}\\]/).test(pattern)) {
    throw new Error(
      `glob ${JSON.stringify(pattern)}: character classes, braces and escapes are not supported here`,
    );
  }
  let depth = 0;
  const body = [...pattern]
    .map((ch) => {
      if (ch === '*') return `${any}*`;
      if (ch === '?') return any;
      if (braces && ch === '{') return (depth++, '(?:');
      if (braces && ch === '}') return (depth--, ')');
      if (braces && ch === ',' && depth > 0) return '|';
      return ch.replace(/[.+^$()|]/g, '\\$&');
    })
    .join('');
  if (depth !== 0) throw new Error(`glob ${JSON.stringify(pattern)}: unbalanced braces`);
  return new RegExp(`^${body}$`, 's');
}
