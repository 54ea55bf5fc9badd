import {
  hostMatches,
  recommendedLabels,
  SyncWave,
  type ClusterPrerequisite,
  prerequisitesLink,
  type ClusterSettings,
  type DocSection,
} from '@pms/core';
import type { AcmKeyAlgorithm, AwsCertificateSpec, ICertificate, ICertificateSpec } from '@pms/crd-models';
import { describeOrigin, type AlbGroup } from '@pms/ingress';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ackAnnotations, awsTags, AWS_RESOURCES_NAMESPACE } from './aws-namespace.js';
import { kubectl } from './kubectl.js';

/** Name of the cluster's ACK Certificate object. */
export const CERTIFICATE_OBJECT_NAME = 'pms';

/** Key algorithm of the certificate: RSA 2048, which every client and the ALB support. */
export const CERTIFICATE_KEY_ALGORITHM: AcmKeyAlgorithm = 'RSA_2048';

/** Props of `PmsCertificate`. */
export interface PmsCertificateProps {
  /** The cluster's shared settings: the host is the certificate's domain name. */
  readonly cluster: ClusterSettings;
  /**
   * The ALB that uses the certificate (`PmsIngress.alb`): the docs say how its HTTPS listener finds it.
   * @default undefined: the docs do not say how the ALB finds it
   */
  readonly alb?: AlbGroup;
  /**
   * The Route 53 hosted zone holding the host (`dns.hostedZoneId`): the validation step's fix writes the record there.
   * @default undefined: the fix reads the zone from `$HOSTED_ZONE_ID`
   */
  readonly hostedZoneId?: string;
}

/** How the ALB gets its certificate, read from the ALB model: an ARN from a field, or discovery from the hosts. */
export function certificateUsage(alb: AlbGroup | undefined): string {
  const https = alb?.listeners.find((listener) => listener.protocol === 'HTTPS');
  if (!alb) return 'the ALB is not part of this render';
  if (!https) return 'the ALB has no HTTPS listener';
  if (https.certificateOrigin && https.certificateArns.length > 0)
    return `the ALB's HTTPS listener ${https.port} reads its ARN from ${describeOrigin(https.certificateOrigin)} (pinned in the settings, \`certificateArn\`)`;
  if (https.certificateDiscoveryHosts.length > 0)
    return (
      `the ALB's HTTPS listener ${https.port} names no ARN: the load balancer controller discovers it, attaching every ISSUED ` +
      `ACM certificate of the account and region whose names cover ${https.certificateDiscoveryHosts.map((h) => `\`${h}\``).join(', ')}`
    );
  return 'the ALB has no HTTPS listener with a certificate';
}

/** The names a certificate covers: its domain name and subject alternative names. */
export function certificateNames(
  certificate: Pick<ICertificateSpec, 'domainName' | 'subjectAlternativeNames'>,
): string[] {
  return [
    ...(certificate.domainName !== undefined ? [certificate.domainName] : []),
    ...(certificate.subjectAlternativeNames ?? []),
  ];
}

/** The `spec` of the cluster's ACK `Certificate`, typed by the model generated from ACK's CRD, ACM enumerations narrowed. */
export function certificateSpec(
  cluster: Pick<ClusterSettings, 'host' | 'name' | 'environment'>,
): AwsCertificateSpec {
  return {
    domainName: cluster.host,
    keyAlgorithm: CERTIFICATE_KEY_ALGORITHM,
    options: { certificateTransparencyLoggingPreference: 'ENABLED' },
    tags: awsTags(cluster, 'certificate'),
  };
}

/** True when one of the certificate's names covers `host` (exactly, or by a one-label wildcard). */
export function certificateCovers(names: readonly string[], host: string): boolean {
  return names.some((name) => hostMatches(name, host));
}

/** Id of the certificate's DNS validation prerequisite. */
export const ACM_DNS_VALIDATION = 'acm-dns-validation';

/**
 * The prerequisite that validates the certificate: its DNS validation record, read from the ACK object's status and
 * written to Route 53. The record exists only once ACM has the certificate request, so this is done during the first
 * sync (the certificate's wave waits for it), and kept afterwards: ACM renews with it.
 */
export function certificateValidationPrerequisite(
  cluster: ClusterSettings,
  hostedZoneId?: string,
): ClusterPrerequisite {
  const get = `${kubectl(cluster)} -n ${AWS_RESOURCES_NAMESPACE} get certificate.acm.services.k8s.aws ${CERTIFICATE_OBJECT_NAME}`;
  // ACK acm-controller v1.3.4 CRD: status.status (PENDING_VALIDATION → ISSUED) and
  // status.domainValidations[].resourceRecord.{name,type_,value}, the CNAME ACM checks.
  const records = `{range .status.domainValidations[*]}{.resourceRecord.name} {.resourceRecord.type_} {.resourceRecord.value}{"\\n"}{end}`;
  const batch =
    '{\\"Changes\\":[{\\"Action\\":\\"UPSERT\\",\\"ResourceRecordSet\\":{\\"Name\\":\\"$name\\",\\"Type\\":\\"$type\\",' +
    '\\"TTL\\":300,\\"ResourceRecords\\":[{\\"Value\\":\\"$value\\"}]}}]}';
  const inspect = `${get} -o jsonpath='{.status.status}'`;
  return {
    id: ACM_DNS_VALIDATION,
    title: `The ACM certificate for ${cluster.host} is validated (status ISSUED)`,
    why:
      `ACK requests the certificate with DNS validation, and ACM issues it only once the CNAME record in the Certificate's status ` +
      `exists in the public DNS zone of ${cluster.host}. Until then the Certificate is Progressing, Argo CD holds the sync before ` +
      `the Ingress, and the load balancer controller would find no ISSUED certificate for the host ("no certificate found for host"). ` +
      `Run the fix once Argo CD has applied the Certificate (the record is in its status a few seconds later)` +
      (hostedZoneId === undefined
        ? `, with HOSTED_ZONE_ID set to the id of the Route 53 public hosted zone that holds ${cluster.host}`
        : `; it writes the record into hosted zone ${hostedZoneId} (\`dns.hostedZoneId\`, the zone external-dns writes the host's records to)`) +
      '; keep the record, ACM renews with it.',
    when: 'during-first-sync',
    requiredBy: `ACK Certificate ${AWS_RESOURCES_NAMESPACE}/${CERTIFICATE_OBJECT_NAME}, and through it the Ingress (the ALB's HTTPS listener)`,
    inspect,
    expect: 'ISSUED',
    check: `test "$(${inspect})" = ISSUED`,
    fix:
      `${get} -o jsonpath='${records}' | while read -r name type value; do ` +
      `aws route53 change-resource-record-sets --hosted-zone-id ${hostedZoneId ?? '"$HOSTED_ZONE_ID"'} --change-batch "${batch}"; done`,
    source:
      'ACK acm-controller v1.3.4 CRD (status.status, status.domainValidations[].resourceRecord); ' +
      'ACM user guide, "DNS validation" (https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html)',
  };
}

/**
 * The public ACM certificate for the cluster's host as an ACK `Certificate`: RSA 2048, certificate transparency
 * logging on, sync wave `certificate` (after the workloads, before the Ingress). ACK requests it with DNS validation
 * (the only method it uses); the validation record appears in the object's status and must be created in the host's
 * DNS zone (`certificateValidationPrerequisite`). The ALB finds it by discovery from the Ingress host unless the
 * settings pin an ARN. The policy gate refuses a render whose Ingress serves a host this certificate does not cover.
 */
export class PmsCertificate extends Construct {
  /** Names the certificate covers. */
  readonly names: readonly string[];
  /** The DNS validation step, as data. */
  readonly prerequisite: ClusterPrerequisite;
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
        // Retained like the other AWS resources; its own wave so the workloads do not wait for DNS validation.
        annotations: ackAnnotations(cluster, SyncWave.certificate),
      },
      spec: certificateSpec(cluster),
    } satisfies ICertificate);
    this.prerequisite = certificateValidationPrerequisite(cluster, props.hostedZoneId);
    this.docs = {
      title: 'TLS certificate',
      order: 520,
      body: [
        `ACK \`Certificate\` \`${AWS_RESOURCES_NAMESPACE}/${CERTIFICATE_OBJECT_NAME}\`: public ACM certificate for \`${cluster.host}\`, ` +
          `key algorithm \`${CERTIFICATE_KEY_ALGORITHM}\`, in \`${cluster.aws.region}\` (an ALB can only use certificates from its own region), ` +
          `certificate transparency logging on, sync wave ${SyncWave.certificate} (after the workloads, before the Ingress). ACK requests it with **DNS validation**.`,
        `How the ALB finds it: ${certificateUsage(props.alb)}. ` +
          'The render refuses an Ingress host this certificate does not cover (policy rule `certificate-covers-host`), so discovery always has this certificate to find once it is issued.',
        `**DNS validation** (prerequisite ${prerequisitesLink(ACM_DNS_VALIDATION)}, once per certificate, during the first sync): ` +
          `ACM issues the certificate only once the CNAME record in its status exists in the public DNS zone of ${cluster.host}; ` +
          `the section ${prerequisitesLink()} gives the commands that check it and create the record.`,
      ].join('\n\n'),
    };
  }
}
