import { WAF_RATE_AGGREGATE_KEY_TYPES, WAF_RATE_EVALUATION_WINDOWS, WAF_SCOPES } from '@pms/crd-models';
import {
  ackTag,
  boolean,
  choice,
  integer,
  integerOneOf,
  list,
  map,
  object,
  overlay,
  ref,
  string,
  type JsonSchema,
} from './dsl.js';

/**
 * Constraint overlay for ACK's WAFv2 `WebACL` (wafv2.services.k8s.aws/v1alpha1), on top of the model generated
 * from the vendored wafv2-controller v1.4.2 CRD, which declares every field but none of the WAFv2 API's
 * enumerations, ranges and required members (CreateWebACL): those are here. As in the CRD, nested statements
 * (`andStatement`, `orStatement`, `notStatement`, `scopeDownStatement`) are JSON strings, so their content is not
 * checked here.
 */

const name = string({ pattern: '^[\\w-]+$', minLength: 1, maxLength: 128 });
const arn = string({ pattern: '^arn:', allowed: 'an ARN' });
const jsonStatement = string({ minLength: 2, allowed: 'a nested statement as a JSON string' });
const oversizeHandling = choice('CONTINUE', 'MATCH', 'NO_MATCH');
const matchScope = choice('ALL', 'KEY', 'VALUE');
const fallbackBehavior = choice('MATCH', 'NO_MATCH');
const header = object({
  name: string({ minLength: 1, maxLength: 64 }),
  value: string({ minLength: 1, maxLength: 255 }),
});

/**
 * A part of a web request (WAFv2 `FieldToMatch`): what a rule statement inspects (`inspected`: a JA3 fingerprint
 * needs its fallback, a single header or query argument its name) or what logging redacts (`redacted`: the same
 * fields, as the CRD lists them for `redactedFields`, without those requirements).
 */
function requestComponent(use: 'inspected' | 'redacted'): JsonSchema {
  const inspected = use === 'inspected';
  const named = inspected ? object({ name: string({ minLength: 1, maxLength: 64 }) }, ['name']) : undefined;
  return object({
    body: object({ oversizeHandling }),
    cookies: object({ matchScope, oversizeHandling }),
    headerOrder: object({ oversizeHandling }),
    headers: object({ matchScope, oversizeHandling }),
    ja3Fingerprint: inspected
      ? object({ fallbackBehavior }, ['fallbackBehavior'])
      : object({ fallbackBehavior }),
    jsonBody: object({
      invalidFallbackBehavior: choice('MATCH', 'NO_MATCH', 'EVALUATE_AS_STRING'),
      matchScope,
      oversizeHandling,
    }),
    ...(named ? { singleHeader: named, singleQueryArgument: named } : {}),
  });
}

const definitions: Record<string, JsonSchema> = {
  textTransformations: list(
    object(
      {
        priority: integer(0),
        type: choice(
          'NONE',
          'COMPRESS_WHITE_SPACE',
          'HTML_ENTITY_DECODE',
          'LOWERCASE',
          'CMD_LINE',
          'URL_DECODE',
          'BASE64_DECODE',
          'HEX_DECODE',
          'MD5',
          'REPLACE_COMMENTS',
          'ESCAPE_SEQ_DECODE',
          'SQL_HEX_DECODE',
          'CSS_DECODE',
          'JS_DECODE',
          'NORMALIZE_PATH',
          'NORMALIZE_PATH_WIN',
          'REMOVE_NULLS',
          'REPLACE_NULLS',
          'BASE64_DECODE_EXT',
          'URL_DECODE_UNI',
          'UTF8_TO_UNICODE',
        ),
      },
      ['priority', 'type'],
    ),
    { minItems: 1 },
  ),
  fieldToMatch: requestComponent('inspected'),
  customRequestHandling: object({ insertHeaders: list(header, { minItems: 1 }) }),
  customResponse: object({
    customResponseBodyKey: string({ minLength: 1, maxLength: 128 }),
    responseCode: integer(200, 599),
    responseHeaders: list(header),
  }),
  /** What a rule (or an override) does with a matching request. */
  ruleAction: object({
    allow: object({ customRequestHandling: ref('customRequestHandling') }),
    block: object({ customResponse: ref('customResponse') }),
    captcha: object({ customRequestHandling: ref('customRequestHandling') }),
    challenge: object({ customRequestHandling: ref('customRequestHandling') }),
    count: object({ customRequestHandling: ref('customRequestHandling') }),
  }),
  ruleActionOverrides: list(object({ actionToUse: ref('ruleAction'), name }, ['actionToUse', 'name'])),
  excludedRules: list(object({ name }, ['name'])),
  forwardedIPConfig: object({ fallbackBehavior, headerName: string({ minLength: 1, maxLength: 255 }) }, [
    'fallbackBehavior',
    'headerName',
  ]),
  visibilityConfig: object(
    {
      cloudWatchMetricsEnabled: boolean,
      metricName: string({ pattern: '^[\\w#:.-]+$', minLength: 1, maxLength: 255 }),
      sampledRequestsEnabled: boolean,
    },
    ['cloudWatchMetricsEnabled', 'metricName', 'sampledRequestsEnabled'],
  ),
  immunity: object({ immunityTimeProperty: object({ immunityTime: integer(60, 259200) }, ['immunityTime']) }),
  fieldIdentifier: object({ identifier: string({ minLength: 1, maxLength: 512 }) }, ['identifier']),
  responseInspection: object({
    statusCode: object({ failureCodes: list(integer(0, 999)), successCodes: list(integer(0, 999)) }),
  }),
};

const payloadType = choice('JSON', 'FORM_ENCODED');

/** Configuration of the AWS managed rule groups that need it (account takeover, fraud, bot control). */
const managedRuleGroupConfig = object({
  awsManagedRulesACFPRuleSet: object({
    requestInspection: object({
      addressFields: list(ref('fieldIdentifier')),
      emailField: ref('fieldIdentifier'),
      passwordField: ref('fieldIdentifier'),
      payloadType,
      phoneNumberFields: list(ref('fieldIdentifier')),
      usernameField: ref('fieldIdentifier'),
    }),
    responseInspection: ref('responseInspection'),
  }),
  awsManagedRulesATPRuleSet: object({
    requestInspection: object({
      passwordField: ref('fieldIdentifier'),
      payloadType,
      usernameField: ref('fieldIdentifier'),
    }),
    responseInspection: ref('responseInspection'),
  }),
  awsManagedRulesBotControlRuleSet: object({ inspectionLevel: choice('COMMON', 'TARGETED') }),
  passwordField: ref('fieldIdentifier'),
  payloadType,
  usernameField: ref('fieldIdentifier'),
});

/** A rate-based rule's custom aggregation key. */
const transformed = (extra: Record<string, JsonSchema>, required: string[]) =>
  object({ ...extra, textTransformations: ref('textTransformations') }, [...required, 'textTransformations']);
const customKey = object({
  cookie: transformed({ name: string({ minLength: 1 }) }, ['name']),
  header: transformed({ name: string({ minLength: 1 }) }, ['name']),
  labelNamespace: object({ namespace: string({ minLength: 1 }) }, ['namespace']),
  queryArgument: transformed({ name: string({ minLength: 1 }) }, ['name']),
  queryString: transformed({}, []),
  uriPath: transformed({}, []),
});

/** Exactly one statement type per rule, as WAF requires (nested logic goes into JSON strings). */
const statement = object({
  andStatement: jsonStatement,
  byteMatchStatement: object(
    {
      fieldToMatch: ref('fieldToMatch'),
      positionalConstraint: choice('EXACTLY', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'CONTAINS_WORD'),
      searchString: string({
        pattern: '^[A-Za-z0-9+/]*={0,2}$',
        allowed: 'the search string, base64-encoded',
      }),
      textTransformations: ref('textTransformations'),
    },
    ['fieldToMatch', 'positionalConstraint', 'searchString', 'textTransformations'],
  ),
  geoMatchStatement: object({
    countryCodes: list(string({ pattern: '^[A-Z]{2}$', allowed: 'an ISO 3166 alpha-2 country code' }), {
      minItems: 1,
    }),
    forwardedIPConfig: ref('forwardedIPConfig'),
  }),
  ipSetReferenceStatement: object(
    {
      arn,
      ipSetForwardedIPConfig: object(
        {
          fallbackBehavior,
          headerName: string({ minLength: 1, maxLength: 255 }),
          position: choice('FIRST', 'LAST', 'ANY'),
        },
        ['fallbackBehavior', 'headerName', 'position'],
      ),
    },
    ['arn'],
  ),
  labelMatchStatement: object(
    { key: string({ minLength: 1, maxLength: 1024 }), scope: choice('LABEL', 'NAMESPACE') },
    ['key', 'scope'],
  ),
  managedRuleGroupStatement: object(
    {
      excludedRules: ref('excludedRules'),
      managedRuleGroupConfigs: list(managedRuleGroupConfig),
      name,
      ruleActionOverrides: ref('ruleActionOverrides'),
      scopeDownStatement: jsonStatement,
      vendorName: string({ minLength: 1, maxLength: 128 }),
      version: string({ minLength: 1, maxLength: 64 }),
    },
    ['name', 'vendorName'],
  ),
  notStatement: jsonStatement,
  orStatement: jsonStatement,
  rateBasedStatement: object(
    {
      aggregateKeyType: choice(...WAF_RATE_AGGREGATE_KEY_TYPES),
      customKeys: list(customKey, { maxItems: 5 }),
      evaluationWindowSec: integerOneOf(...WAF_RATE_EVALUATION_WINDOWS),
      forwardedIPConfig: ref('forwardedIPConfig'),
      limit: integer(10, 2_000_000_000),
      scopeDownStatement: jsonStatement,
    },
    ['aggregateKeyType', 'limit'],
  ),
  regexMatchStatement: object(
    {
      fieldToMatch: ref('fieldToMatch'),
      regexString: string({ minLength: 1, maxLength: 512 }),
      textTransformations: ref('textTransformations'),
    },
    ['fieldToMatch', 'regexString', 'textTransformations'],
  ),
  regexPatternSetReferenceStatement: object(
    { arn, fieldToMatch: ref('fieldToMatch'), textTransformations: ref('textTransformations') },
    ['arn', 'fieldToMatch', 'textTransformations'],
  ),
  ruleGroupReferenceStatement: object(
    { arn, excludedRules: ref('excludedRules'), ruleActionOverrides: ref('ruleActionOverrides') },
    ['arn'],
  ),
  sizeConstraintStatement: object(
    {
      comparisonOperator: choice('EQ', 'NE', 'LE', 'LT', 'GE', 'GT'),
      fieldToMatch: ref('fieldToMatch'),
      size: integer(0, 21_474_836_480),
      textTransformations: ref('textTransformations'),
    },
    ['comparisonOperator', 'fieldToMatch', 'size', 'textTransformations'],
  ),
  sqliMatchStatement: object(
    {
      fieldToMatch: ref('fieldToMatch'),
      sensitivityLevel: choice('LOW', 'HIGH'),
      textTransformations: ref('textTransformations'),
    },
    ['fieldToMatch', 'textTransformations'],
  ),
  xssMatchStatement: object(
    { fieldToMatch: ref('fieldToMatch'), textTransformations: ref('textTransformations') },
    ['fieldToMatch', 'textTransformations'],
  ),
});

const rule = object(
  {
    action: ref('ruleAction'),
    captchaConfig: ref('immunity'),
    challengeConfig: ref('immunity'),
    name,
    overrideAction: object({ count: object({ customRequestHandling: ref('customRequestHandling') }) }),
    priority: integer(0),
    ruleLabels: list(object({ name: string({ minLength: 1, maxLength: 1024 }) }, ['name'])),
    statement,
    visibilityConfig: ref('visibilityConfig'),
  },
  ['name', 'priority', 'statement', 'visibilityConfig'],
);

const redactedField = requestComponent('redacted');

export const wafv2WebAcl = overlay(
  'wafv2.services.k8s.aws/v1alpha1',
  'WebACL',
  object({
    associationConfig: object({
      requestBody: map(object({ defaultSizeInspectionLimit: choice('KB_16', 'KB_32', 'KB_48', 'KB_64') })),
    }),
    captchaConfig: ref('immunity'),
    challengeConfig: ref('immunity'),
    customResponseBodies: map(
      object(
        {
          content: string({ minLength: 1 }),
          contentType: choice('TEXT_PLAIN', 'TEXT_HTML', 'APPLICATION_JSON'),
        },
        ['content', 'contentType'],
      ),
    ),
    defaultAction: object({
      allow: object({ customRequestHandling: ref('customRequestHandling') }),
      block: object({ customResponse: ref('customResponse') }),
    }),
    description: string({ maxLength: 256 }),
    loggingConfiguration: object({
      logDestinationConfigs: list(arn, { minItems: 1, maxItems: 1 }),
      logScope: choice('CUSTOMER', 'SECURITY_LAKE', 'CLOUDWATCH_TELEMETRY_RULE_MANAGED'),
      logType: choice('WAF_LOGS'),
      loggingFilter: object({
        defaultBehavior: choice('KEEP', 'DROP'),
        filters: list(
          object({
            behavior: choice('KEEP', 'DROP'),
            conditions: list(
              object({
                actionCondition: object(
                  {
                    action: choice('ALLOW', 'BLOCK', 'COUNT', 'CAPTCHA', 'CHALLENGE', 'EXCLUDED_AS_COUNT'),
                  },
                  ['action'],
                ),
                labelNameCondition: object({ labelName: string({ minLength: 1 }) }, ['labelName']),
              }),
              { minItems: 1 },
            ),
            requirement: choice('MEETS_ALL', 'MEETS_ANY'),
          }),
        ),
      }),
      redactedFields: list(redactedField, { maxItems: 100 }),
      resourceARN: arn,
    }),
    name,
    rules: list(rule),
    scope: choice(...WAF_SCOPES),
    tags: list(ackTag),
    tokenDomains: list(string({ minLength: 1, maxLength: 253 })),
    visibilityConfig: ref('visibilityConfig'),
  }),
  definitions,
);
