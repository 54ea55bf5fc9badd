/** IAM policy documents as typed data, rendered to the JSON AWS expects. */

/** AWS service prefixes the project's policies use. */
export type IamService =
  | 'acm'
  | 'cognito-idp'
  | 'ec2'
  | 'elasticloadbalancing'
  | 'iam'
  | 'route53'
  | 's3'
  | 'shield'
  | 'sts'
  | 'waf-regional'
  | 'wafv2';

/** An IAM action, `service:Action`. */
export type IamAction = `${IamService}:${string}`;

/** The condition operators the project's policies use. */
export type ConditionOperator = 'StringEquals' | 'StringLike' | 'ArnEquals' | 'Null';

/** Conditions of a statement: operator → condition key → value(s). */
export type IamConditions = Partial<
  Record<ConditionOperator, Readonly<Record<string, string | readonly string[]>>>
>;

/** The principal of a trust-policy statement. */
export type IamPrincipal =
  | { readonly Federated: string }
  | { readonly Service: string }
  /** An AWS account (`arn:<partition>:iam::<account>:root`) or role. */
  | { readonly AWS: string };

/** One statement of a policy. */
export interface PolicyStatement {
  /** Statement id: what the statement is for, in PascalCase. */
  readonly sid: string;
  /** Allow or deny. */
  readonly effect: 'Allow' | 'Deny';
  /** Who may act (trust policies and resource policies such as a bucket policy). */
  readonly principal?: IamPrincipal;
  /** The actions, each `service:Action`. */
  readonly actions: readonly IamAction[];
  /** Resource ARNs or `*` (identity and resource policies). */
  readonly resources?: readonly string[];
  /** Conditions under which the statement applies. */
  readonly conditions?: IamConditions;
}

/** The JSON of a policy document, exactly as IAM reads it. */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Record<string, unknown>[];
}

/** Renders statements as an IAM policy document (version 2012-10-17; lists kept as lists). */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({
      Sid: statement.sid,
      Effect: statement.effect,
      ...(statement.principal ? { Principal: statement.principal } : {}),
      Action: [...statement.actions],
      ...(statement.resources
        ? { Resource: statement.resources.length === 1 ? statement.resources[0] : [...statement.resources] }
        : {}),
      ...(statement.conditions ? { Condition: statement.conditions } : {}),
    })),
  };
}

/** Pretty JSON (two-space indent, trailing newline-free), as stored in ACK objects and the extra JSON file. */
export function policyJson(statements: readonly PolicyStatement[]): string {
  return JSON.stringify(policyDocument(statements), null, 2);
}

/** Every distinct action of a set of statements, sorted. */
export function distinctActions(statements: readonly PolicyStatement[]): IamAction[] {
  return [...new Set(statements.flatMap((statement) => statement.actions))].sort();
}
