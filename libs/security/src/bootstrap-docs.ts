import {
  deletionGuardRequired,
  firstSyncLink,
  prerequisitesLink,
  STATEFUL_AWS_KINDS,
  type ClusterSettings,
  type DocSection,
} from '@pms/core';
import { describeOrigin, type AlbGroup } from '@pms/ingress';
import { ACM_DNS_VALIDATION } from './certificate.js';
import { webAclName } from './waf/names.js';

const code = (text: string) => `\`${text}\``;

/** How the ALB finds its web ACL, for the bootstrap's prose. */
function webAclReference(cluster: ClusterSettings, alb: AlbGroup | undefined): string {
  if (alb?.wafv2AclName && alb.wafv2AclNameOrigin)
    return `names the web ACL ${code(alb.wafv2AclName)} by name (${describeOrigin(alb.wafv2AclNameOrigin)}), which the controller resolves`;
  if (alb?.wafv2AclArn && alb.wafv2AclArnOrigin)
    return `names the web ACL by the ARN pinned in the settings (${describeOrigin(alb.wafv2AclArnOrigin)})`;
  return `names the web ACL ${code(webAclName(cluster))}`;
}

/** How the ALB finds its certificate, for the bootstrap's prose. */
function certificateReference(alb: AlbGroup | undefined): string {
  const https = alb?.listeners.find((listener) => listener.protocol === 'HTTPS');
  if (https && https.certificateArns.length > 0 && https.certificateOrigin)
    return `uses the certificate ARN pinned in the settings (${describeOrigin(https.certificateOrigin)})`;
  return 'finds the certificate by discovery: the ISSUED ACM certificates whose names cover the Ingress host';
}

/**
 * What each AWS resource of a cluster does on its way up (the order itself is the README's "First sync", derived from
 * the sync plan). Nothing is wired by hand: the ALB names the web ACL by name and the controller discovers the
 * certificate, so a new cluster is one pull request. What it respects about the controller: it resolves the web ACL
 * name and discovers the certificate while building the model (a failure there creates nothing); it creates the load
 * balancer, sets its attributes (access logs) before any listener, and associates the web ACL only after the listeners
 * and rules (AWS Load Balancer Controller v2.17.1, pkg/deploy/elbv2: load balancer, listeners, rules, then
 * wafv2 association).
 *
 * @param alb the cluster's ALB (`PmsIngress.alb`), to say where it reads each setting; @default generic prose
 * @param externalDns whether external-dns's IAM policy and role are rendered too; @default false
 */
export function bootstrapDocs(cluster: ClusterSettings, alb?: AlbGroup, externalDns = false): DocSection {
  const { bucket } = cluster.accessLogs;
  const external = cluster.accessLogs.external === true;
  return {
    title: 'AWS resource bootstrap',
    order: 500,
    body: [
      `The ALB ${webAclReference(cluster, alb)}, and ${certificateReference(alb)}; its access logs go to ${code(bucket)}` +
        `${external ? ', a bucket managed outside this repository' : ', rendered here'}. ` +
        `So no ARN is copied into \`apps/${cluster.name}/src/settings.ts\`: a new cluster is one pull request. ` +
        `${firstSyncLink()} gives the order they come up in; what each does on the way:`,
      [
        `- **The ACK objects** (the web ACL ${code(webAclName(cluster))}, ${external ? '' : `the access-log bucket ${code(bucket)} with its ELB delivery policy, `}${externalDns ? 'the IAM policies and roles of the load balancer controller and external-dns' : "the load balancer controller's IAM policy and role"}): each is Healthy only once ACK reports it synced in AWS (the ACK health checks in \`argocd-cm\`, docs/gitops.md), so nothing after them starts before they exist.` +
          (external
            ? ` The access-log bucket ${code(bucket)} is external (settings ${code('accessLogs.external')}): it must exist, with its ELB delivery policy, before the first sync.`
            : ''),
        `- **The certificate**: Healthy only once ACM has ISSUED it, which needs its DNS validation record (prerequisite ${prerequisitesLink(ACM_DNS_VALIDATION)}).`,
        '- **The Ingress**: the controller resolves the web ACL and discovers the certificate while it builds its model (a failure there creates nothing), creates the ALB, sets its attributes (access logs to the bucket, which exists by then) before any listener, creates the listeners and rules, then associates the web ACL.',
      ].join('\n'),
      `The stateful ACK objects (${STATEFUL_AWS_KINDS.map((k) => k.kind).join(', ')}) carry \`services.k8s.aws/deletion-policy: retain\`: deleting or pruning them leaves the AWS resources in place (the dashboard and alarms are \`delete\`: nothing Git cannot rebuild, docs/monitoring.md). ` +
        (deletionGuardRequired(cluster)
          ? 'In this cluster they also carry `argocd.argoproj.io/sync-options: …Prune=false,Delete=false`: Argo CD never deletes them, ' +
            'neither when they leave Git (the Application stays OutOfSync until someone deletes the object by hand) nor when the ' +
            'Application is deleted (docs/gitops.md, "Deletion protection"). '
          : '') +
        `To pin a certificate or the web ACL by ARN on purpose, set \`certificateArn\` or \`webAclArn\` in the settings; the render checks ` +
        `that they are ACM and regional WAFv2 ARNs of account \`${cluster.aws.accountId}\` and region \`${cluster.aws.region}\`, the web ACL named ${code(webAclName(cluster))}.`,
    ].join('\n\n'),
  };
}
