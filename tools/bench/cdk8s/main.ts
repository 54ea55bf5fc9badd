/**
 * The cdk8s-CLI entry of the benchmark: the three PMS clusters, one chart each, synthesized by `app.synth()`
 * into $CDK8S_OUTDIR as `cdk8s synth` expects. Each cluster is built (and validated) by the same
 * `buildPmsCluster` that `pnpm render` uses; its objects are then handed to cdk8s's own synthesis.
 */
import { buildPmsCluster } from '@pms/platform';
import { ApiObject, App, Chart } from 'cdk8s';
import { realClusters } from '../clusters.js';

const app = new App();
for (const settings of realClusters()) {
  const chart = new Chart(app, settings.name, { disableResourceNameHashes: true });
  for (const manifest of buildPmsCluster(settings).manifests) {
    const { apiVersion, kind, metadata, ...rest } = manifest;
    new ApiObject(chart, `${kind}-${metadata.namespace ?? 'cluster'}-${metadata.name}`, {
      apiVersion,
      kind,
      metadata,
      ...rest,
    });
  }
}
app.synth();
