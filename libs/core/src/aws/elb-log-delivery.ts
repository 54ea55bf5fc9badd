/**
 * Who writes an Application Load Balancer's access logs into S3, per region: the principal the access-log bucket's
 * policy must allow `s3:PutObject` for. Upstream data, one entry per region the project accepts
 * (`validateClusterSettings` refuses any other region with this list).
 *
 * Source: the ALB user guide "Enable access logs for your Application Load Balancer", step "Attach a policy to your
 * S3 bucket" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html; archived
 * text in awsdocs/elb-application-load-balancers-user-guide `doc_source/enable-access-logging.md` @4b8b6d02):
 * - the regions it lists use the policy `"Principal": {"AWS": "arn:aws:iam::<elb-account-id>:root"}` with the
 *   regional Elastic Load Balancing account id given there;
 * - "For the Regions that do not appear in the list above, such as Middle East (UAE)", the policy
 *   `"Principal": {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}`.
 * The China accounts are from the China regions' documentation (docs.amazonaws.cn), as also carried by
 * hashicorp/terraform-provider-aws `internal/service/elb/service_account_data_source.go` and aws-cdk's region-info
 * `ELBV2_ACCOUNTS`; every other account id there agrees with the user guide. (aws-cdk also lists an account for
 * ap-southeast-3; the user guide does not, and Terraform's and Pulumi's docs say regions "opened since Jakarta
 * (ap-southeast-3)" use the service principal: the user guide wins here.)
 * The newer region codes are those of the `aws` partition in aws/aws-sdk-js-v3
 * `packages/util-endpoints/src/lib/aws/partitions.json` @685ff5d0 that the user guide's list does not name.
 *
 * To accept a new region: add it here with its principal from the user guide (a regional account, or the
 * service principal), with the date you read the guide.
 */

/** The service principal of ALB access-log delivery in regions without a regional Elastic Load Balancing account. */
export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/** Who delivers a region's ALB access logs. */
export type ElbLogDeliverer =
  /** The region's Elastic Load Balancing account (older regions). */
  | { readonly kind: 'account'; readonly accountId: string }
  /** The log-delivery service principal (regions that launched later). */
  | { readonly kind: 'service'; readonly service: typeof ELB_LOG_DELIVERY_SERVICE };

const account = (accountId: string): ElbLogDeliverer => ({ kind: 'account', accountId });
const service: ElbLogDeliverer = { kind: 'service', service: ELB_LOG_DELIVERY_SERVICE };

/** ALB access-log delivery by region (read 2026-12-06); the keys are the regions the project accepts. */
export const ELB_LOG_DELIVERY: Readonly<Record<string, ElbLogDeliverer>> = {
  // Regions with a regional Elastic Load Balancing account (the user guide's list).
  'us-east-1': account('127311923021'),
  'us-east-2': account('033677994240'),
  'us-west-1': account('027434742980'),
  'us-west-2': account('797873946194'),
  'af-south-1': account('098369216593'),
  'ca-central-1': account('985666609251'),
  'eu-central-1': account('054676820928'),
  'eu-west-1': account('156460612806'),
  'eu-west-2': account('652711504416'),
  'eu-south-1': account('635631232127'),
  'eu-west-3': account('009996457667'),
  'eu-north-1': account('897822967062'),
  'ap-east-1': account('754344448648'),
  'ap-northeast-1': account('582318560864'),
  'ap-northeast-2': account('600734575887'),
  'ap-northeast-3': account('383597477331'),
  'ap-southeast-1': account('114774131450'),
  'ap-southeast-2': account('783225319266'),
  'ap-south-1': account('718504428378'),
  'me-south-1': account('076674570225'),
  'sa-east-1': account('507241528517'),
  'us-gov-west-1': account('048591011584'),
  'us-gov-east-1': account('190560391635'),
  // China (docs.amazonaws.cn; see above).
  'cn-north-1': account('638102146993'),
  'cn-northwest-1': account('037604701340'),
  // Regions the user guide's list does not name: the log-delivery service principal.
  'ap-south-2': service,
  'ap-southeast-3': service,
  'ap-southeast-4': service,
  'ap-southeast-5': service,
  'ap-southeast-7': service,
  'ca-west-1': service,
  'eu-central-2': service,
  'eu-south-2': service,
  'il-central-1': service,
  'me-central-1': service,
  'mx-central-1': service,
};

/** Where the project's region list lives, for messages that refuse a region. */
export const ELB_LOG_DELIVERY_SOURCE = 'ELB_LOG_DELIVERY in libs/core/src/aws/elb-log-delivery.ts';

/** Who delivers ALB access logs in `region`; undefined for a region the project does not know. */
export function elbLogDeliverer(region: string): ElbLogDeliverer | undefined {
  return Object.hasOwn(ELB_LOG_DELIVERY, region) ? ELB_LOG_DELIVERY[region] : undefined;
}

/** The regions the project accepts (those with a known ALB log deliverer), sorted. */
export function supportedRegions(): string[] {
  return Object.keys(ELB_LOG_DELIVERY).sort();
}
