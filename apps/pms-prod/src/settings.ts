import type { PmsClusterSettings } from '@pms/platform';

const registry = '333333333333.dkr.ecr.eu-central-1.amazonaws.com/pms';

/** pms-prod: plain data, validated at render time. See docs/architecture.md for what each field drives. */
export const settings: PmsClusterSettings = {
  name: 'pms-prod',
  environment: 'prod',
  eksClusterName: 'pms-prod',
  aws: { accountId: '333333333333', region: 'eu-central-1' },
  vpc: {
    id: 'vpc-0a1b2c3d4e5f60733',
    cidr: '10.30.0.0/16',
    albSubnets: [
      { id: 'subnet-0a1b2c3d4e5f6300a', availabilityZone: 'eu-central-1a', cidr: '10.30.0.0/24' },
      { id: 'subnet-0a1b2c3d4e5f6300b', availabilityZone: 'eu-central-1b', cidr: '10.30.1.0/24' },
      { id: 'subnet-0a1b2c3d4e5f6300c', availabilityZone: 'eu-central-1c', cidr: '10.30.2.0/24' },
    ],
    // Pods and nodes (VPC CNI): the private subnets, away from the ALB's public ones.
    podSubnets: ['10.30.64.0/18', '10.30.128.0/18', '10.30.192.0/18'],
    // The cluster's Service CIDR (aws eks describe-cluster --query cluster.kubernetesNetworkConfig.serviceIpv4Cidr): EKS's
    // default for a 10.x VPC. Its first address is the `kubernetes` Service the pods that call the API server dial.
    serviceCidr: '172.20.0.0/16',
    // The subnets of the EKS control plane's network interfaces (cluster.resourcesVpcConfig.subnetIds), one /28 per zone.
    controlPlaneSubnets: ['10.30.16.0/28', '10.30.16.16/28', '10.30.16.32/28'],
  },
  host: 'pms.example.com',
  // No certificate or web ACL ARN: the ALB names the web ACL `pms-prod-web-acl` and the controller discovers the
  // certificate from the host (README "Add a cluster").
  accessLogs: { bucket: 'pms-prod-alb-access-logs', prefix: 'alb/pms-prod', retentionDays: 365 },
  deletionProtection: true,
  ingress: {
    websocket: { heartbeatSeconds: 25 },
    // Enforced now: what cannot break any SPA release (no plugins, no <base> hijack, no framing, http:// subresources
    // upgraded to https://). The full policy is reported first: prod runs frontend 2.2.1, and dev and staging proved
    // the policy with 2.3.0. Enforce it by moving it here once prod runs 2.3 and the console shows no report
    // (docs/ingress.md, "Content-Security-Policy").
    contentSecurityPolicy:
      "upgrade-insecure-requests; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    contentSecurityPolicyReportOnly:
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
      "connect-src 'self' wss://pms.example.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    // Market hours are the peak: traders' sessions keep WebSockets open and the reports are large.
    expectedTraffic: {
      typical: {
        requestsPerSecond: 40,
        newConnectionsPerSecond: 4,
        activeConnections: 1500,
        processedGbPerHour: 1.5,
      },
      peak: {
        requestsPerSecond: 250,
        newConnectionsPerSecond: 25,
        activeConnections: 6000,
        processedGbPerHour: 8,
      },
      peakHoursPerDay: 9,
    },
  },
  dns: { hostedZoneId: 'Z0333333333333PRDPMS1' },
  // The weighted DNS migration from the per-service load balancers (docs/ingress.md, "Migration"): one pull request
  // per step (10, 25, 50, 75, 100); pnpm diff shows each shift and flags a jump straight to 100 % or a shift back.
  migration: {
    albWeightPercent: 10,
    legacyLoadBalancers: [
      {
        name: 'frontend',
        hostname: 'a9d3f7b1c5e2a4d6f8b0c1d2e3f4a5b6-1933445566.eu-central-1.elb.amazonaws.com',
      },
    ],
  },
  networking: {
    workloads: {
      frontend: {
        image: { repository: `${registry}/frontend`, tag: '2.2.1' },
        scaling: { minReplicas: 3, maxReplicas: 12 },
      },
      apigateway: {
        image: { repository: `${registry}/apigateway`, tag: '1.8.2' },
        scaling: { minReplicas: 3, maxReplicas: 12 },
      },
      auth: {
        image: { repository: `${registry}/auth`, tag: '1.8.2' },
        scaling: { minReplicas: 3, maxReplicas: 12 },
      },
      analytics: {
        image: { repository: `${registry}/analytics`, tag: '1.8.2' },
        scaling: { minReplicas: 3, maxReplicas: 12 },
      },
    },
    // The backing services and their sizes (installed by Argo CD: docs/networking.md#backing-services).
    backing: {
      postgres: {
        instances: 3,
        storage: { size: '100Gi' },
        resources: { cpuRequest: '1', memoryRequest: '2Gi', memoryLimit: '4Gi' },
      },
      redis: { storage: { size: '5Gi' } },
      kafka: {
        replicas: 3,
        storage: { size: '100Gi' },
        resources: { cpuRequest: '1', memoryRequest: '2Gi', memoryLimit: '4Gi' },
      },
    },
  },
  security: {
    // The id at the end of the cluster's OIDC issuer URL (aws eks describe-cluster --query cluster.identity.oidc.issuer).
    controllerIdentity: { mode: 'irsa', oidcProviderId: '9E3D40A1B2C34A5B8C6D7E8F9A0B1C2D' },
  },
  monitoring: {
    alarmTopicArn: 'arn:aws:sns:eu-central-1:333333333333:pms-alarms',
    thresholds: {
      target5xxRatePercent: 1,
      p99ResponseTimeSeconds: 1.5,
      elb5xxPerMinute: 5,
      rejectedConnectionsPerMinute: 0,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    },
    // From `aws elbv2 describe-load-balancers --names pms-prod-pms` and the runbook's target-group lookup.
    alb: {
      state: 'known',
      loadBalancer: 'app/pms-prod-pms/4f1c2a9b7d3e8065',
      targetGroups: {
        frontend: 'targetgroup/k8s-pms-frontend-3b9e1c7a52/8d2f4a6c1e3b5a79',
        apigateway: 'targetgroup/k8s-pms-apigatew-a41d7e0c93/2c6e8a0b4d1f3e57',
      },
    },
  },
};
