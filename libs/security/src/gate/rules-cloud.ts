/**
 * Cloud coherence: the certificate and the web ACL the ALB uses are in the cluster's account and region,
 * managed by this repository and cover the host; its access-log bucket is rendered here (or declared external),
 * encrypted as ELB requires and writable by the region's ELB log deliverer; ACK objects target the cluster's region;
 * the Ingress uses no controller feature whose IAM permissions the controller's policy omits.
 */
import { apiGroup, describeKnownNames, didYouMean, ofKind, parseArn, type Manifest } from '@pms/core';
import type { IBucket, ICertificate, IWebACL } from '@pms/crd-models';
import { ALB_ANNOTATION_PREFIX, AlbAnnotation } from '@pms/ingress';
import {
  ACK_DEFAULT_REGION_ANNOTATION,
  ACK_OWNER_ACCOUNT_ANNOTATION,
  ACK_REGION_ANNOTATION,
} from '../aws-namespace.js';
import {
  ACCESS_LOG_ENCRYPTION,
  accessLogDeliveryStatements,
  BUCKET_API_VERSION,
} from '../access-logs/bucket.js';
import { certificateCovers, certificateNames } from '../certificate.js';
import { albViews, attributeSite, originSite, scalarSite, type AlbView } from './alb-objects.js';
import {
  AWS_MANAGED_RULE_GROUPS,
  MANAGED_RULE_GROUP_VENDORS,
  managedRuleGroupProblem,
} from '../waf/managed-rule-groups.js';
import { WEB_ACL_RULES_SOURCE } from '../waf/web-acl-rules.js';
import {
  finding,
  invariantOf,
  ruleOf,
  type Finding,
  type GateInput,
  type PolicyRule,
  type RuleCheck,
} from './model.js';

const rule = ruleOf('cloud');
const invariant = invariantOf('cloud');

const managedRuleGroups = invariant(
  'waf-managed-rule-groups',
  'every managed rule group a web ACL names is one AWS has (vendor and name)',
  'AWS WAF developer guide, AWS Managed Rules rule groups list (AWS rejects an unknown group)',
);

/** The managed rule group statements of a WebACL's rules (top level; nested statements are JSON strings in ACK). */
function managedRuleGroupFindings(input: GateInput): Finding[] {
  return webAcls(input).flatMap((acl) =>
    (acl.spec?.rules ?? []).flatMap((r, index): Finding[] => {
      const statement = r.statement?.managedRuleGroupStatement;
      if (!statement) return [];
      const { vendorName, name } = statement;
      const problem = managedRuleGroupProblem(vendorName, name);
      if (!problem) return [];
      const vendorWrong = !(MANAGED_RULE_GROUP_VENDORS as readonly unknown[]).includes(vendorName);
      const known = Object.keys(AWS_MANAGED_RULE_GROUPS);
      return [
        finding(managedRuleGroups, acl, {
          field: `spec.rules[${index}].statement.managedRuleGroupStatement.${vendorWrong ? 'vendorName' : 'name'}`,
          value: vendorWrong ? vendorName : name,
          problem: `${problem}${vendorWrong || typeof name !== 'string' ? '' : didYouMean(name, known)}`,
          allowed: `${vendorWrong ? `vendor ${MANAGED_RULE_GROUP_VENDORS.join(', ')}` : `an AWS managed rule group: ${describeKnownNames(String(name), known)}`} (fix ${WEB_ACL_RULES_SOURCE})`,
        }),
      ];
    }),
  );
}

const certificateLocation = rule(
  'certificate-in-cluster-account',
  "the ALB's certificates are ACM certificates in the cluster's account and region",
  'PMS cloud coherence (an ALB can only use ACM certificates of its own region)',
);
const webAclLocation = rule(
  'web-acl-in-cluster-account',
  "the ALB's web ACL is a regional WAFv2 ACL in the cluster's account and region",
  'PMS cloud coherence (WAFv2 associates only regional ACLs of the same region)',
);
const webAclManaged = rule(
  'web-acl-managed',
  'the web ACL the ALB uses, by name or by ARN, is one rendered here as an ACK WebACL',
  'PMS WAF',
);
const accessLogBucket = rule(
  'access-log-bucket',
  "the ALB's access-log bucket is rendered here as an ACK Bucket (unless the settings declare it external), with SSE-S3 and the ELB delivery policy of the cluster's region",
  'ALB user guide, enable-access-logging (bucket requirements, bucket policy); PMS access logs',
);
const certificateCoversHost = rule(
  'certificate-covers-host',
  'every host an ALB Ingress serves is covered by a rendered ACK Certificate',
  'PMS TLS',
);
const ackRegion = rule(
  'ack-in-cluster-region',
  "ACK objects and their namespaces target the cluster's region and account",
  'PMS cloud coherence',
);
const controllerPermissions = rule(
  'controller-permissions',
  "Ingresses and their backend Services use no controller feature whose IAM permissions the controller's policy omits (Cognito auth, WAF Classic)",
  'PMS controller IAM (documented omissions)',
);

/**
 * Where the library writes the web ACL's name on both sides: the name the ALB asks for and the WebACL's own. Neither
 * is a settings field, so a mismatch is fixed in these functions, not in a cluster's settings.
 */
const WEB_ACL_NAME_SOURCES =
  'ingressClassParamsSpec in libs/ingress/src/ingress-objects.ts writes IngressClassParams spec.wafv2AclName and PmsWebAcl in libs/security/src/waf/web-acl.ts names the WebACL, both with webAclName in libs/core/src/k8s/naming.ts';

/** The controller's authentication annotation, read from the Ingress and from each backend Service. */
const AUTH_TYPE_ANNOTATION = `${ALB_ANNOTATION_PREFIX}/auth-type`;
/** WAF Classic web ACL id (the controller's `waf-acl-id` annotation). */
const WAF_CLASSIC_ANNOTATION = `${ALB_ANNOTATION_PREFIX}/waf-acl-id`;

const isAck = (manifest: Manifest) => apiGroup(manifest).endsWith('.services.k8s.aws');
const webAcls = (input: GateInput) =>
  ofKind<IWebACL>(input.manifests, 'wafv2.services.k8s.aws/v1alpha1', 'WebACL');
const certificates = (input: GateInput) =>
  ofKind<ICertificate>(input.manifests, 'acm.services.k8s.aws/v1alpha1', 'Certificate');
const buckets = (input: GateInput) => ofKind<IBucket>(input.manifests, BUCKET_API_VERSION, 'Bucket');

function arnProblem(
  value: string,
  service: string,
  resource: RegExp,
  what: string,
  input: GateInput,
): string | undefined {
  const arn = parseArn(value);
  const { region, accountId } = input.cluster.aws;
  if (!arn) return 'is not an ARN';
  if (arn.service !== service || !resource.test(arn.resource)) return `is not ${what}`;
  if (arn.region !== region) return `is in region ${arn.region}, but the cluster is in ${region}`;
  if (arn.accountId !== accountId)
    return `belongs to account ${arn.accountId}, but the cluster is in account ${accountId}`;
  return undefined;
}

function ackRegionFindings(
  policy: PolicyRule,
  objects: readonly Manifest[],
  input: GateInput,
  what: string,
): Finding[] {
  return objects.flatMap((object) => {
    const region = object.metadata.annotations?.[ACK_REGION_ANNOTATION];
    return region !== undefined && region !== input.cluster.aws.region
      ? [
          finding(policy, object, {
            field: `metadata.annotations["${ACK_REGION_ANNOTATION}"]`,
            value: region,
            problem: `ACK would create the ${what} in ${region}, not in the cluster's region`,
            allowed: `${ACK_REGION_ANNOTATION}: ${input.cluster.aws.region}`,
          }),
        ]
      : [];
  });
}

const hostsOf = (view: AlbView): { object: Manifest; field: string; host: string }[] =>
  view.ingresses.flatMap((ingress) => [
    ...(ingress.spec?.rules ?? []).flatMap((r, i) =>
      typeof r.host === 'string' ? [{ object: ingress, field: `spec.rules[${i}].host`, host: r.host }] : [],
    ),
    ...(ingress.spec?.tls ?? []).flatMap((t, i) =>
      (t.hosts ?? []).map((host, j) => ({
        object: ingress,
        field: `spec.tls[${i}].hosts[${j}]`,
        host,
      })),
    ),
  ]);

/** The cloud-coherence rules with their checks. */
export const CLOUD_RULES: readonly RuleCheck[] = [
  { rule: managedRuleGroups, check: managedRuleGroupFindings },
  {
    rule: certificateLocation,
    check: (input) => [
      ...albViews(input.manifests).flatMap((view) =>
        view.group.listeners
          .filter((listener) => listener.protocol === 'HTTPS')
          .flatMap((listener): Finding[] => {
            const site = scalarSite(view, AlbAnnotation.certificateArn, 'certificateArn');
            const expected = `no ARN and an Ingress host to discover the certificate from, or the ARN of an ACM certificate in account ${input.cluster.aws.accountId} and region ${input.cluster.aws.region} (settings certificateArn)`;
            if (listener.certificateArns.length === 0) {
              // Discovery (LBC v2.17.1 pkg/certs/cert_discovery.go) lists the ACM certificates of the controller's own
              // account and region only, so a discovered certificate is always local; it needs a host to match.
              if (listener.certificateDiscoveryHosts.length > 0) return [];
              return [
                finding(certificateLocation, site.object, {
                  field: site.field,
                  value: undefined,
                  problem: `HTTPS listener ${listener.port} names no certificate and its Ingresses have no host to discover one for`,
                  allowed: expected,
                }),
              ];
            }
            return listener.certificateArns.flatMap((arn) => {
              const problem = arnProblem(
                arn,
                'acm',
                /^certificate\/[0-9a-f-]+$/,
                'an ACM certificate',
                input,
              );
              return problem
                ? [
                    finding(certificateLocation, site.object, {
                      field: site.field,
                      value: arn,
                      problem: `the certificate ${problem}`,
                      allowed: expected,
                    }),
                  ]
                : [];
            });
          }),
      ),
      ...ackRegionFindings(certificateLocation, certificates(input), input, 'certificate'),
    ],
  },
  {
    rule: webAclLocation,
    check: (input) => [
      ...albViews(input.manifests).flatMap((view): Finding[] => {
        // Only an ARN can point elsewhere: a name is resolved with wafv2:ListWebACLs, regional scope, in the
        // controller's own account and region (LBC v2.17.1 webACLNameToArnMapper), and is checked by web-acl-managed.
        const arn = view.group.wafv2AclArn;
        if (!arn || arn === 'none') return [];
        const problem = arnProblem(
          arn,
          'wafv2',
          /^regional\/webacl\/[\w-]+\/[0-9a-f-]+$/,
          'a regional WAFv2 web ACL',
          input,
        );
        const site = scalarSite(view, AlbAnnotation.wafv2AclArn, 'wafv2AclArn');
        return problem
          ? [
              finding(webAclLocation, site.object, {
                field: site.field,
                value: arn,
                problem: `the web ACL ${problem}`,
                allowed: `the ARN of a regional web ACL in account ${input.cluster.aws.accountId} and region ${input.cluster.aws.region} (settings webAclArn)`,
              }),
            ]
          : [];
      }),
      ...webAcls(input)
        .filter((acl) => acl.spec?.scope !== 'REGIONAL')
        .map((acl) =>
          finding(webAclLocation, acl, {
            field: 'spec.scope',
            value: acl.spec?.scope,
            problem: 'only a REGIONAL web ACL can be associated with an ALB',
            allowed: 'scope: REGIONAL',
          }),
        ),
      ...ackRegionFindings(webAclLocation, webAcls(input), input, 'web ACL'),
    ],
  },
  {
    rule: webAclManaged,
    check: (input) => {
      const managed = webAcls(input).map((acl) => acl.spec?.name);
      const rendered = managed.map(String).join(', ') || 'none';
      return albViews(input.manifests).flatMap((view): Finding[] => {
        const { wafv2AclName, wafv2AclNameOrigin, wafv2AclArn } = view.group;
        // A name wins over any ARN (LBC v2.17.1 buildWAFv2WebACLAssociation); `none` disassociates.
        if (wafv2AclName !== undefined && wafv2AclName !== 'none') {
          if (managed.includes(wafv2AclName)) return [];
          const site = wafv2AclNameOrigin
            ? originSite(view, wafv2AclNameOrigin)
            : scalarSite(view, AlbAnnotation.wafv2AclName, 'wafv2AclName');
          return [
            finding(webAclManaged, site.object, {
              field: site.field,
              value: wafv2AclName,
              // The controller resolves the name with wafv2:ListWebACLs and fails the whole Ingress without a match.
              problem: `no ACK WebACL in this render is named "${wafv2AclName}" (rendered: ${rendered})${didYouMean(wafv2AclName, managed.map(String))}, so the controller would fail the Ingress with "couldn't find WAFv2 WebACL with name: ${wafv2AclName}" and create no ALB`,
              allowed: `the name of a rendered WebACL: ${rendered} (${WEB_ACL_NAME_SOURCES}${wafv2AclNameOrigin?.kind === 'Ingress' ? '; no Ingress annotation names another' : ''})`,
            }),
          ];
        }
        if (!wafv2AclArn || wafv2AclArn === 'none') return [];
        const name = parseArn(wafv2AclArn)?.resource.split('/')[2];
        if (name !== undefined && managed.includes(name)) return [];
        const site = scalarSite(view, AlbAnnotation.wafv2AclArn, 'wafv2AclArn');
        return [
          finding(webAclManaged, site.object, {
            field: site.field,
            value: wafv2AclArn,
            problem: `the ALB would use the web ACL "${name}", which no ACK WebACL in this render manages (rendered: ${rendered})`,
            allowed: `the ARN of a rendered WebACL (${rendered}), or its name in wafv2AclName`,
          }),
        ];
      });
    },
  },
  {
    rule: accessLogBucket,
    check: (input) => accessLogBucketFindings(input),
  },
  {
    rule: certificateCoversHost,
    check: (input) => {
      const names = certificates(input).flatMap((c) => certificateNames(c.spec ?? {}));
      return albViews(input.manifests).flatMap((view) =>
        hostsOf(view)
          .filter(({ host }) => !certificateCovers(names, host))
          .map(({ object, field, host }) =>
            finding(certificateCoversHost, object, {
              field,
              value: host,
              problem: `no rendered certificate covers the host (certificates cover: ${names.join(', ') || 'nothing'})`,
              // Under certificate discovery this is also what the controller needs: an ISSUED certificate covering
              // every host, or it fails the Ingress ("no certificate found for host").
              allowed: `a certificate whose domainName or subjectAlternativeNames cover ${host}, or the cluster's host`,
            }),
          ),
      );
    },
  },
  {
    rule: ackRegion,
    check: (input) => {
      const { region, accountId } = input.cluster.aws;
      const found: Finding[] = ackRegionFindings(
        ackRegion,
        input.manifests.filter((m) => isAck(m) && !['Certificate', 'WebACL'].includes(m.kind)),
        input,
        'resource',
      );
      for (const namespace of input.manifests.filter(
        (m) => m.apiVersion === 'v1' && m.kind === 'Namespace',
      )) {
        const defaultRegion = namespace.metadata.annotations?.[ACK_DEFAULT_REGION_ANNOTATION];
        const owner = namespace.metadata.annotations?.[ACK_OWNER_ACCOUNT_ANNOTATION];
        if (defaultRegion !== undefined && defaultRegion !== region) {
          found.push(
            finding(ackRegion, namespace, {
              field: `metadata.annotations["${ACK_DEFAULT_REGION_ANNOTATION}"]`,
              value: defaultRegion,
              problem: `ACK would create this namespace's resources in ${defaultRegion}`,
              allowed: `${ACK_DEFAULT_REGION_ANNOTATION}: ${region}`,
            }),
          );
        }
        if (owner !== undefined && owner !== accountId) {
          found.push(
            finding(ackRegion, namespace, {
              field: `metadata.annotations["${ACK_OWNER_ACCOUNT_ANNOTATION}"]`,
              value: owner,
              problem: `ACK would create this namespace's resources in account ${owner}`,
              allowed: `${ACK_OWNER_ACCOUNT_ANNOTATION}: ${accountId} (or no annotation)`,
            }),
          );
        }
      }
      return found;
    },
  },
  {
    rule: controllerPermissions,
    check: (input) =>
      input.manifests
        .filter((m) => m.kind === 'Ingress' || (m.apiVersion === 'v1' && m.kind === 'Service'))
        .flatMap((object): Finding[] => {
          const annotations = object.metadata.annotations ?? {};
          const found: Finding[] = [];
          // The controller reads the auth annotations from the backend Service too (a Service value wins).
          const authType = annotations[AUTH_TYPE_ANNOTATION];
          if (authType === 'cognito') {
            found.push(
              finding(controllerPermissions, object, {
                field: `metadata.annotations["${AUTH_TYPE_ANNOTATION}"]`,
                value: authType,
                problem:
                  'Cognito authentication needs cognito-idp:DescribeUserPoolClient, which the controller policy omits',
                allowed: 'auth-type: none or oidc (or add the permission and document it)',
              }),
            );
          }
          const wafClassic = annotations[WAF_CLASSIC_ANNOTATION];
          if (object.kind === 'Ingress' && wafClassic !== undefined) {
            found.push(
              finding(controllerPermissions, object, {
                field: `metadata.annotations["${WAF_CLASSIC_ANNOTATION}"]`,
                value: wafClassic,
                problem:
                  'WAF Classic needs waf-regional permissions, which the controller policy omits (and the chart disables WAF Classic)',
                allowed: 'wafv2-acl-arn with the cluster web ACL',
              }),
            );
          }
          return found;
        }),
  },
];

/**
 * The access-log bucket: the settings' bucket is rendered (unless `accessLogs.external`), encrypted with SSE-S3 (the
 * only encryption ALB access logs support), and its policy lets the region's ELB log deliverer put objects under
 * `<prefix>/AWSLogs/<account>/`. The controller sets the access-log attributes right after creating the ALB, before
 * any listener; a missing or unwritable bucket fails that call and leaves an ALB without listeners.
 */
function accessLogBucketFindings(input: GateInput): Finding[] {
  const { bucket, external } = input.cluster.accessLogs;
  if (external === true) return [];
  const rendered = buckets(input);
  const own = rendered.find((b) => b.spec?.name === bucket);
  if (!own) {
    const view = albViews(input.manifests)[0];
    if (!view) return [];
    const site = attributeSite(view, 'access_logs.s3.bucket');
    return [
      finding(accessLogBucket, site.object, {
        field: site.field,
        value: `access_logs.s3.bucket=${bucket}`,
        problem: `no ACK Bucket in this render creates the access-log bucket "${bucket}" (rendered: ${rendered.map((b) => String(b.spec?.name)).join(', ') || 'none'}), so ELB could not write the logs and the ALB would get no listeners`,
        allowed: `a Bucket named ${bucket} rendered by this cluster, or accessLogs.external: true in the settings for a bucket managed elsewhere`,
      }),
    ];
  }
  const found: Finding[] = [];
  const encryption = own.spec?.encryption?.rules?.map(
    (r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm,
  );
  if (
    !encryption ||
    encryption.length === 0 ||
    encryption.some((algorithm) => algorithm !== ACCESS_LOG_ENCRYPTION)
  ) {
    found.push(
      finding(accessLogBucket, own as Manifest, {
        field: 'spec.encryption.rules',
        value: encryption,
        problem: 'ALB access logs support only SSE-S3 (Amazon S3-managed keys) as default encryption',
        allowed: `applyServerSideEncryptionByDefault.sseAlgorithm: ${ACCESS_LOG_ENCRYPTION}`,
      }),
    );
  }
  const [wanted] = accessLogDeliveryStatements(input.cluster);
  if (wanted && !policyAllows(own.spec?.policy, wanted)) {
    found.push(
      finding(accessLogBucket, own as Manifest, {
        field: 'spec.policy',
        value: own.spec?.policy,
        problem: `the bucket policy does not let ${JSON.stringify(wanted.principal)} put objects on ${wanted.resources?.[0]}, so ELB cannot deliver the access logs in ${input.cluster.aws.region}`,
        allowed: `a statement allowing s3:PutObject for ${JSON.stringify(wanted.principal)} on ${wanted.resources?.[0]}`,
      }),
    );
  }
  return found;
}

/** True when the policy JSON has an Allow statement for the wanted principal, action and resource. */
function policyAllows(
  policy: string | undefined,
  wanted: ReturnType<typeof accessLogDeliveryStatements>[number],
): boolean {
  let statements: unknown;
  try {
    statements = (JSON.parse(policy ?? '') as { Statement?: unknown }).Statement;
  } catch {
    return false;
  }
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
  return list(statements).some((raw) => {
    const statement = (raw ?? {}) as Record<string, unknown>;
    const principal = (statement['Principal'] ?? {}) as Record<string, unknown>;
    const principalOk = Object.entries(wanted.principal ?? {}).every(([key, value]) =>
      list(principal[key]).includes(value),
    );
    return (
      statement['Effect'] === 'Allow' &&
      principalOk &&
      list(statement['Action']).includes('s3:PutObject') &&
      list(statement['Resource']).includes(wanted.resources?.[0])
    );
  });
}
