/**
 * A small cluster that passes every rule of the policy gate: one workload behind the ALB, its Service and
 * NetworkPolicies (default deny, DNS to CoreDNS, the ALB's ingress), the ALB's IngressClass/IngressClassParams/Ingress
 * (the web ACL by name, the certificate by discovery), and the ACK WebACL, Certificate and access-log Bucket. Tests
 * clone it and break one thing at a time.
 */
import { type ClusterSettings, type Manifest } from '@pms/core';
import { exampleClusterSettings } from '@pms/core/testing';
import { accessLogBucketSpec } from '../../access-logs/bucket.js';

export const cluster: ClusterSettings = exampleClusterSettings({
  environment: 'prod',
  host: 'pms.example.com',
});

/** ARNs a case may pin on purpose (the settings hold none). */
export const ARN = {
  certificate: 'arn:aws:acm:eu-central-1:123456789012:certificate/1d2e3f40-9999-4a5b-8c6d-7e8f9a0b1c2d',
  webAcl:
    'arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/pms-test-web-acl/5a6b7c8d-9999-4e2f-9a0b-1c2d3e4f5a6b',
} as const;

/** Untyped JSON, so tests can break any field. */
export type Json = any;

/** The compliant objects, by role. */
export function compliantObjects(): Record<string, Json> {
  const labels = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'pms' };
  return {
    namespace: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'pms', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    },
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'pms' },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'web',
                image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/pms/web:1.0.0',
                ports: [{ name: 'http', containerPort: 8080 }],
                readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
                livenessProbe: { httpGet: { path: '/live', port: 8080 } },
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    },
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'pms' },
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports: [{ name: 'http', port: 8080, targetPort: 'http' }],
      },
    },
    denyAll: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'pms' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    dnsPolicy: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns', namespace: 'pms' },
      spec: {
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
      },
    },
    webPolicy: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web', namespace: 'pms' },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ ipBlock: { cidr: '10.40.0.0/24' } }, { ipBlock: { cidr: '10.40.1.0/24' } }],
            ports: [{ port: 8080 }],
          },
        ],
      },
    },
    ingressClass: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'alb' },
      spec: {
        controller: 'ingress.k8s.aws/alb',
        parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'alb' },
      },
    },
    params: {
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'IngressClassParams',
      metadata: { name: 'alb' },
      spec: {
        scheme: 'internet-facing',
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
        wafv2AclName: 'pms-test-web-acl',
        subnets: { ids: cluster.vpc.albSubnets.map((subnet) => subnet.id) },
        loadBalancerAttributes: [
          { key: 'routing.http.drop_invalid_header_fields.enabled', value: 'true' },
          { key: 'routing.http.desync_mitigation_mode', value: 'defensive' },
          { key: 'deletion_protection.enabled', value: 'true' },
        ],
      },
    },
    ingress: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'pms',
        namespace: 'pms',
        annotations: {
          'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
          'alb.ingress.kubernetes.io/ssl-redirect': '443',
          'alb.ingress.kubernetes.io/load-balancer-attributes':
            'access_logs.s3.enabled=true,access_logs.s3.bucket=pms-test-alb-logs,access_logs.s3.prefix=alb/pms-test,deletion_protection.enabled=true',
          'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
        },
      },
      spec: {
        ingressClassName: 'alb',
        rules: [
          {
            host: 'pms.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 8080 } } },
                },
              ],
            },
          },
        ],
      },
    },
    webAcl: {
      apiVersion: 'wafv2.services.k8s.aws/v1alpha1',
      kind: 'WebACL',
      metadata: {
        name: 'pms-test-web-acl',
        namespace: 'pms-aws',
        annotations: {
          'services.k8s.aws/region': 'eu-central-1',
          'services.k8s.aws/deletion-policy': 'retain',
          'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true,Prune=false,Delete=false',
        },
      },
      spec: {
        name: 'pms-test-web-acl',
        scope: 'REGIONAL',
        rules: [
          {
            name: 'AWSManagedRulesCommonRuleSet',
            overrideAction: { none: {} },
            statement: {
              managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' },
            },
          },
        ],
      },
    },
    certificate: {
      apiVersion: 'acm.services.k8s.aws/v1alpha1',
      kind: 'Certificate',
      metadata: {
        name: 'pms',
        namespace: 'pms-aws',
        annotations: {
          'services.k8s.aws/region': 'eu-central-1',
          'services.k8s.aws/deletion-policy': 'retain',
          'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true,Prune=false,Delete=false',
        },
      },
      spec: { domainName: 'pms.example.com', keyAlgorithm: 'RSA_2048' },
    },
    bucket: {
      apiVersion: 's3.services.k8s.aws/v1alpha1',
      kind: 'Bucket',
      metadata: {
        name: cluster.accessLogs.bucket,
        namespace: 'pms-aws',
        annotations: {
          'services.k8s.aws/region': 'eu-central-1',
          'services.k8s.aws/deletion-policy': 'retain',
          'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true,Prune=false,Delete=false',
        },
      },
      spec: structuredClone(accessLogBucketSpec(cluster)),
    },
  };
}

/** The objects as a manifest list. */
export function manifestsOf(objects: Record<string, Json>): Manifest[] {
  return Object.values(objects) as Manifest[];
}
