import type { PmsClusterSettings } from '@pms/platform';

const registry = '222222222222.dkr.ecr.eu-central-1.amazonaws.com/pms';

/** pms-staging: plain data, validated at render time. See docs/architecture.md for what each field drives. */
export const settings: PmsClusterSettings = {
  name: 'pms-staging',
  environment: 'staging',
  eksClusterName: 'pms-staging',
  aws: { accountId: '222222222222', region: 'eu-central-1' },
  vpc: {
    id: 'vpc-0a1b2c3d4e5f60722',
    cidr: '10.20.0.0/16',
    albSubnets: [
      { id: 'subnet-0a1b2c3d4e5f6200a', availabilityZone: 'eu-central-1a', cidr: '10.20.0.0/24' },
      { id: 'subnet-0a1b2c3d4e5f6200b', availabilityZone: 'eu-central-1b', cidr: '10.20.1.0/24' },
      { id: 'subnet-0a1b2c3d4e5f6200c', availabilityZone: 'eu-central-1c', cidr: '10.20.2.0/24' },
    ],
    // Pods and nodes (VPC CNI): the private subnets, away from the ALB's public ones.
    podSubnets: ['10.20.64.0/18', '10.20.128.0/18', '10.20.192.0/18'],
    // The cluster's Service CIDR (aws eks describe-cluster --query cluster.kubernetesNetworkConfig.serviceIpv4Cidr): EKS's
    // default for a 10.x VPC. Its first address is the `kubernetes` Service the pods that call the API server dial.
    serviceCidr: '172.20.0.0/16',
    // The subnets of the EKS control plane's network interfaces (cluster.resourcesVpcConfig.subnetIds), one /28 per zone.
    controlPlaneSubnets: ['10.20.16.0/28', '10.20.16.16/28', '10.20.16.32/28'],
  },
  host: 'staging.pms.example.com',
  // No certificate or web ACL ARN: the ALB names the web ACL `pms-staging-web-acl` and the controller discovers the
  // certificate from the host (README "Add a cluster").
  accessLogs: { bucket: 'pms-staging-alb-access-logs', prefix: 'alb/pms-staging' },
  deletionProtection: false,
  ingress: {
    websocket: { heartbeatSeconds: 25 },
    // The full policy, enforced by the ALB (prod reports it first: docs/ingress.md, "Content-Security-Policy").
    contentSecurityPolicy:
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
      "connect-src 'self' wss://staging.pms.example.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    // QA and the release rehearsals.
    expectedTraffic: {
      typical: {
        requestsPerSecond: 2,
        newConnectionsPerSecond: 0.5,
        activeConnections: 60,
        processedGbPerHour: 0.05,
      },
      peak: {
        requestsPerSecond: 30,
        newConnectionsPerSecond: 4,
        activeConnections: 400,
        processedGbPerHour: 0.6,
      },
      peakHoursPerDay: 8,
    },
  },
  dns: { hostedZoneId: 'Z0222222222222STGPMS1' },
  // The weighted DNS migration from the per-service load balancers (docs/ingress.md, "Migration"): one pull request
  // per step; pnpm diff shows the shift.
  migration: {
    albWeightPercent: 50,
    legacyLoadBalancers: [
      {
        name: 'frontend',
        hostname: 'a5c2e8f1b3d4a6c7e9f0a1b2c3d4e5f6-1822334455.eu-central-1.elb.amazonaws.com',
      },
    ],
  },
  networking: {
    workloads: {
      frontend: {
        image: { repository: `${registry}/frontend`, tag: '2.3.0' },
        scaling: { minReplicas: 2, maxReplicas: 4 },
      },
      apigateway: {
        image: { repository: `${registry}/apigateway`, tag: '1.8.3' },
        scaling: { minReplicas: 2, maxReplicas: 4 },
      },
      auth: {
        image: { repository: `${registry}/auth`, tag: '1.8.3' },
        scaling: { minReplicas: 2, maxReplicas: 4 },
      },
      analytics: {
        image: { repository: `${registry}/analytics`, tag: '1.8.3' },
        scaling: { minReplicas: 2, maxReplicas: 4 },
      },
    },
    // The backing services and their sizes (installed by Argo CD: docs/networking.md#backing-services).
    backing: {
      postgres: { instances: 2, storage: { size: '20Gi' } },
      redis: { storage: { size: '2Gi' } },
      kafka: { replicas: 3, storage: { size: '20Gi' } },
    },
  },
  security: {
    // The id at the end of the cluster's OIDC issuer URL (aws eks describe-cluster --query cluster.identity.oidc.issuer).
    controllerIdentity: { mode: 'irsa', oidcProviderId: '8D2C3F40A1B24A5B8C6D7E8F9A0B1C2D' },
  },
  monitoring: {
    alarmTopicArn: 'arn:aws:sns:eu-central-1:222222222222:pms-alarms',
    thresholds: {
      target5xxRatePercent: 5,
      p99ResponseTimeSeconds: 2,
      elb5xxPerMinute: 10,
      rejectedConnectionsPerMinute: 0,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
    },
    // From `aws elbv2 describe-load-balancers --names pms-staging-pms` (end of the ARN).
    alb: { state: 'known', loadBalancer: 'app/pms-staging-pms/9a3e5c7b1d2f4068' },
  },
};
