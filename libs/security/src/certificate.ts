import { hostMatches, recommendedLabels, type ClusterSettings, type DocSection } from '@pms/core';
import { describeOrigin, type AlbGroup } from '@pms/ingress';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ackAnnotations, awsTags, AWS_RESOURCES_NAMESPACE } from './aws-namespace.js';
import { kubectl } from './kubectl.js';

/** Name of the cluster's ACK Certificate object. */
export const CERTIFICATE_OBJECT_NAME = 'pms';

/** Key algorithm of the certificate: RSA 2048, which every client and the ALB support. */
export const CERTIFICATE_KEY_ALGORITHM = 'RSA_2048';

/** Props of `PmsCertificate`. */
export interface PmsCertificateProps {
  /** The cluster's shared settings: the host is the certificate's domain name. */
  readonly cluster: ClusterSettings;
  /**
   * The ALB that uses the certificate (`PmsIngress.alb`): the docs say where its HTTPS listener reads the ARN.
   * @default undefined: the docs only name the settings field `certificateArn`
   */
  readonly alb?: AlbGroup;
}

/** How the ALB gets the certificate ARN, read from the ALB model (the field that really carries it). */
export function certificateUsage(alb: AlbGroup | undefined): string {
  const https = alb?.listeners.find((listener) => listener.protocol === 'HTTPS');
  if (!alb) return 'the ALB is not part of this render';
  if (!https?.certificateOrigin) return 'the ALB has no HTTPS listener with a certificate';
  return `the ALB's HTTPS listener ${https.port} reads it from ${describeOrigin(https.certificateOrigin)}`;
}

/** The names a certificate covers: its domain name and subject alternative names. */
export function certificateNames(certificate: {
  domainName?: unknown;
  subjectAlternativeNames?: unknown;
}): string[] {
  const names = [
    certificate.domainName,
    ...(Array.isArray(certificate.subjectAlternativeNames) ? certificate.subjectAlternativeNames : []),
  ];
  return names.filter((name): name is string => typeof name === 'string');
}

/** True when one of the certificate's names covers `host` (exactly, or by a one-label wildcard). */
export function certificateCovers(names: readonly string[], host: string): boolean {
  return names.some((name) => hostMatches(name, host));
}

/**
 * The public ACM certificate for the cluster's host as an ACK `Certificate`: RSA 2048, certificate
 * transparency logging on. ACK requests it with DNS validation (the only method it uses); the validation
 * record appears in the object's status and must be created in the host's DNS zone (see the docs).
 * The policy gate refuses a render whose Ingress serves a host this certificate does not cover.
 */
export class PmsCertificate extends Construct {
  /** Names the certificate covers. */
  readonly names: readonly string[];
  /** Generated README section: the certificate and its validation step. */
  readonly docs: DocSection;

  constructor(scope: Construct, id: string, props: PmsCertificateProps) {
    super(scope, id);
    const { cluster } = props;
    this.names = [cluster.host];
    new ApiObject(this, 'certificate', {
      apiVersion: 'acm.services.k8s.aws/v1alpha1',
      kind: 'Certificate',
      metadata: {
        name: CERTIFICATE_OBJECT_NAME,
        namespace: AWS_RESOURCES_NAMESPACE,
        labels: recommendedLabels(CERTIFICATE_OBJECT_NAME, 'certificate'),
        annotations: ackAnnotations(cluster),
      },
      spec: {
        domainName: cluster.host,
        keyAlgorithm: CERTIFICATE_KEY_ALGORITHM,
        options: { certificateTransparencyLoggingPreference: 'ENABLED' },
        tags: awsTags(cluster, 'certificate'),
      },
    });
    const get = `${kubectl(cluster)} get -n ${AWS_RESOURCES_NAMESPACE} certificate.acm.services.k8s.aws/${CERTIFICATE_OBJECT_NAME}`;
    this.docs = {
      title: 'TLS certificate',
      order: 520,
      body: [
        `ACK \`Certificate\` \`${AWS_RESOURCES_NAMESPACE}/${CERTIFICATE_OBJECT_NAME}\`: public ACM certificate for \`${cluster.host}\`, ` +
          `key algorithm \`${CERTIFICATE_KEY_ALGORITHM}\`, in \`${cluster.aws.region}\` (an ALB can only use certificates from its own region), ` +
          'certificate transparency logging on. ACK requests it with **DNS validation**.',
        '**DNS validation step** (once per certificate, and again only if the record is removed):',
        [
          `1. After Argo CD synced the object, read the validation record: \`${get} -o jsonpath='{.status.domainValidations[*].resourceRecord}'\`.`,
          `2. Create that CNAME record (name → value) in the DNS zone of \`${cluster.host}\`. Keep it: ACM renews the certificate with it.`,
          `3. Wait for \`status.status\` to become \`ISSUED\`: \`${get} -o jsonpath='{.status.status}'\`.`,
        ].join('\n'),
        `The issued ARN (\`status.ackResourceMetadata.arn\`) goes into \`certificateArn\` in \`apps/${cluster.name}/src/settings.ts\` ` +
          `(see "AWS resource bootstrap"); ${certificateUsage(props.alb)}. ` +
          'The render refuses an Ingress host this certificate does not cover (policy rule `certificate-covers-host`).',
      ].join('\n\n'),
    };
  }
}
