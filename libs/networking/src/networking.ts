import { Checks, recommendedLabels, syncWave, SyncWave, type ClusterSettings } from '@pms/core';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PMS_NAMESPACE } from './namespace.js';
import type { NetworkingSettings } from './settings.js';
import { validateNetworkingSettings } from './validate.js';


/** Props of `PmsNetworking`. */
export interface PmsNetworkingProps {
  /** The cluster's shared settings. */
  readonly cluster: ClusterSettings;
  /** The cluster's networking settings. */
  readonly settings: NetworkingSettings;
}

/** The PMS namespace, Services, workloads and NetworkPolicies of one cluster. */
export class PmsNetworking extends Construct {
  constructor(scope: Construct, id: string, props: PmsNetworkingProps) {
    super(scope, id);
    const checks = Checks.for(this, 'networking');
    validateNetworkingSettings(props.settings, checks);
    checks.throwIfAny();
    new ApiObject(this, 'namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: PMS_NAMESPACE,
        labels: { ...recommendedLabels(PMS_NAMESPACE, 'namespace') },
        annotations: syncWave(SyncWave.foundation),
      },
    });
  }
}
