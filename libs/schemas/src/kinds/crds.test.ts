import { formatIssue } from '@pms/core';
import { CRD_FACTS, type CrdVersionFact } from '@pms/crd-models';
import { describe, expect, it } from 'vitest';
import { validObject } from '../__fixtures__/valid-objects.js';
import { formatPath } from '../paths.js';
import { objectIssues } from '../validate.js';
import { customKind, type CrdModel } from './crds.js';

/** The messages for one object of cluster pms-dev. */
const messages = (object: unknown) => objectIssues('pms-dev', object).map(formatIssue);

/** The single message for one object; fails when there is not exactly one. */
function message(object: unknown): string {
  const found = messages(object);
  expect(found, found.join('\n')).toHaveLength(1);
  return found[0]!;
}

describe('properties named `description` (dropped by the generator from its validators)', () => {
  const acl = () => validObject('wafv2.services.k8s.aws/v1alpha1 WebACL');

  it('are accepted where the CRD declares them, and checked against the CRD and the overlay', () => {
    for (const key of [
      'wafv2.services.k8s.aws/v1alpha1 WebACL',
      'iam.services.k8s.aws/v1alpha1 Policy',
      'iam.services.k8s.aws/v1alpha1 Role',
    ]) {
      const object = validObject(key);
      object.spec.description = 'Managed by pms-gitops.';
      expect(messages(object)).toEqual([]);
    }
    const typed = acl();
    typed.spec.description = 5;
    expect(message(typed)).toContain('spec.description = 5: wrong type (integer); allowed: a string');
    const long = acl();
    long.spec.description = 'x'.repeat(257);
    expect(message(long)).toMatch(
      /spec\.description = "x{257}": wrong length; allowed: a string of at most 256 characters/,
    );
  });

  it('are listed among the allowed names, so a misspelling is suggested', () => {
    const policy = validObject('iam.services.k8s.aws/v1alpha1 Policy');
    policy.spec.descripton = 'x';
    expect(message(policy)).toMatch(
      /spec\.descripton = "x": unknown field \(did you mean "description"\?\); allowed: .*description/,
    );
  });

  it('are unknown where the CRD declares none', () => {
    const bucket = validObject('s3.services.k8s.aws/v1alpha1 Bucket');
    bucket.spec.description = 'x';
    expect(message(bucket)).toContain(
      'Bucket pms/pms-dev-alb-access-logs spec.description = "x": unknown field',
    );
  });
});

describe('null (the generated validators accept it in every optional field)', () => {
  it.each([
    [
      'elbv2.k8s.aws/v1beta1 IngressClassParams',
      ['spec', 'ipAddressType'],
      'wrong type (null); allowed: one of "ipv4", "dualstack", "dualstack-without-public-ipv4"',
    ],
    ['elbv2.k8s.aws/v1beta1 IngressClassParams', ['spec', 'group'], 'wrong type (null); allowed: an object'],
    [
      'elbv2.k8s.aws/v1beta1 IngressClassParams',
      ['spec', 'scheme'],
      'wrong type (null); allowed: one of "internal", "internet-facing"',
    ],
    [
      'wafv2.services.k8s.aws/v1alpha1 WebACL',
      ['spec', 'description'],
      'wrong type (null); allowed: a string',
    ],
    [
      'externaldns.k8s.io/v1alpha1 DNSEndpoint',
      ['spec', 'endpoints', 0, 'recordTTL'],
      'wrong type (null); allowed: an integer',
    ],
    [
      'cloudwatch.services.k8s.aws/v1alpha1 MetricAlarm',
      ['metadata', 'labels'],
      'wrong type (null); allowed: an object',
    ],
  ] as const)('%s %j is refused', (key, path, expected) => {
    const object = validObject(key);
    let parent = object;
    for (const segment of path.slice(0, -1)) parent = parent[segment];
    parent[path.at(-1)!] = null;
    expect(message(object)).toContain(`${formatPath(path)} = null: ${expected}`);
  });
});

describe('what the render never writes', () => {
  it('refuses status (the controller writes it) and other top-level fields', () => {
    const certificate = validObject('acm.services.k8s.aws/v1alpha1 Certificate');
    certificate.status = { ackResourceMetadata: { arn: 'arn:aws:acm:x' } };
    expect(message(certificate)).toBe(
      '[pms-dev] Certificate pms/pms-dev status = {"ackResourceMetadata":{"arn":"arn:aws:acm:x"}}: unknown field; allowed: apiVersion, kind, metadata, spec',
    );
  });
});

describe("the CRDs' CEL rules", () => {
  it("evaluates IngressClassParams' rule: prefixListsIDs or the legacy PrefixListsIDs, never both", () => {
    const params = validObject('elbv2.k8s.aws/v1beta1 IngressClassParams');
    params.spec.prefixListsIDs = ['pl-0123456789abcdef0'];
    expect(messages(params)).toEqual([]);
    params.spec.PrefixListsIDs = ['pl-0fedcba9876543210'];
    expect(message(params)).toBe(
      `[pms-dev] IngressClassParams alb spec = {"prefixListsIDs":["pl-0123456789abcdef0"],"PrefixListsIDs":["pl-0fedcba9876543210"]}: cannot specify both 'prefixListsIDs' and 'PrefixListsIDs' fields; allowed: a value for which the CRD's rule \`!(has(self.prefixListsIDs) && has(self.PrefixListsIDs))\` holds (kubernetes-sigs/aws-load-balancer-controller v2.17.1, crds/aws-load-balancer-controller/elbv2.k8s.aws_ingressclassparams.yaml)`,
    );
  });

  it('skips transition rules (they compare with the stored object, which a render has not)', () => {
    const transitions = CRD_FACTS.find((f) => f.kind === 'Certificate')!.celRules.filter((r) => r.transition);
    expect(transitions.length).toBeGreaterThan(0);
    expect(messages(validObject('acm.services.k8s.aws/v1alpha1 Certificate'))).toEqual([]);
  });
});

describe('the CRD model and the overlay together', () => {
  it("reports the CRD's own enumerations where no overlay adds one", () => {
    const params = validObject('elbv2.k8s.aws/v1beta1 IngressClassParams');
    params.spec.ipAddressType = 'ipv5';
    expect(message(params)).toContain(
      'spec.ipAddressType = "ipv5": not an allowed value; allowed: one of "ipv4", "dualstack", "dualstack-without-public-ipv4"',
    );
  });

  it("says what a missing required field must be: the overlay's constraint, else its type", () => {
    const binding = validObject('elbv2.k8s.aws/v1beta1 TargetGroupBinding');
    delete binding.spec.serviceRef.name;
    expect(message(binding)).toContain(
      'spec.serviceRef.name = (missing): required field is missing; allowed: a string of at least 1 characters',
    );
    const bucket = validObject('s3.services.k8s.aws/v1alpha1 Bucket');
    delete bucket.spec.name;
    expect(message(bucket)).toContain(
      'spec.name = (missing): required field is missing; allowed: an S3 bucket name: 3-63 lower-case letters',
    );
    const acl = validObject('wafv2.services.k8s.aws/v1alpha1 WebACL');
    delete acl.spec.defaultAction;
    expect(message(acl)).toContain(
      'spec.defaultAction = (missing): required field is missing; allowed: an object',
    );
  });

  it('rejects unknown fields of the kinds registered ahead of their builders, with a suggestion', () => {
    const endpoint = validObject('externaldns.k8s.io/v1alpha1 DNSEndpoint');
    endpoint.spec.endpoints[0].recordTtl = 60;
    expect(message(endpoint)).toContain(
      'spec.endpoints[0].recordTtl = 60: unknown field (did you mean "recordTTL"?)',
    );
  });
});

describe('CRD facts the generated validator cannot check', () => {
  /** A model whose validator reads `spec.port` and `spec.settings` but checks neither (and reads the identity). */
  const model: CrdModel = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    prototype: {
      validate(this: Record<string, any>) {
        void [this.apiVersion, this.kind, this.metadata?.name, this.spec?.port, this.spec?.settings];
      },
    },
  };
  const fact: CrdVersionFact = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    scope: 'Cluster',
    storage: true,
    file: 'widget-operator/widgets.yaml',
    source: 'example/widget-operator v1',
    descriptionFields: [],
    intOrStringFields: [['spec', 'port']],
    celRules: [],
  };
  const widget = (spec: Record<string, unknown>) =>
    customKind(model, fact, undefined)
      .check({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec })
      .map(
        (issue) =>
          `${formatPath(issue.path)} = ${JSON.stringify(issue.value)}: ${issue.problem}; allowed: ${issue.allowed}`,
      );

  it('checks an int-or-string field the CRD declares without anyOf', () => {
    expect(widget({ port: 8080 })).toEqual([]);
    expect(widget({ port: 'http' })).toEqual([]);
    expect(widget({ port: true })).toEqual([
      'spec.port = true: wrong type (boolean); allowed: a string or an integer',
    ]);
  });

  it('refuses a null in a field of any type', () => {
    expect(widget({ settings: null })).toEqual([
      'spec.settings = null: the field is not nullable: the API server would drop it; allowed: a value, or leaving the field out',
    ]);
  });
});

describe('the backing services’ custom resources (CloudNativePG, Strimzi)', () => {
  it('refuses a Cluster without instances and a misspelt field, by the CRD’s own schema', () => {
    const cluster = validObject('postgresql.cnpg.io/v1 Cluster');
    delete cluster.spec.instances;
    cluster.spec.storage.storageclass = 'pms-gp3';
    const found = messages(cluster).join('\n');
    expect(found).toContain('spec.instances');
    expect(found).toContain('spec.storage.storageclass = "pms-gp3": unknown field');
  });

  it('evaluates the Cluster CRD’s CEL rule: an image name or an image catalog, never both', () => {
    const cluster = validObject('postgresql.cnpg.io/v1 Cluster');
    cluster.spec.imageCatalogRef = {
      apiGroup: 'postgresql.cnpg.io',
      kind: 'ImageCatalog',
      name: 'pg',
      major: 18,
    };
    expect(messages(cluster).join('\n')).toContain('!(has(self.imageCatalogRef) && has(self.imageName))');
  });

  it('refuses a KafkaNodePool role the CRD does not know and a Kafka listener without its type', () => {
    const pool = validObject('kafka.strimzi.io/v1 KafkaNodePool');
    pool.spec.roles = ['controller', 'brokers'];
    expect(messages(pool).join('\n')).toContain('spec.roles[1] = "brokers"');
    const kafka = validObject('kafka.strimzi.io/v1 Kafka');
    delete kafka.spec.kafka.listeners[0].type;
    expect(messages(kafka).join('\n')).toContain('spec.kafka.listeners[0].type');
  });
});
