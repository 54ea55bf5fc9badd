/**
 * Evaluates the ApplicationSet the way Argo CD does, against a list of repository paths: the git
 * directory generator's folder matching, the Go template of the Application, and the directory source's
 * file selection. Pure: callers pass the repository's folders and files.
 */
import type { IApplicationSet, IApplicationSpec } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { argoFileGlobMatch, goPathMatch, MANIFEST_FILE } from './glob.js';

/** One Application the generator would create. */
export interface GeneratedApplication {
  /** `metadata.name` after templating. */
  readonly name: string;
  /** `spec` after templating. */
  readonly spec: IApplicationSpec;
}

/**
 * The Applications `appSet` creates for a repository whose folders are `directories` (POSIX paths relative
 * to the repository root, hidden folders already left out, as Argo CD's repo server lists them).
 */
export function generateApplications(
  appSet: IApplicationSet,
  directories: readonly string[],
): GeneratedApplication[] {
  // A list generator's elements are the parameters themselves (applicationset/generators/list.go).
  const listed = appSet.spec.generators.flatMap(
    (generator) => (generator.list?.elements ?? []) as Record<string, unknown>[],
  );
  const items = appSet.spec.generators.flatMap((generator) => generator.git?.directories ?? []);
  const matched = directories.filter(
    (dir) =>
      items.some((item) => !item.exclude && goPathMatch(item.path, dir)) &&
      !items.some((item) => item.exclude && goPathMatch(item.path, dir)),
  );
  const params = [
    ...listed,
    ...matched.sort().map((dir) => ({ path: { path: dir, basename: dir.split('/').at(-1)! } })),
  ];
  return params.map((params) => {
    const render = (value: unknown): unknown => {
      if (typeof value === 'string') return renderGoTemplate(value, params);
      if (Array.isArray(value)) return value.map(render);
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v)]));
      return value;
    };
    const template = appSet.spec.template;
    return {
      name: render(template.metadata.name) as string,
      spec: render(template.spec) as IApplicationSpec,
    };
  });
}

/** Replaces `{{.a.b}}` with the parameter at that path; an unknown key throws (`missingkey=error`). */
export function renderGoTemplate(text: string, params: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{\{\s*\.([\w.]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = params;
    for (const key of path.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (typeof value !== 'string')
      throw new Error(`template key .${path} is not a generator parameter (missingkey=error)`);
    return value;
  });
}

/**
 * The files of a directory source Argo CD would load: `files` are paths relative to the source path;
 * sub-folders only with `recurse`; only manifest extensions; then `exclude` and `include` globs.
 */
export function selectSourceFiles(
  directory: { readonly recurse?: boolean; readonly include?: string; readonly exclude?: string } | undefined,
  files: readonly string[],
): string[] {
  return files
    .filter((file) => directory?.recurse || !file.includes('/'))
    .filter((file) => MANIFEST_FILE.test(file.split('/').at(-1)!))
    .filter((file) => !directory?.exclude || !argoFileGlobMatch(directory.exclude, file))
    .filter((file) => !directory?.include || argoFileGlobMatch(directory.include, file))
    .sort();
}
