/** One valid object of every kind the validator knows, as the tests' starting point (test support only). */

const labels = { 'app.kubernetes.io/name': 'apigateway', 'app.kubernetes.io/part-of': 'pms' };
const annotations = { 'argocd.argoproj.io/sync-wave': '0' };
const meta = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  labels,
  annotations,
});
const arn = {
  certificate: 'arn:aws:acm:eu-central-1:111111111111:certificate/0f1e2d3c-1111-4a5b-8c6d-7e8f9a0b1c2d',
  webAcl:
    'arn:aws:wafv2:eu-central-1:111111111111:regional/webacl/pms-dev-web-acl/5a6b7c8d-1111-4e2f-9a0b-1c2d3e4f5a6b',
  topic: 'arn:aws:sns:eu-central-1:111111111111:pms-alarms',
};
const visibility = (metricName: string) => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** A valid object per `apiVersion kind`; each test copies (never mutates) them. */
export const VALID_OBJECTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'v1 Namespace': { apiVersion: 'v1', kind: 'Namespace', metadata: meta('pms') },
  'v1 Service': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...meta('apigateway', 'pms'),
      annotations: { 'alb.ingress.kubernetes.io/healthcheck-path': '/actuator/health' },
    },
    spec: {
      type: 'ClusterIP',
      selector: labels,
      ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    },
  },
  'v1 ServiceAccount': {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta('apigateway', 'pms'),
    automountServiceAccountToken: false,
  },
  'v1 ConfigMap': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('frontend-nginx', 'pms'),
    data: { 'nginx.conf': 'events {}\n' },
  },
  'apps/v1 Deployment': {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('apigateway', 'pms'),
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'apigateway',
              image: '111111111111.dkr.ecr.eu-central-1.amazonaws.com/pms/apigateway:1.8.2',
              ports: [{ name: 'http', containerPort: 8080 }],
              resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              readinessProbe: {
                httpGet: { path: '/actuator/health/readiness', port: 8080 },
                initialDelaySeconds: 30,
                periodSeconds: 10,
              },
            },
          ],
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labels },
            },
          ],
        },
      },
    },
  },
  'autoscaling/v2 HorizontalPodAutoscaler': {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('apigateway', 'pms'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'apigateway' },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  },
  'policy/v1 PodDisruptionBudget': {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('apigateway', 'pms'),
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
  },
  'networking.k8s.io/v1 NetworkPolicy': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('apigateway', 'pms'),
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ipBlock: { cidr: '10.10.0.0/24' } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
      ],
    },
  },
  'networking.k8s.io/v1 Ingress': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      ...meta('pms', 'pms'),
      annotations: { 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]' },
    },
    spec: {
      ingressClassName: 'alb',
      rules: [
        {
          host: 'dev.pms.example.com',
          http: {
            paths: [
              {
                path: '/api/auth',
                pathType: 'Prefix',
                backend: { service: { name: 'apigateway', port: { number: 8080 } } },
              },
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'frontend', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  },
  'networking.k8s.io/v1 IngressClass': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: meta('alb'),
    spec: {
      controller: 'ingress.k8s.aws/alb',
      parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'alb' },
    },
  },
  'apiextensions.k8s.io/v1 CustomResourceDefinition': {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta('widgets.example.com'),
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          additionalPrinterColumns: [
            { name: 'Size', type: 'integer', jsonPath: '.spec.size', description: 'How big.' },
          ],
          schema: {
            openAPIV3Schema: {
              description: 'A widget.',
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  description: 'Desired state.',
                  properties: {
                    size: { type: 'integer', minimum: 1, description: 'How big.' },
                    port: { 'x-kubernetes-int-or-string': true },
                    extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  },
                  'x-kubernetes-validations': [{ rule: 'self.size < 10', message: 'size must be below 10' }],
                },
              },
            },
          },
        },
      ],
    },
  },
  'argoproj.io/v1alpha1 Application': {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: meta('aws-load-balancer-controller-pms-dev', 'argocd'),
    spec: {
      project: 'pms',
      destination: { name: 'pms-dev', namespace: 'kube-system' },
      source: {
        repoURL: 'https://aws.github.io/eks-charts',
        chart: 'aws-load-balancer-controller',
        targetRevision: '1.17.1',
        helm: {
          releaseName: 'aws-load-balancer-controller',
          valuesObject: { clusterName: 'pms-dev', replicaCount: 2 },
        },
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
        syncOptions: ['ServerSideApply=true'],
      },
    },
  },
  'argoproj.io/v1alpha1 ApplicationSet': {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: meta('pms-clusters', 'argocd'),
    spec: {
      goTemplate: true,
      generators: [
        {
          git: {
            repoURL: 'https://github.com/example-org/pms-gitops.git',
            revision: 'main',
            directories: [{ path: 'clusters/*' }],
          },
        },
      ],
      template: {
        metadata: { name: '{{.path.basename}}' },
        spec: {
          project: 'pms',
          source: {
            repoURL: 'https://github.com/example-org/pms-gitops.git',
            path: '{{.path.path}}',
            directory: { recurse: true },
          },
          destination: { name: '{{.path.basename}}' },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['PruneLast=true'] },
        },
      },
    },
  },
  'argoproj.io/v1alpha1 AppProject': {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: meta('pms', 'argocd'),
    spec: {
      description: 'PMS clusters.',
      sourceRepos: ['https://github.com/example-org/pms-gitops.git'],
      destinations: [{ name: 'pms-dev', namespace: 'pms' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      orphanedResources: { warn: true },
      roles: [
        {
          name: 'read-only',
          description: 'Read access.',
          policies: ['p, proj:pms:read-only, applications, get, pms/*, allow'],
        },
      ],
      syncWindows: [
        {
          kind: 'allow',
          schedule: '* * * * *',
          duration: '24h',
          applications: ['*'],
          description: 'Always.',
        },
      ],
    },
  },
  'elbv2.k8s.aws/v1beta1 IngressClassParams': {
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'IngressClassParams',
    metadata: meta('alb'),
    spec: {
      scheme: 'internet-facing',
      targetType: 'ip',
      ipAddressType: 'ipv4',
      group: { name: 'pms' },
      certificateArn: [arn.certificate],
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      sslRedirectPort: '443',
      wafv2AclArn: arn.webAcl,
      loadBalancerName: 'pms-dev-pms',
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'pms' } },
      listeners: [
        {
          port: 443,
          protocol: 'HTTPS',
          listenerAttributes: [{ key: 'routing.http.response.x_frame_options.header_value', value: 'DENY' }],
        },
      ],
      loadBalancerAttributes: [{ key: 'idle_timeout.timeout_seconds', value: '300' }],
      subnets: { ids: ['subnet-0a1b2c3d'] },
      tags: [{ key: 'pms:cluster', value: 'pms-dev' }],
    },
  },
  'elbv2.k8s.aws/v1beta1 TargetGroupBinding': {
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'TargetGroupBinding',
    metadata: meta('apigateway', 'pms'),
    spec: {
      serviceRef: { name: 'apigateway', port: 8080 },
      targetGroupARN:
        'arn:aws:elasticloadbalancing:eu-central-1:111111111111:targetgroup/pms-apigateway/0123456789abcdef',
      targetType: 'ip',
      networking: {
        ingress: [
          {
            from: [{ securityGroup: { groupID: 'sg-0123456789abcdef0' } }],
            ports: [{ port: 'http', protocol: 'TCP' }],
          },
        ],
      },
    },
  },
  'wafv2.services.k8s.aws/v1alpha1 WebACL': {
    apiVersion: 'wafv2.services.k8s.aws/v1alpha1',
    kind: 'WebACL',
    metadata: meta('pms-dev-web-acl', 'pms'),
    spec: {
      name: 'pms-dev-web-acl',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('pms-dev-web-acl'),
      rules: [
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 10,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' },
          },
          visibilityConfig: visibility('common'),
        },
        {
          name: 'rate-limit-per-ip',
          priority: 40,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: 1000, evaluationWindowSec: 300, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility('rate-limit'),
        },
      ],
      tags: [{ key: 'pms:cluster', value: 'pms-dev' }],
    },
  },
  'acm.services.k8s.aws/v1alpha1 Certificate': {
    apiVersion: 'acm.services.k8s.aws/v1alpha1',
    kind: 'Certificate',
    metadata: meta('pms-dev', 'pms'),
    spec: {
      domainName: 'dev.pms.example.com',
      keyAlgorithm: 'RSA_2048',
      options: { certificateTransparencyLoggingPreference: 'ENABLED' },
    },
  },
  'iam.services.k8s.aws/v1alpha1 Policy': {
    apiVersion: 'iam.services.k8s.aws/v1alpha1',
    kind: 'Policy',
    metadata: meta('aws-load-balancer-controller', 'kube-system'),
    spec: {
      name: 'pms-dev-aws-load-balancer-controller',
      path: '/pms/',
      policyDocument: '{"Version":"2012-10-17","Statement":[]}',
      tags: [{ key: 'pms:cluster', value: 'pms-dev' }],
    },
  },
  'iam.services.k8s.aws/v1alpha1 Role': {
    apiVersion: 'iam.services.k8s.aws/v1alpha1',
    kind: 'Role',
    metadata: meta('aws-load-balancer-controller', 'kube-system'),
    spec: {
      name: 'pms-dev-aws-load-balancer-controller',
      assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
      maxSessionDuration: 3600,
      policyRefs: [{ from: { name: 'aws-load-balancer-controller', namespace: 'kube-system' } }],
    },
  },
  'cloudwatch.services.k8s.aws/v1alpha1 Dashboard': {
    apiVersion: 'cloudwatch.services.k8s.aws/v1alpha1',
    kind: 'Dashboard',
    metadata: meta('pms-dev', 'pms'),
    spec: { dashboardName: 'pms-dev-alb', dashboardBody: '{"widgets":[]}' },
  },
  'cloudwatch.services.k8s.aws/v1alpha1 MetricAlarm': {
    apiVersion: 'cloudwatch.services.k8s.aws/v1alpha1',
    kind: 'MetricAlarm',
    metadata: meta('target-5xx-rate', 'pms'),
    spec: {
      name: 'pms-dev-target-5xx-rate',
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: 0.05,
      treatMissingData: 'notBreaching',
      alarmActions: [arn.topic],
      metrics: [
        { id: 'rate', expression: 'errors / MAX([errors, requests])', returnData: true },
        {
          id: 'errors',
          returnData: false,
          metricStat: {
            metric: {
              namespace: 'AWS/ApplicationELB',
              metricName: 'HTTPCode_Target_5XX_Count',
              dimensions: [{ name: 'LoadBalancer', value: 'app/pms-dev-pms/0123' }],
            },
            period: 60,
            stat: 'Sum',
          },
        },
      ],
    },
  },
  's3.services.k8s.aws/v1alpha1 Bucket': {
    apiVersion: 's3.services.k8s.aws/v1alpha1',
    kind: 'Bucket',
    metadata: meta('pms-dev-alb-access-logs', 'pms'),
    spec: {
      name: 'pms-dev-alb-access-logs',
      publicAccessBlock: {
        blockPublicACLs: true,
        blockPublicPolicy: true,
        ignorePublicACLs: true,
        restrictPublicBuckets: true,
      },
      tagging: { tagSet: [{ key: 'pms:cluster', value: 'pms-dev' }] },
    },
  },
  'externaldns.k8s.io/v1alpha1 DNSEndpoint': {
    apiVersion: 'externaldns.k8s.io/v1alpha1',
    kind: 'DNSEndpoint',
    metadata: meta('pms-dev', 'pms'),
    spec: {
      endpoints: [
        {
          dnsName: 'dev.pms.example.com',
          recordType: 'CNAME',
          recordTTL: 300,
          targets: ['pms-dev.elb.example.com'],
        },
      ],
    },
  },
  'storage.k8s.io/v1 StorageClass': {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta('pms-gp3'),
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'true' },
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    reclaimPolicy: 'Retain',
  },
  'postgresql.cnpg.io/v1 Cluster': {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: meta('postgres-cnpg', 'pms'),
    spec: {
      instances: 3,
      imageName: 'ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie',
      storage: { size: '20Gi', storageClass: 'pms-gp3' },
      bootstrap: { initdb: { database: 'pms', owner: 'pms' } },
    },
  },
  'kafka.strimzi.io/v1 Kafka': {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'Kafka',
    metadata: meta('kafka-strimzi', 'pms'),
    spec: {
      kafka: {
        version: '4.3.1',
        metadataVersion: '4.3-IV0',
        listeners: [{ name: 'plain', port: 9092, type: 'internal', tls: false }],
        config: { 'default.replication.factor': 3, 'min.insync.replicas': 2 },
      },
    },
  },
  'kafka.strimzi.io/v1 KafkaNodePool': {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaNodePool',
    metadata: { ...meta('dual-role', 'pms'), labels: { ...labels, 'strimzi.io/cluster': 'kafka-strimzi' } },
    spec: {
      replicas: 3,
      roles: ['controller', 'broker'],
      storage: {
        type: 'jbod',
        volumes: [
          { id: 0, type: 'persistent-claim', size: '20Gi', class: 'pms-gp3', kraftMetadata: 'shared' },
        ],
      },
    },
  },
};

/** A deep copy of the valid object of `key` (`apiVersion kind`), for a test to modify. */
export function validObject(key: string): Record<string, any> {
  const object = VALID_OBJECTS[key];
  if (!object) throw new Error(`no valid example of ${key}`);
  return structuredClone(object) as Record<string, any>;
}
