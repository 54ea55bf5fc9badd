import { deletionGuardRequired, type ClusterSettings, type DocSection } from '@pms/core';
import { describeOrigin, type AlbGroup, type SettingOrigin } from '@pms/ingress';
import { AWS_RESOURCES_NAMESPACE } from './aws-namespace.js';
import { CERTIFICATE_OBJECT_NAME } from './certificate.js';
import { kubectl } from './kubectl.js';
import { arnIn } from './partition.js';
import { webAclName } from './waf/names.js';

/** Where the ALB reads a setting, for prose. */
const where = (origin: SettingOrigin | undefined) => (origin ? describeOrigin(origin) : 'the ALB');

/**
 * The bootstrap of the ACK-created ARNs into a cluster's settings. What it must respect about the controller:
 * it creates the load balancer before its listeners, and associates the web ACL only after the listeners and
 * rules exist; ELB refuses a listener whose certificate is not issued.
 *
 * @param alb the cluster's ALB (`PmsIngress.alb`), to say where it reads the ARNs; @default the settings fields only
 */
export function bootstrapDocs(cluster: ClusterSettings, alb?: AlbGroup): DocSection {
  const acl = webAclName(cluster);
  const { region, accountId } = cluster.aws;
  const arn = (kind: string, name: string) =>
    `${kubectl(cluster)} -n ${AWS_RESOURCES_NAMESPACE} get ${kind} ${name} -o jsonpath='{.status.ackResourceMetadata.arn}'`;
  const placeholder = (service: string, resource: string) =>
    `\`${arnIn(region, service, region, accountId, resource)}\``;
  const status = `${kubectl(cluster)} -n ${AWS_RESOURCES_NAMESPACE} get certificate.acm.services.k8s.aws ${CERTIFICATE_OBJECT_NAME} -o jsonpath='{.status.status}'`;
  return {
    title: 'AWS resource bootstrap',
    order: 500,
    body: [
      `ACK creates the web ACL and the certificate in AWS; their ARNs exist only afterwards, but the ALB needs them: ` +
        `the render writes \`webAclArn\` to ${where(alb?.wafv2AclArnOrigin)} and \`certificateArn\` to ` +
        `${where(alb?.listeners.find((listener) => listener.protocol === 'HTTPS')?.certificateOrigin)}. ` +
        `So a new cluster (or a replaced ACL or certificate) takes pull requests to \`apps/${cluster.name}/src/settings.ts\` in this order:`,
      [
        `1. **Create.** Merge the cluster with placeholder ARNs of the right shape, account and region (e.g. ` +
          `${placeholder('wafv2', `regional/webacl/${acl}/00000000-0000-0000-0000-000000000000`)} and ` +
          `${placeholder('acm', 'certificate/00000000-0000-0000-0000-000000000000')}; the render insists on the ACL name \`${acl}\`). ` +
          `Argo CD applies the ACK objects in sync wave -5 and the Ingress in wave 10. The controller creates the ALB right away ` +
          '(it creates the load balancer before its listeners), then fails to create the HTTPS listener with the placeholder certificate ' +
          'and retries, reporting events on the Ingress: the ALB exists, with at most its HTTP listener (which only redirects), and serves ' +
          `no application traffic. Create the certificate's DNS validation record (see "TLS certificate").`,
        `2. **Wire the web ACL** as soon as the WebACL is synced: \`${arn('webacl.wafv2.services.k8s.aws', acl)}\` → \`webAclArn\`. ` +
          'It must be in place before the Ingress first syncs with a usable certificate: the controller associates the web ACL only after ' +
          'it has created the listeners and rules, so an ALB with a working certificate and a wrong web ACL ARN serves traffic ' +
          'without WAF while the association keeps failing.',
        `3. **Wire the certificate** only once it is ISSUED (\`${status}\` prints \`ISSUED\`): ` +
          `\`${arn('certificate.acm.services.k8s.aws', CERTIFICATE_OBJECT_NAME)}\` → \`certificateArn\`. ` +
          'ELB refuses a listener whose certificate is still pending validation: with an earlier ARN the HTTPS listener stays missing ' +
          'and the controller keeps retrying. Steps 2 and 3 may share one pull request if the certificate is already issued; ' +
          'never wire the certificate before the web ACL.',
      ].join('\n'),
      'The ACK objects carry `services.k8s.aws/deletion-policy: retain`: deleting or pruning them leaves the AWS resources in place ' +
        '(the ALB keeps its certificate and web ACL). To replace one, create the new object, then repeat its wiring step.' +
        (deletionGuardRequired(cluster)
          ? ' In this cluster they also carry `argocd.argoproj.io/sync-options: …Prune=false,Delete=false`: Argo CD never deletes them, ' +
            'neither when they leave Git (the Application stays OutOfSync until someone deletes the object by hand) nor when the ' +
            'Application is deleted (docs/gitops.md, "Deletion protection").'
          : ''),
      `The ARNs in the settings are checked at render time: ACM and WAFv2 ARNs of the cluster's account \`${accountId}\` ` +
        `and region \`${region}\`, the web ACL named \`${acl}\`.`,
    ].join('\n\n'),
  };
}
