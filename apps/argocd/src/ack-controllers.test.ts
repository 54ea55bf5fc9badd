import { describe, expect, it } from 'vitest';
import { apiGroup, SYNC_WAVE_ANNOTATION, SyncWave, type Manifest } from '@pms/core';
import { buildPmsCluster } from '@pms/platform';
import {
  ACK_CONTROLLERS,
  ACK_VALUES_SHAPE,
  ackControllerApplication,
  ackCrdsApplication,
  ackUsage,
  type AckControllerValues,
} from './ack-controllers.js';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import { argoFileGlobMatch } from './glob.js';
import { checkShape } from './strict.js';

const built = buildArgoCd(fleet);
/** A prod cluster of the fleet (whichever it is named). */
const cluster = fleet.find((c) => c.environment === 'prod')!;
const prod = built.ack.find((a) => a.cluster === cluster.name)!;
const wave = (app: { metadata: { annotations?: Record<string, string> } }) =>
  Number(app.metadata.annotations?.[SYNC_WAVE_ANNOTATION]);
const valuesOf = (service: string) =>
  prod.controllers.find((a) => a.metadata.name === `${cluster.name}-ack-${service}-controller`)!.spec.source!
    .helm!.valuesObject as unknown as AckControllerValues;

describe('the ACK controllers each cluster gets', () => {
  it('are exactly one per ACK API group the cluster renders, reconciling exactly the kinds it renders', () => {
    for (const settings of fleet) {
      const rendered = new Map<string, Set<string>>();
      for (const m of buildPmsCluster(settings).manifests.filter((m) =>
        apiGroup(m).endsWith('.services.k8s.aws'),
      )) {
        rendered.set(apiGroup(m), (rendered.get(apiGroup(m)) ?? new Set()).add(m.kind));
      }
      const ack = built.ack.find((a) => a.cluster === settings.name)!;
      const installed = new Map(
        ack.usages.map((u) => [`${u.controller.service}.services.k8s.aws`, new Set(u.kinds)]),
      );
      expect(installed, settings.name).toEqual(rendered);
    }
  });

  it('covers WAF, ACM, IAM, S3 and CloudWatch in every cluster, at the versions of the CRDs the render is checked against', () => {
    for (const ack of built.ack) {
      expect(ack.usages.map((u) => `${u.controller.service} ${u.controller.chartVersion}`).sort()).toEqual([
        'acm 1.3.4',
        'cloudwatch 1.8.1',
        'iam 1.8.1',
        's3 1.10.0',
        'wafv2 1.4.2',
      ]);
    }
    expect(prod.usages.find((u) => u.controller.service === 's3')!.kinds).toEqual(['Bucket']);
    expect(prod.usages.find((u) => u.controller.service === 'cloudwatch')!.kinds).toEqual([
      'Dashboard',
      'MetricAlarm',
    ]);
  });

  it('refuses an ACK group no controller reconciles, naming the group and where to add it', () => {
    const queue: Manifest = {
      apiVersion: 'sqs.services.k8s.aws/v1alpha1',
      kind: 'Queue',
      metadata: { name: 'q', namespace: 'pms-aws' },
    };
    expect(() => ackUsage(cluster, [queue])).toThrow(
      `[${cluster.name}] ack.controllers = ["sqs.services.k8s.aws"]: rendered ACK objects of a group no installed controller reconciles; allowed: groups of ${ACK_CONTROLLERS.map((c) => `${c.service}.services.k8s.aws`).join(', ')} (add the controller to ACK_CONTROLLERS in apps/argocd/src/ack-catalogue.ts)`,
    );
  });

  it('installs nothing for a cluster without ACK objects', () => {
    const plain: Manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'pms' } };
    expect(ackUsage(cluster, [plain])).toEqual([]);
  });
});

describe('an ACK controller Helm Application', () => {
  it('installs the pinned chart from the ACK OCI registry into ack-system of its cluster, in project pms', () => {
    const app = prod.controllers.find((a) => a.metadata.name === `${cluster.name}-ack-wafv2-controller`)!;
    expect(app.spec.source).toMatchObject({
      repoURL: 'public.ecr.aws/aws-controllers-k8s',
      chart: 'wafv2-chart',
      targetRevision: '1.4.2',
      helm: { releaseName: 'ack-wafv2-controller', skipCrds: true },
    });
    expect(app.spec.source!.repoURL).not.toMatch(/^oci:\/\//);
    expect(app.spec.destination).toEqual({ name: cluster.name, namespace: 'ack-system' });
    expect(app.spec.project).toBe('pms');
    expect(app.spec.syncPolicy?.automated).toMatchObject({ prune: true, selfHeal: true });
    expect(app.spec.syncPolicy?.syncOptions).toContain('FailOnSharedResource=true');
  });

  it('passes region, the IRSA role and a namespace scope limited to pms-aws as typed values', () => {
    for (const service of prod.usages.map((u) => u.controller.service)) {
      expect(valuesOf(service)).toEqual({
        aws: { region: cluster.aws.region },
        installScope: 'namespace',
        watchNamespace: 'pms-aws',
        deletionPolicy: 'retain',
        reconcile: { resources: prod.usages.find((u) => u.controller.service === service)!.kinds },
        serviceAccount: {
          create: true,
          name: `ack-${service}-controller`,
          annotations: {
            'eks.amazonaws.com/role-arn': `arn:aws:iam::${cluster.aws.accountId}:role/${cluster.name}-ack-${service}-controller`,
          },
        },
      });
    }
  });

  it('rejects a misspelt chart value (Helm would ignore it silently)', () => {
    const values = valuesOf('iam');
    expect(checkShape({ ...values, watchNamespaces: 'pms-aws' }, ACK_VALUES_SHAPE, 'valuesObject')).toEqual([
      expect.objectContaining({ path: 'valuesObject.watchNamespaces', problem: 'unknown field' }),
    ]);
    expect(checkShape({ ...values, installScope: 'cluster' }, ACK_VALUES_SHAPE, 'valuesObject')).toEqual([
      expect.objectContaining({ path: 'valuesObject.installScope', problem: 'not a known value' }),
    ]);
    expect(checkShape(values, ACK_VALUES_SHAPE)).toEqual([]);
  });

  it('refuses a chart version range and an empty list of kinds, naming cluster and field', () => {
    const controller = { ...ACK_CONTROLLERS[0]!, chartVersion: '1.8.*' };
    expect(() => ackControllerApplication({ cluster, usage: { controller, kinds: [] } })).toThrow(
      new RegExp(
        `\\[${cluster.name}\\] ack\\.iam\\.chartVersion = "1\\.8\\.\\*"; allowed: an exact chart version.*\\n\\[${cluster.name}\\] ack\\.iam\\.kinds = \\[\\]; allowed: at least one kind of iam\\.services\\.k8s\\.aws`,
        's',
      ),
    );
  });
});

describe('the ACK CRDs Application', () => {
  const crds = prod.crds!;
  const sources = crds.spec.sources!;
  const chartCrds = [
    'iam.services.k8s.aws_roles.yaml',
    'iam.services.k8s.aws_policies.yaml',
    'acm.services.k8s.aws_certificates.yaml',
    'wafv2.services.k8s.aws_webacls.yaml',
    's3.services.k8s.aws_buckets.yaml',
    'cloudwatch.services.k8s.aws_dashboards.yaml',
    'services.k8s.aws_adoptedresources.yaml',
    'services.k8s.aws_fieldexports.yaml',
  ];

  it('takes each controller’s CRDs from its Git repository at the tag of its pinned chart', () => {
    for (const { controller } of prod.usages) {
      expect(sources).toContainEqual({
        repoURL: `https://github.com/aws-controllers-k8s/${controller.service}-controller.git`,
        targetRevision: `v${controller.chartVersion}`,
        path: 'helm/crds',
        directory: { recurse: false, include: `${controller.service}.services.k8s.aws_*.yaml` },
      });
    }
  });

  it('selects every CRD exactly once, the ACK runtime’s shared CRDs included (four charts ship them)', () => {
    for (const file of chartCrds) {
      const selectedBy = sources.filter((s) => argoFileGlobMatch(s.directory!.include!, file));
      expect(selectedBy.length, file).toBe(1);
    }
  });

  it('syncs before the controllers without pruning, and creates ack-system with restricted Pod Security', () => {
    expect(wave(crds)).toBeLessThan(wave(prod.controllers[0]!));
    expect(crds.spec.syncPolicy?.automated).toMatchObject({ prune: false, selfHeal: true });
    expect(crds.spec.syncPolicy?.syncOptions).toEqual([
      'ServerSideApply=true',
      'FailOnSharedResource=true',
      'CreateNamespace=true',
    ]);
    expect(crds.spec.syncPolicy?.managedNamespaceMetadata?.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    expect(crds.spec.destination).toEqual({ name: cluster.name, namespace: 'ack-system' });
  });

  it('refuses a cluster without ACK controllers', () => {
    expect(() => ackCrdsApplication(cluster, [])).toThrow(
      `[${cluster.name}] ack.controllers = []; allowed: at least one ACK controller`,
    );
  });
});

describe('the ACK controllers’ IAM permissions', () => {
  it('uses no AWS managed policy: every role gets a least-privilege inline list with its basis', () => {
    for (const controller of ACK_CONTROLLERS) {
      expect(controller.iam.managedPolicyArn, controller.service).toBeUndefined();
      expect(controller.iam.inlineActions.length, controller.service).toBeGreaterThan(0);
      expect(controller.iam.basis.length, controller.service).toBeGreaterThan(40);
    }
  });

  it('grants each controller only actions of its own service, with no wildcard', () => {
    for (const controller of ACK_CONTROLLERS) {
      for (const action of controller.iam.inlineActions) {
        expect(action.startsWith(`${controller.service}:`), `${controller.service} ${action}`).toBe(true);
        expect(action, controller.service).not.toContain('*');
      }
    }
  });

  it('lets the WAF controller read the logging configuration it reads on every reconcile', () => {
    const wafv2 = ACK_CONTROLLERS.find((c) => c.service === 'wafv2')!;
    expect(wafv2.iam.inlineActions).toEqual(
      expect.arrayContaining([
        'wafv2:GetWebACL',
        'wafv2:CreateWebACL',
        'wafv2:UpdateWebACL',
        'wafv2:GetLoggingConfiguration',
      ]),
    );
  });

  it('lets the S3 controller make every read of its reconcile and write the fields PMS sets, and nothing on objects', () => {
    const s3 = ACK_CONTROLLERS.find((c) => c.service === 's3')!;
    expect(s3.iam.inlineActions).toEqual(
      expect.arrayContaining([
        's3:ListAllMyBuckets',
        's3:GetBucketPolicy',
        's3:GetBucketObjectLockConfiguration',
        's3:PutBucketPolicy',
        's3:PutEncryptionConfiguration',
        's3:PutLifecycleConfiguration',
      ]),
    );
    expect(s3.iam.inlineActions.filter((a) => /Object$|ObjectAcl|PassRole/.test(a))).toEqual([]);
  });
});

describe('order across Applications in argocd/', () => {
  it('puts the ACK CRDs, then the controllers, before the cluster Applications (the ACK objects are in wave -5 there)', () => {
    for (const ack of built.ack) {
      expect(wave(ack.crds!)).toBeLessThan(SyncWave.platform);
      for (const app of ack.controllers) {
        expect(wave(app)).toBe(SyncWave.platform);
        expect(wave(app)).toBeLessThan(wave(built.applicationSet));
      }
    }
  });
});
