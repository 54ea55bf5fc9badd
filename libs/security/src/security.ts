import {
  Checks,
  throwIfAny,
  type ClusterPrerequisite,
  type ClusterSettings,
  type DocSection,
} from '@pms/core';
import type { AlbGroup } from '@pms/ingress';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PmsAccessLogBucket } from './access-logs/bucket.js';
import { awsResourcesNamespace } from './aws-namespace.js';
import { bootstrapDocs } from './bootstrap-docs.js';
import { PmsCertificate } from './certificate.js';
import { ControllerIam } from './iam/controller-iam.js';
import { ExternalDnsIam } from './iam/external-dns-iam.js';
import type { SecuritySettings } from './settings.js';
import { validateSecuritySettings } from './validate.js';
import { PmsWebAcl } from './waf/web-acl.js';

/** Props of `PmsSecurity`. */
export interface PmsSecurityProps {
  /** The cluster's shared settings. */
  readonly cluster: ClusterSettings;
  /** The cluster's security settings. */
  readonly settings: SecuritySettings;
  /**
   * The cluster's ALB as the controller reads it (`PmsIngress.alb`); the docs say how it finds the certificate and
   * the web ACL.
   * @default undefined: the docs say it generically
   */
  readonly alb?: AlbGroup;
  /**
   * The Route 53 hosted zone external-dns may change (`dns.hostedZoneId`): renders external-dns's IAM policy and
   * role for it.
   * @default undefined: no external-dns IAM (external-dns cannot write any record)
   */
  readonly hostedZoneId?: string;
}

/**
 * The AWS side of one cluster's edge, as ACK objects in namespace `pms-aws`: the WAF web ACL, the ALB's access-log
 * bucket, the load balancer controller's IAM policy and role and external-dns's (sync wave `platform`), and the ACM
 * certificate for the host (wave `certificate`). Also the plain JSON policy document (`extraFiles`), the README
 * sections (`docs`) and what must be done outside Git (`prerequisites`). The policy gate runs separately, over all
 * rendered objects (`runPolicyGate`).
 */
export class PmsSecurity extends Construct {
  /** The web ACL. */
  readonly webAcl: PmsWebAcl;
  /** The certificate. */
  readonly certificate: PmsCertificate;
  /** The ALB's access-log bucket (rendered unless the settings declare it external). */
  readonly accessLogBucket: PmsAccessLogBucket;
  /** What must hold outside Git for the cluster's first sync to complete (the certificate's DNS validation). */
  readonly prerequisites: readonly ClusterPrerequisite[];
  /** The controller's IAM policy and role. */
  readonly controllerIam: ControllerIam;
  /** external-dns's IAM policy and role (when `hostedZoneId` is given). */
  readonly externalDnsIam?: ExternalDnsIam;
  /** README sections: bootstrap, WAF, certificate, IAM. */
  readonly docs: readonly DocSection[];
  /** Files besides the YAML objects, path (relative to the cluster folder) → content. */
  readonly extraFiles: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: PmsSecurityProps) {
    super(scope, id);
    const { cluster, settings } = props;
    const checks = Checks.for(this, 'security');
    const root = new Checks(checks.cluster, '', this.node.path);
    validateSecuritySettings(cluster, settings, checks, root);
    throwIfAny([...root.issues, ...checks.issues]);

    new ApiObject(this, 'namespace', awsResourcesNamespace(cluster));
    const alb = props.alb ? { alb: props.alb } : {};
    this.webAcl = new PmsWebAcl(this, 'waf', {
      cluster,
      ...(settings.waf ? { settings: settings.waf } : {}),
      ...alb,
    });
    this.certificate = new PmsCertificate(this, 'certificate', {
      cluster,
      ...alb,
      ...(props.hostedZoneId !== undefined ? { hostedZoneId: props.hostedZoneId } : {}),
    });
    this.accessLogBucket = new PmsAccessLogBucket(this, 'access-logs', { cluster });
    this.controllerIam = new ControllerIam(this, 'controller-iam', {
      cluster,
      identity: settings.controllerIdentity,
    });
    if (props.hostedZoneId !== undefined) {
      this.externalDnsIam = new ExternalDnsIam(this, 'external-dns-iam', {
        cluster,
        identity: settings.controllerIdentity,
        hostedZoneId: props.hostedZoneId,
      });
    }
    this.docs = [
      bootstrapDocs(cluster, props.alb, this.externalDnsIam !== undefined),
      this.webAcl.docs,
      this.certificate.docs,
      this.accessLogBucket.docs,
      this.controllerIam.docs,
      ...(this.externalDnsIam ? [this.externalDnsIam.docs] : []),
    ];
    this.prerequisites = [this.certificate.prerequisite];
    this.extraFiles = this.controllerIam.extraFiles;
  }
}
