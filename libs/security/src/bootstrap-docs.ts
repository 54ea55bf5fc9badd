import {
  deletionGuardRequired,
  prerequisitesLink,
  SyncWave,
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
 * How a cluster's AWS resources come up on its first sync, in order. Nothing is wired by hand: the ALB names the web
 * ACL by name and the controller discovers the certificate, so a new cluster is one pull request; the one step
 * outside Git is the certificate's DNS validation record (prerequisite `acm-dns-validation`). What it respects about
 * the controller: it resolves the web ACL name and discovers the certificate while building the model (a failure
 * there creates nothing); it creates the load balancer, sets its attributes (access logs) before any listener, and
 * associates the web ACL only after the listeners and rules.
 *
 * @param alb the cluster's ALB (`PmsIngress.alb`), to say where it reads each setting; @default generic prose
 */
export function bootstrapDocs(cluster: ClusterSettings, alb?: AlbGroup): DocSection {
  const { bucket } = cluster.accessLogs;
  const bucketText =
    cluster.accessLogs.external === true
      ? `the access-log bucket ${code(bucket)} is external (settings ${code('accessLogs.external')}): it must exist, with its ELB delivery policy, before the first sync`
      : `the access-log bucket ${code(bucket)} with its ELB delivery policy`;
  return {
    title: 'AWS resource bootstrap',
    order: 500,
    body: [
      `The ALB ${webAclReference(cluster, alb)}, and ${certificateReference(alb)}; its access logs go to ${code(bucket)}` +
        `${cluster.accessLogs.external === true ? ', a bucket managed outside this repository' : ', rendered here'}. ` +
        `So no ARN is copied into \`apps/${cluster.name}/src/settings.ts\`: a new cluster is one pull request. ` +
        'Its first sync runs in this order; within the cluster Application, Argo CD waits for each wave to be healthy, and an ACK object is healthy only once ACK reports it synced in AWS (the ACK health checks, docs/gitops.md):',
      [
        `1. **Wave ${SyncWave.platform}, AWS resources**: the web ACL ${code(webAclName(cluster))}, ${bucketText}, the load balancer controller's IAM policy and role.`,
        `2. **Wave ${SyncWave.workloads}, workloads**: Services, Deployments, NetworkPolicies, monitoring.`,
        `3. **Wave ${SyncWave.certificate}, the certificate**: healthy only once ACM has ISSUED it. Create its DNS validation record while the sync waits here (prerequisite ${prerequisitesLink(ACM_DNS_VALIDATION)}).`,
        `4. **Wave ${SyncWave.ingress}, the Ingress**: the controller resolves the web ACL and the certificate, creates the ALB, sets its attributes (access logs to the bucket that now exists), creates the listeners and rules, then associates the web ACL.`,
      ].join('\n'),
      'The ACK objects carry `services.k8s.aws/deletion-policy: retain`: deleting or pruning them leaves the AWS resources in place. ' +
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
