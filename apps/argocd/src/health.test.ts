import { describe, expect, it } from 'vitest';
import { buildArgoCd } from './build.js';
import { fleet } from './fleet.js';
import {
  ACK_CERTIFICATE_HEALTH_LUA,
  ACK_HEALTH_LUA,
  APPLICATION_HEALTH_LUA,
  ARGOCD_CM,
  healthKey,
  healthLuaOf,
} from './health.js';
import { runHealthLua } from './testing/lua.js';

/** An ACK status condition (ACK runtime apis/core/v1alpha1 Condition: type, status, reason, message). */
const condition = (type: string, status: 'True' | 'False' | 'Unknown', message?: string) => ({
  type,
  status,
  ...(message ? { message } : {}),
});
const ack = (conditions: object[], extra: object = {}) => ({
  apiVersion: 's3.services.k8s.aws/v1alpha1',
  kind: 'Bucket',
  metadata: { name: 'logs' },
  status: { conditions, ...extra },
});

describe('the ACK health check', () => {
  const health = (object: object) => runHealthLua(ACK_HEALTH_LUA, object);

  it('is Healthy once ACK reports the resource synced (Ready True)', () => {
    expect(health(ack([condition('ACK.ResourceSynced', 'True'), condition('Ready', 'True')]))).toEqual({
      status: 'Healthy',
      message: 'Synced with AWS',
    });
  });

  it('is Degraded on a terminal condition, with its message', () => {
    expect(
      health(
        ack([
          condition('ACK.Terminal', 'True', 'InvalidBucketName: The specified bucket is not valid.'),
          condition('Ready', 'False'),
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'ACK.Terminal: InvalidBucketName: The specified bucket is not valid.',
    });
  });

  it('is Progressing while not yet synced, and before ACK wrote any status', () => {
    expect(health(ack([condition('Ready', 'False', 'Resource not synced')]))).toEqual({
      status: 'Progressing',
      message: 'Resource not synced',
    });
    expect(health({ apiVersion: 'wafv2.services.k8s.aws/v1alpha1', kind: 'WebACL', metadata: {} })).toEqual({
      status: 'Progressing',
      message: 'Waiting for ACK to reconcile the resource',
    });
  });

  it('stays Progressing on a recoverable error (e.g. the controller role is missing), saying why', () => {
    const result = health(
      ack([
        condition('ACK.Recoverable', 'True', 'AccessDenied: not authorized'),
        condition('Ready', 'False'),
      ]),
    );
    expect(result).toEqual({
      status: 'Progressing',
      message: 'ACK.Recoverable: AccessDenied: not authorized',
    });
  });

  it('reads ACK.ResourceSynced when a controller predates the Ready condition', () => {
    expect(health(ack([condition('ACK.ResourceSynced', 'True')])).status).toBe('Healthy');
  });
});

describe('the ACM Certificate health check', () => {
  const certificate = (status: string | undefined, conditions: object[], extra: object = {}) => ({
    apiVersion: 'acm.services.k8s.aws/v1alpha1',
    kind: 'Certificate',
    metadata: { name: 'pms' },
    status: { ...(status ? { status } : {}), conditions, ...extra },
  });
  const synced = [condition('ACK.ResourceSynced', 'True'), condition('Ready', 'True')];
  const health = (object: object) => runHealthLua(ACK_CERTIFICATE_HEALTH_LUA, object);

  it('is Healthy only once ISSUED, not merely synced (ACK reports a pending certificate synced)', () => {
    expect(health(certificate('ISSUED', synced))).toEqual({ status: 'Healthy', message: 'ISSUED' });
    expect(health(certificate('PENDING_VALIDATION', synced)).status).toBe('Progressing');
  });

  it('names the DNS validation record to create while pending', () => {
    const pending = certificate('PENDING_VALIDATION', synced, {
      domainValidations: [
        {
          domainName: 'pms.example.com',
          validationStatus: 'PENDING_VALIDATION',
          resourceRecord: {
            name: '_3f1a.pms.example.com.',
            type_: 'CNAME',
            value: '_9b2c.acm-validations.aws.',
          },
        },
      ],
    });
    expect(health(pending)).toEqual({
      status: 'Progressing',
      message:
        'PENDING_VALIDATION: waiting for the DNS validation record; create CNAME _3f1a.pms.example.com. -> _9b2c.acm-validations.aws.',
    });
  });

  it('is Degraded when ACM gave up, and on a terminal condition', () => {
    expect(health(certificate('VALIDATION_TIMED_OUT', synced))).toEqual({
      status: 'Degraded',
      message: 'ACM certificate status VALIDATION_TIMED_OUT',
    });
    expect(health(certificate(undefined, [condition('ACK.Terminal', 'True', 'InvalidDomain')])).status).toBe(
      'Degraded',
    );
  });
});

describe('the Application health check (app of apps)', () => {
  it("reports the child Application's own health, Progressing until it has one", () => {
    expect(
      runHealthLua(APPLICATION_HEALTH_LUA, { status: { health: { status: 'Degraded', message: 'x' } } }),
    ).toEqual({ status: 'Degraded', message: 'x' });
    expect(runHealthLua(APPLICATION_HEALTH_LUA, { metadata: {} }).status).toBe('Progressing');
  });
});

describe('argocd-cm', () => {
  const built = buildArgoCd(fleet);
  const data = built.healthConfig.data as Record<string, string>;

  it('holds a health check for every ACK kind any cluster renders, and for Application', () => {
    const kinds = built.ack.flatMap((a) =>
      a.usages.flatMap((u) =>
        u.kinds.map((kind) => ({ group: `${u.controller.service}.services.k8s.aws`, kind })),
      ),
    );
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(data[healthKey(kind)], healthKey(kind)).toBe(healthLuaOf(kind));
    expect(data['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_LUA);
    expect(data['resource.customizations.health.acm.services.k8s.aws_Certificate']).toBe(
      ACK_CERTIFICATE_HEALTH_LUA,
    );
    expect(Object.keys(data)).toHaveLength(new Set(kinds.map(healthKey)).size + 1);
  });

  it('is the ConfigMap Argo CD reads, never pruned nor deleted, only its keys server-side applied', () => {
    expect(built.healthConfig.metadata).toMatchObject({
      name: ARGOCD_CM,
      namespace: 'argocd',
      labels: { 'app.kubernetes.io/part-of': 'argocd' },
      annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false,ServerSideApply=true' },
    });
  });

  it('is one the bootstrap project may sync', () => {
    expect(built.bootstrap.project.spec?.namespaceResourceWhitelist).toContainEqual({
      group: '',
      kind: 'ConfigMap',
    });
  });

  it('runs scripts as Argo CD does: without the string library', () => {
    expect(() => runHealthLua('return { status = string.upper("healthy") }', {})).toThrow(/Lua error/);
  });

  it('runs every script it holds without a Lua error (no library Argo CD does not open)', () => {
    for (const [key, script] of Object.entries(data)) {
      expect(() => runHealthLua(script, { status: { conditions: [] } }), key).not.toThrow();
    }
  });
});
