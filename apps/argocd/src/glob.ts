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

/** gobwas/glob without separators, as Argo CD's directory `include`/`exclude`: `*` and `**` match anything. */
export function argoFileGlobMatch(pattern: string, relPath: string): boolean {
  return compile(pattern.replace(/\*\*/g, '*'), '.').test(relPath);
}

function compile(pattern: string, any: string): RegExp {
  if (/[[\]{}\\]/.test(pattern)) {
    throw new Error(
      `glob ${JSON.stringify(pattern)}: character classes, braces and escapes are not supported here`,
    );
  }
  const body = [...pattern]
    .map((ch) => (ch === '*' ? `${any}*` : ch === '?' ? any : ch.replace(/[.+^$()|]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}
