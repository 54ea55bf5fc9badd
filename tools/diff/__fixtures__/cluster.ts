/**
 * A small, hand-written rendered cluster for the diff's tests: namespace `pms`, a frontend and an API gateway
 * behind one ALB Ingress (WAF, TLS policy, redirect), a default deny, DNS egress and the ALB's ingress.
 * Each option changes one fact, so a test states exactly what it changes.
 */
import { type Manifest } from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import { ingressDnsAnnotations, legacyDnsEndpoints, type MigrationSettings } from '@pms/ingress';

/** What the fixture cluster looks like. */
export interface FixtureOptions {
  /** Path of the API route. @default '/api' */
  readonly apiPath?: string;
  /** Whether the pods may resolve names through kube-dns. @default true */
  readonly dnsEgress?: boolean;
  /** Whether the ALB has the WAF web ACL attached. @default true */
  readonly waf?: boolean;
  /** SSL policy of the HTTPS listener. @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' */
  readonly sslPolicy?: string;
  /** Whether the namespace denies by default. @default true */
  readonly defaultDeny?: boolean;
  /** Extra ingress source of the API gateway's policy, e.g. '0.0.0.0/0'. */
  readonly extraApiSource?: string;
  /** CIDR the API gateway's policy admits the ALB from. @default '10.10.0.0/23' (the ALB's subnets) */
  readonly apiAlbCidr?: string;
  /**
   * The migration's weighted DNS records, as the ingress library renders them: the Ingress's external-dns
   * annotations and a DNSEndpoint per legacy load balancer.
   * @default undefined (no weighted records)
   */
  readonly migration?: MigrationSettings;
}

/** The cluster the fixture's DNS records are named after. */
const FIXTURE_DNS_CLUSTER = { name: 'pms-fixture', host: 'pms.example.com' };

/** The VPC of the fixture cluster: its ALB subnets 10.10.0.0/24 and 10.10.1.0/24 make up the /23 its policies admit. */
export const FIXTURE_VPC = exampleClusterSettings({ vpcOctet: 10 }).vpc;

export const FIXTURE_WEB_ACL =
  'arn:aws:wafv2:eu-central-1:111111111111:regional/webacl/pms/0a1b2c3d-1111-4e2f-9a0b-1c2d3e4f5a6b';
const labels = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'pms' });

/** The objects of the fixture cluster. */
export function fixtureObjects(options: FixtureOptions = {}): Manifest[] {
  const {
    apiPath = '/api',
    dnsEgress = true,
    waf = true,
    sslPolicy = 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    defaultDeny = true,
  } = options;
  const workload = (name: string, port: number): Manifest[] => [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'pms', labels: labels(name) },
      spec: {
        selector: { matchLabels: labels(name) },
        template: {
          metadata: { labels: labels(name) },
          spec: {
            containers: [
              {
                name,
                image: `registry.example/${name}:1.0.0`,
                ports: [{ name: 'http', containerPort: port }],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'pms' },
      spec: { selector: labels(name), ports: [{ name: 'http', port, targetPort: port }] },
    },
  ];
  const policy = (name: string, spec: Record<string, unknown>): Manifest => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'pms' },
    spec,
  });
  const annotations: Record<string, string> = {
    'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
    'alb.ingress.kubernetes.io/ssl-redirect': '443',
    'alb.ingress.kubernetes.io/ssl-policy': sslPolicy,
    'alb.ingress.kubernetes.io/listener-attributes.HTTPS-443':
      'routing.http.response.strict_transport_security.header_value=max-age=31536000',
  };
  if (waf) annotations['alb.ingress.kubernetes.io/wafv2-acl-arn'] = FIXTURE_WEB_ACL;
  if (options.migration)
    Object.assign(annotations, ingressDnsAnnotations(FIXTURE_DNS_CLUSTER, options.migration));
  const backend = (name: string, port: number) => ({ service: { name, port: { number: port } } });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pms' } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'alb' },
      spec: { controller: 'ingress.k8s.aws/alb' },
    },
    ...workload('frontend', 80),
    ...workload('apigateway', 8080),
    ...(defaultDeny ? [policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })] : []),
    ...(dnsEgress
      ? [
          policy('allow-dns', {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [
              {
                to: [
                  {
                    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                  },
                ],
                ports: [
                  { protocol: 'UDP', port: 53 },
                  { protocol: 'TCP', port: 53 },
                ],
              },
            ],
          }),
        ]
      : []),
    policy('apigateway', {
      podSelector: { matchLabels: labels('apigateway') },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { ipBlock: { cidr: options.apiAlbCidr ?? '10.10.0.0/23' } },
            ...(options.extraApiSource ? [{ ipBlock: { cidr: options.extraApiSource } }] : []),
          ],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    }),
    policy('frontend', {
      podSelector: { matchLabels: labels('frontend') },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '10.10.0.0/23' } }], ports: [{ protocol: 'TCP', port: 80 }] }],
    }),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'pms', namespace: 'pms', annotations },
      spec: {
        ingressClassName: 'alb',
        rules: [
          {
            host: 'pms.example.com',
            http: {
              paths: [
                { path: apiPath, pathType: 'Prefix', backend: backend('apigateway', 8080) },
                { path: '/', pathType: 'Prefix', backend: backend('frontend', 80) },
              ],
            },
          },
        ],
      },
    },

    ...(options.migration ? legacyDnsEndpoints(FIXTURE_DNS_CLUSTER, options.migration) : []),
  ];
}
