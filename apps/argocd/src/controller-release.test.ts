import { describe, expect, it } from 'vitest';
import { ALB_INGRESS_CLASS } from '@pms/core';
import { CONTROLLER_NAMESPACE, controllerRoleArn } from '@pms/security';
import { CONTROLLER_CHART, CONTROLLER_VALUES_SHAPE, controllerApplication } from './controller-release.js';
import { fleet } from './fleet.js';
import { checkShape } from './strict.js';

/** A prod cluster of the fleet (whichever it is named). */
const cluster = fleet.find((c) => c.environment === 'prod')!;

describe('the controller Helm Application', () => {
  const app = controllerApplication({ cluster });
  const values = app.spec.source?.helm?.valuesObject as unknown as Record<string, unknown>;

  it('installs the pinned chart from eks-charts into kube-system of its cluster, in project pms', () => {
    expect(app.spec.source).toMatchObject({
      repoURL: 'https://aws.github.io/eks-charts',
      chart: 'aws-load-balancer-controller',
      targetRevision: '1.17.1',
      helm: { releaseName: 'aws-load-balancer-controller', skipCrds: false },
    });
    expect(CONTROLLER_CHART.appVersion).toBe('v2.17.1');
    expect(app.spec.destination).toEqual({ name: cluster.name, namespace: CONTROLLER_NAMESPACE });
    expect(app.spec.project).toBe('pms');
  });

  it('passes the cluster’s identity and the IRSA role as typed values, with 2 replicas', () => {
    expect(values).toMatchObject({
      clusterName: cluster.eksClusterName,
      region: cluster.aws.region,
      vpcId: cluster.vpc.id,
      replicaCount: 2,
      serviceAccount: {
        create: true,
        name: 'aws-load-balancer-controller',
        annotations: { 'eks.amazonaws.com/role-arn': controllerRoleArn(cluster) },
      },
    });
  });

  it('serves IngressClass alb but leaves IngressClass and IngressClassParams to the ingress library', () => {
    expect(values).toMatchObject({
      ingressClass: ALB_INGRESS_CLASS,
      createIngressClassResource: false,
      ingressClassParams: { create: false },
    });
    expect(app.spec.syncPolicy?.syncOptions).toContain('FailOnSharedResource=true');
  });

  it('turns WAF Classic off, matching the IAM policy that omits its actions, and keeps WAFv2 and Shield on', () => {
    expect(values).toMatchObject({ enableWaf: false, enableWafv2: true, enableShield: true });
  });

  it('installs the CRDs with the chart, applied server-side, before the cluster Applications', () => {
    expect(app.spec.source?.helm?.skipCrds).toBe(false);
    expect(app.spec.syncPolicy?.syncOptions).toContain('ServerSideApply=true');
    expect(Number(app.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeLessThan(0);
  });

  it('syncs automatically with prune and self-heal', () => {
    expect(app.spec.syncPolicy?.automated).toMatchObject({ prune: true, selfHeal: true });
    expect(app.spec.syncPolicy?.retry?.limit).toBeGreaterThan(0);
  });

  it('ignores only the webhook key material the chart generates at each render', () => {
    expect(app.spec.ignoreDifferences?.map((d) => `${d.kind}/${d.name}`)).toEqual([
      'Secret/aws-load-balancer-tls',
      'MutatingWebhookConfiguration/aws-load-balancer-webhook',
      'ValidatingWebhookConfiguration/aws-load-balancer-webhook',
    ]);
    expect(app.spec.syncPolicy?.syncOptions).toContain('RespectIgnoreDifferences=true');
  });

  it('refuses a chart version range and a single replica, naming cluster and field', () => {
    expect(() => controllerApplication({ cluster, chartVersion: '1.17.*', replicas: 1 })).toThrow(
      new RegExp(
        `\\[${cluster.name}\\] controller\\.chartVersion = "1\\.17\\.\\*"; allowed: an exact chart version such as 1\\.17\\.1.*\\n\\[${cluster.name}\\] controller\\.replicas = 1; allowed: a whole number from 2 to 5`,
        's',
      ),
    );
    expect(() => controllerApplication({ cluster, chartVersion: 'latest' })).toThrow(
      `[${cluster.name}] controller.chartVersion = "latest"; allowed: an exact chart version`,
    );
  });

  it('rejects a misspelt chart value (Helm would ignore it silently)', () => {
    expect(
      checkShape({ ...values, createIngressClassResources: false }, CONTROLLER_VALUES_SHAPE, 'valuesObject'),
    ).toEqual([
      {
        path: 'valuesObject.createIngressClassResources',
        value: false,
        problem: 'unknown field',
        allowed: expect.stringContaining('createIngressClassResource,'),
      },
    ]);
    expect(checkShape(values, CONTROLLER_VALUES_SHAPE)).toEqual([]);
  });
});
