import { ConfigErrors, formatIssue, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { compileCustomKinds, knownKinds } from './index.js';
import { VALID_OBJECTS, validObject } from './__fixtures__/valid-objects.js';
import { objectIssues, validateManifests } from './validate.js';

/** The messages the validator reports for one object of cluster pms-dev. */
function messages(object: unknown): string[] {
  return objectIssues('pms-dev', object).map(formatIssue);
}

/** The single message for one object; fails when there is not exactly one. */
function message(object: unknown): string {
  const found = messages(object);
  expect(found, found.join('\n')).toHaveLength(1);
  return found[0]!;
}

describe('known kinds', () => {
  it('has a valid example for every kind it knows, and nothing else', () => {
    expect(Object.keys(VALID_OBJECTS).sort()).toEqual(
      knownKinds()
        .map((k) => `${k.apiVersion} ${k.kind}`)
        .sort(),
    );
  });

  it.each(Object.keys(VALID_OBJECTS))('accepts a valid %s', (key) => {
    expect(messages(validObject(key))).toEqual([]);
  });

  it('compiles every schema written in this project in ajv strict mode', () => {
    expect(() => compileCustomKinds()).not.toThrow();
  });

  it('refuses an unknown apiVersion/kind, suggesting the known one and listing what it knows', () => {
    const ingress = {
      ...validObject('networking.k8s.io/v1 Ingress'),
      apiVersion: 'networking.k8s.io/v1beta1',
    };
    const text = message(ingress);
    expect(text).toMatch(
      /^\[pms-dev\] Ingress pms\/pms = "networking.k8s.io\/v1beta1 Ingress": unknown kind \(did you mean "networking.k8s.io\/v1 Ingress"\?\); allowed: v1 Namespace, /,
    );
    for (const kind of knownKinds()) expect(text).toContain(`${kind.apiVersion} ${kind.kind}`);
  });

  it('refuses a namespaced object without a namespace and a cluster-scoped one with a namespace', () => {
    const service = validObject('v1 Service');
    delete service.metadata.namespace;
    expect(message(service)).toBe(
      '[pms-dev] Service apigateway metadata.namespace = (missing): Service is namespaced; allowed: a namespace name',
    );
    const params = validObject('elbv2.k8s.aws/v1beta1 IngressClassParams');
    params.metadata.namespace = 'pms';
    expect(message(params)).toBe(
      '[pms-dev] IngressClassParams pms/alb metadata.namespace = "pms": IngressClassParams is cluster-scoped; allowed: no namespace',
    );
  });
});

describe('unknown fields are rejected at any depth', () => {
  it('names the field inside a container, with the nearest declared names', () => {
    const deployment = validObject('apps/v1 Deployment');
    deployment.spec.template.spec.containers[0].securityContxt = { runAsNonRoot: true };
    expect(message(deployment)).toMatch(
      /^\[pms-dev\] Deployment pms\/apigateway spec\.template\.spec\.containers\[0\]\.securityContxt = \{"runAsNonRoot":true\}: unknown field \(did you mean "securityContext"\?\); allowed: securityContext, /,
    );
  });

  it('reports a misspelt Ingress pathType once, not also as the missing pathType', () => {
    const ingress = validObject('networking.k8s.io/v1 Ingress');
    const path = ingress.spec.rules[0].http.paths[1];
    path.pathtype = path.pathType;
    delete path.pathType;
    expect(message(ingress)).toBe(
      '[pms-dev] Ingress pms/pms spec.rules[0].http.paths[1].pathtype = "Prefix": unknown field (did you mean "pathType"?); allowed: backend, path, pathType',
    );
  });

  it('names selfHeal for an Application with selfheal', () => {
    const app = validObject('argoproj.io/v1alpha1 Application');
    app.spec.syncPolicy.automated = { prune: true, selfheal: true };
    expect(message(app)).toBe(
      '[pms-dev] Application argocd/aws-load-balancer-controller-pms-dev spec.syncPolicy.automated.selfheal = true: unknown field (did you mean "selfHeal"?); allowed: allowEmpty, enabled, prune, selfHeal',
    );
  });

  it('checks the Application template inside an ApplicationSet', () => {
    const set = validObject('argoproj.io/v1alpha1 ApplicationSet');
    set.spec.template.spec.syncPolicy.automated.selfheal = true;
    expect(message(set)).toContain(
      'spec.template.spec.syncPolicy.automated.selfheal = true: unknown field (did you mean "selfHeal"?)',
    );
  });

  it('checks list items beyond the first', () => {
    const policy = validObject('networking.k8s.io/v1 NetworkPolicy');
    policy.spec.egress[0].ports[1].endport = 60;
    expect(message(policy)).toContain(
      'spec.egress[0].ports[1].endport = 60: unknown field (did you mean "endPort"?)',
    );
  });

  it('checks metadata of every kind, including the custom resources', () => {
    const alarm = validObject('cloudwatch.services.k8s.aws/v1alpha1 MetricAlarm');
    alarm.metadata.anotations = {};
    expect(message(alarm)).toContain(
      'MetricAlarm pms/target-5xx-rate metadata.anotations = {}: unknown field (did you mean "annotations"?)',
    );
  });

  it('refuses a misspelt top-level field', () => {
    const ns = validObject('v1 Namespace');
    ns.sepc = {};
    expect(message(ns)).toContain(
      'Namespace pms sepc = {}: unknown field (did you mean "spec"?); allowed: apiVersion, kind, metadata, spec, status',
    );
  });

  it('rejects unknown fields in the schemas written here (IngressClassParams, WebACL)', () => {
    const params = validObject('elbv2.k8s.aws/v1beta1 IngressClassParams');
    params.spec.sslpolicy = params.spec.sslPolicy;
    delete params.spec.sslPolicy;
    expect(message(params)).toMatch(
      /IngressClassParams alb spec\.sslpolicy = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09": unknown field \(did you mean "sslPolicy"\?\); allowed: /,
    );
    const acl = validObject('wafv2.services.k8s.aws/v1alpha1 WebACL');
    acl.spec.rules[0].statement.managedRuleGroupStatement.vendor = 'AWS';
    expect(message(acl)).toContain(
      'WebACL pms/pms-dev-web-acl spec.rules[0].statement.managedRuleGroupStatement.vendor = "AWS": unknown field',
    );
  });

  it('keeps maps and free-form values open: labels, annotations, Helm values', () => {
    const app = validObject('argoproj.io/v1alpha1 Application');
    app.metadata.labels['example.com/any-key'] = 'x';
    app.spec.source.helm.valuesObject = {
      serviceAccount: { create: true, annotations: { a: 'b' } },
      anything: [1, { deep: true }],
    };
    expect(messages(app)).toEqual([]);
  });

  it('accepts the fields the published validators leave out but the API declares, and checks them', () => {
    const project = validObject('argoproj.io/v1alpha1 AppProject');
    expect(messages(project)).toEqual([]);
    project.spec.description = 'x'.repeat(256);
    expect(message(project)).toMatch(
      /AppProject argocd\/pms spec\.description = "x{256}": wrong length; allowed: a string of at most 255 characters$/,
    );
    const crd = validObject('apiextensions.k8s.io/v1 CustomResourceDefinition');
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec['x-kubernetes-list-type'] = 'list';
    expect(message(crd)).toContain(
      `spec.versions[0].schema.openAPIV3Schema.properties.spec.x-kubernetes-list-type = "list": not an allowed value; allowed: one of "atomic", "set", "map"`,
    );
  });
});

describe('wrong types and values are rejected with what is allowed', () => {
  it.each([
    [
      'apps/v1 Deployment',
      (o: any) => (o.spec.replicas = '3'),
      'spec.replicas = "3": wrong type (string); allowed: an integer',
    ],
    [
      'apps/v1 Deployment',
      (o: any) => (o.spec.template.spec.containers[0].ports[0].protocol = 'TCPP'),
      'spec.template.spec.containers[0].ports[0].protocol = "TCPP": not an allowed value; allowed: one of "SCTP", "TCP", "UDP"',
    ],
    [
      'v1 Service',
      (o: any) => (o.spec.ports[0].targetPort = true),
      'spec.ports[0].targetPort = true: wrong type (boolean); allowed: a string or an integer',
    ],
    [
      'v1 Namespace',
      (o: any) => (o.metadata.labels.tier = 3),
      'metadata.labels.tier = 3: wrong type (integer); allowed: a string',
    ],
    [
      'networking.k8s.io/v1 Ingress',
      (o: any) => (o.spec.rules[0].http.paths[0].pathType = 'prefix'),
      'spec.rules[0].http.paths[0].pathType = "prefix": not an allowed value; allowed: one of "Exact", "ImplementationSpecific", "Prefix"',
    ],
    [
      'elbv2.k8s.aws/v1beta1 IngressClassParams',
      (o: any) => (o.spec.scheme = 'public'),
      'spec.scheme = "public": not an allowed value; allowed: one of "internal", "internet-facing"',
    ],
    [
      'elbv2.k8s.aws/v1beta1 IngressClassParams',
      (o: any) => (o.spec.listeners[0].port = '443'),
      'spec.listeners[0].port = "443": wrong type (string); allowed: a whole number from 1 to 65535',
    ],
    [
      'elbv2.k8s.aws/v1beta1 TargetGroupBinding',
      (o: any) => (o.spec.serviceRef.port = 0),
      'spec.serviceRef.port = 0: out of range; allowed: a whole number from 1 to 65535 or a port name',
    ],
    [
      'wafv2.services.k8s.aws/v1alpha1 WebACL',
      (o: any) => (o.spec.rules[1].statement.rateBasedStatement.evaluationWindowSec = 301),
      'spec.rules[1].statement.rateBasedStatement.evaluationWindowSec = 301: not an allowed value; allowed: one of 60, 120, 300, 600',
    ],
    [
      'wafv2.services.k8s.aws/v1alpha1 WebACL',
      (o: any) => (o.spec.scope = 'regional'),
      'spec.scope = "regional": not an allowed value; allowed: one of "REGIONAL", "CLOUDFRONT"',
    ],
    [
      'acm.services.k8s.aws/v1alpha1 Certificate',
      (o: any) => (o.spec.keyAlgorithm = 'RSA-2048'),
      'spec.keyAlgorithm = "RSA-2048": not an allowed value; allowed: one of "RSA_1024", "RSA_2048"',
    ],
    [
      's3.services.k8s.aws/v1alpha1 Bucket',
      (o: any) =>
        (o.spec.encryption = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'SSE-S3' } }] }),
      'spec.encryption.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm = "SSE-S3": not an allowed value; allowed: one of "AES256", "aws:kms", "aws:kms:dsse", "aws:fsx"',
    ],
    [
      's3.services.k8s.aws/v1alpha1 Bucket',
      (o: any) => (o.spec.name = 'PMS_Logs'),
      'spec.name = "PMS_Logs": does not match the required pattern; allowed: an S3 bucket name',
    ],
    [
      'iam.services.k8s.aws/v1alpha1 Role',
      (o: any) => (o.spec.maxSessionDuration = 60),
      'spec.maxSessionDuration = 60: out of range; allowed: a whole number from 3600 to 43200',
    ],
    [
      'iam.services.k8s.aws/v1alpha1 Policy',
      (o: any) => (o.spec.policyDocument = { Version: '2012-10-17' }),
      'spec.policyDocument = {"Version":"2012-10-17"}: wrong type (object); allowed: a JSON policy document as a string',
    ],
    [
      'cloudwatch.services.k8s.aws/v1alpha1 Dashboard',
      (o: any) => delete o.spec.dashboardBody,
      'spec.dashboardBody = (missing): required field is missing; allowed: the dashboard body as a JSON string',
    ],
    [
      'cloudwatch.services.k8s.aws/v1alpha1 MetricAlarm',
      (o: any) => (o.spec.metrics[1].metricStat.period = 61),
      'spec.metrics[1].metricStat.period = 61: not an allowed value; allowed: 10, 20, 30 or a multiple of 60 (seconds)',
    ],
    [
      'cloudwatch.services.k8s.aws/v1alpha1 MetricAlarm',
      (o: any) => (o.spec.treatMissingData = 'notbreaching'),
      'spec.treatMissingData = "notbreaching": not an allowed value; allowed: one of "breaching", "notBreaching", "ignore", "missing"',
    ],
    [
      'argoproj.io/v1alpha1 Application',
      (o: any) => (o.spec.syncPolicy.retry.limit = 'five'),
      'spec.syncPolicy.retry.limit = "five": wrong type (string); allowed: an integer',
    ],
  ])('%s: %s', (key, mutate, expected) => {
    const object = validObject(key);
    mutate(object);
    expect(message(object)).toContain(expected);
  });
});

describe('validateManifests', () => {
  const valid = Object.keys(VALID_OBJECTS).map((key) => validObject(key) as Manifest);

  it('returns for valid objects and leaves them untouched', () => {
    const before = structuredClone(valid);
    expect(() => validateManifests('pms-dev', valid)).not.toThrow();
    expect(valid).toEqual(before);
  });

  it('throws ConfigErrors with every issue of every object, each naming the cluster', () => {
    const deployment = validObject('apps/v1 Deployment');
    deployment.spec.replicas = -1.5;
    const app = validObject('argoproj.io/v1alpha1 Application');
    app.spec.syncPolicy.automated.selfheal = true;
    let caught: unknown;
    try {
      validateManifests('pms-prod', [...valid, deployment as Manifest, app as Manifest]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigErrors);
    const lines = (caught as ConfigErrors).message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      '[pms-prod] Deployment pms/apigateway spec.replicas = -1.5: wrong type (number); allowed: an integer',
    );
    expect(lines[1]).toMatch(
      /^\[pms-prod\] Application argocd\/.* spec\.syncPolicy\.automated\.selfheal = true: unknown field/,
    );
  });

  it('refuses things that are not objects', () => {
    expect(messages('kind: Service')).toEqual([
      '[pms-dev] (no kind) (unnamed) = "kind: Service"; allowed: a Kubernetes object (a mapping with apiVersion, kind and metadata)',
    ]);
  });
});
