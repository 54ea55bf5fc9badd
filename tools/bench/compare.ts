import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';

/** How the objects `cdk8s synth` wrote for one cluster compare with the ones our render wrote. */
export interface ClusterComparison {
  readonly cluster: string;
  readonly cdk8sObjects: number;
  readonly ourObjects: number;
  /** Objects (by apiVersion, kind, namespace, name) that are missing on one side or differ in content. */
  readonly differing: readonly string[];
}

/** What the benchmark checks before comparing times: both paths produced the same objects. */
export interface OutputComparison {
  readonly equal: boolean;
  readonly objects: number;
  readonly clusters: readonly ClusterComparison[];
}

type KubeObject = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };

const identity = (o: KubeObject) =>
  `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;

function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** Every object in the `.yaml` files below `dir` (our layout: one object per file). */
function objectsInTree(dir: string): KubeObject[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return objectsInTree(path);
    return entry.name.endsWith('.yaml') ? parseObjects(readFileSync(path, 'utf8')) : [];
  });
}

/**
 * Compares, per cluster, the objects in `cdk8s synth`'s `<cdk8sDir>/<cluster>.k8s.yaml` with the objects our
 * render wrote under `<renderRoot>/clusters/<cluster>/`: same set of objects, each deep-equal after parsing
 * (the two serialisers differ in layout and quoting, not in content).
 */
export function compareWithCdk8s(
  cdk8sDir: string,
  renderRoot: string,
  clusters: readonly string[],
): OutputComparison {
  const compared = clusters.map((cluster): ClusterComparison => {
    const file = join(cdk8sDir, `${cluster}.k8s.yaml`);
    const theirs = existsSync(file) ? parseObjects(readFileSync(file, 'utf8')) : [];
    const ours = objectsInTree(join(renderRoot, 'clusters', cluster));
    const ourById = new Map(ours.map((o) => [identity(o), o]));
    const theirIds = new Set(theirs.map(identity));
    const differing = [
      ...theirs.filter((o) => !isDeepStrictEqual(ourById.get(identity(o)), o)).map(identity),
      ...ours.map(identity).filter((id) => !theirIds.has(id)),
    ].sort();
    return { cluster, cdk8sObjects: theirs.length, ourObjects: ours.length, differing };
  });
  return {
    equal: compared.every((c) => c.differing.length === 0 && c.cdk8sObjects > 0),
    objects: compared.reduce((n, c) => n + c.ourObjects, 0),
    clusters: compared,
  };
}
