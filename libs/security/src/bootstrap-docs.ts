import type { ClusterSettings, DocSection } from '@pms/core';
import { AWS_RESOURCES_NAMESPACE } from './aws-namespace.js';
import { CERTIFICATE_OBJECT_NAME } from './certificate.js';
import { webAclName } from './waf/names.js';

/** The two-step bootstrap of the ACK-created ARNs into a cluster's settings. */
export function bootstrapDocs(cluster: ClusterSettings): DocSection {
  const acl = webAclName(cluster);
  const arn = (kind: string, name: string) =>
    `kubectl -n ${AWS_RESOURCES_NAMESPACE} get ${kind} ${name} -o jsonpath='{.status.ackResourceMetadata.arn}'`;
  return {
    title: 'AWS resource bootstrap',
    order: 500,
    body: [
      `ACK creates the web ACL and the certificate in AWS; their ARNs exist only afterwards, but the Ingress needs them. ` +
        `So a new cluster (or a replaced ACL or certificate) takes two pull requests to \`apps/${cluster.name}/src/settings.ts\`:`,
      [
        `1. **Create.** Merge the cluster with placeholder ARNs of the right shape, account and region (e.g. ` +
          `\`arn:aws:wafv2:${cluster.aws.region}:${cluster.aws.accountId}:regional/webacl/${acl}/00000000-0000-0000-0000-000000000000\`; ` +
          `the render insists on the name \`${acl}\`). Argo CD applies the ACK objects in sync wave -5; ` +
          `the controller cannot reconcile the Ingress yet (it reports the unknown ARNs as events), so no ALB exists. ` +
          `Create the certificate's DNS validation record (see "TLS certificate").`,
        `2. **Wire.** Read the ARNs — \`${arn('webacl.wafv2.services.k8s.aws', acl)}\` and ` +
          `\`${arn('certificate.acm.services.k8s.aws', CERTIFICATE_OBJECT_NAME)}\` — put them into \`webAclArn\` and \`certificateArn\`, ` +
          'and merge. The controller then creates the ALB with the certificate and the web ACL.',
      ].join('\n'),
      'The ACK objects carry `services.k8s.aws/deletion-policy: retain`: deleting or pruning them leaves the AWS resources in place ' +
        '(the ALB keeps its certificate and web ACL). To replace one, create the new object, then repeat step 2.',
      `The ARNs in the settings are checked at render time: ACM and WAFv2 ARNs of the cluster's account \`${cluster.aws.accountId}\` ` +
        `and region \`${cluster.aws.region}\`, the web ACL named \`${acl}\`.`,
    ].join('\n\n'),
  };
}
