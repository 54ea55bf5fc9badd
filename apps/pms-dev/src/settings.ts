import type { PmsClusterSettings } from '@pms/platform';

const registry = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/pms';

/** pms-dev: plain data, validated at render time. See docs/architecture.md for what each field drives. */
export const settings: PmsClusterSettings = {
  name: 'pms-dev',
  environment: 'dev',
  eksClusterName: 'pms-dev',
  aws: { accountId: '111111111111', region: 'eu-west-1' },
  vpc: {
    id: 'vpc-0a1b2c3d4e5f60711',
    cidr: '10.10.0.0/16',
    albSubnets: [
      { id: 'subnet-0a1b2c3d4e5f6100a', availabilityZone: 'eu-west-1a', cidr: '10.10.0.0/24' },
      { id: 'subnet-0a1b2c3d4e5f6100b', availabilityZone: 'eu-west-1b', cidr: '10.10.1.0/24' },
      { id: 'subnet-0a1b2c3d4e5f6100c', availabilityZone: 'eu-west-1c', cidr: '10.10.2.0/24' },
    ],
    // Pods and nodes (VPC CNI): the private subnets, away from the ALB's public ones.
    podSubnets: ['10.10.64.0/18', '10.10.128.0/18', '10.10.192.0/18'],
    // The cluster's Service CIDR (aws eks describe-cluster --query cluster.kubernetesNetworkConfig.serviceIpv4Cidr): EKS's
    // default for a 10.x VPC. Its first address is the `kubernetes` Service the pods that call the API server dial.
    serviceCidr: '172.20.0.0/16',
    // The subnets of the EKS control plane's network interfaces (cluster.resourcesVpcConfig.subnetIds), one /28 per zone.
    controlPlaneSubnets: ['10.10.16.0/28', '10.10.16.16/28', '10.10.16.32/28'],
  },
  host: 'dev.pms.example.com',
  // No certificate or web ACL ARN: the ALB names the web ACL `pms-dev-web-acl` and the controller discovers the
  // certificate from the host (README "Add a cluster").
  accessLogs: { bucket: 'pms-dev-alb-access-logs', prefix: 'alb/pms-dev', retentionDays: 30 },
  deletionProtection: false,
  ingress: {
    websocket: { heartbeatSeconds: 25 },
    // The full policy, enforced by the ALB (prod reports it first: docs/ingress.md, "Content-Security-Policy").
    contentSecurityPolicy:
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
      "connect-src 'self' wss://dev.pms.example.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    // Developers and the test suites: the cost estimate and the LCU alarm follow from it.
    expectedTraffic: {
      typical: {
        requestsPerSecond: 0.5,
        newConnectionsPerSecond: 0.2,
        activeConnections: 20,
        processedGbPerHour: 0.01,
      },
      peak: {
        requestsPerSecond: 5,
        newConnectionsPerSecond: 1,
        activeConnections: 100,
        processedGbPerHour: 0.1,
      },
      peakHoursPerDay: 8,
    },
  },
  // Public hosted zone of dev.pms.example.com in the dev account: external-dns writes there and nowhere else.
  dns: { hostedZoneId: 'Z0111111111111DEVPMS1' },
  // No migration section: dev never had the per-service load balancers, the ALB answers alone.
  networking: {
    workloads: {
      frontend: {
        image: { repository: `${registry}/frontend`, tag: '2.3.0' },
        scaling: { minReplicas: 1, maxReplicas: 3 },
      },
      apigateway: {
        image: { repository: `${registry}/apigateway`, tag: '1.8.3' },
        scaling: { minReplicas: 1, maxReplicas: 3 },
      },
      auth: {
        image: { repository: `${registry}/auth`, tag: '1.8.3' },
        scaling: { minReplicas: 1, maxReplicas: 3 },
      },
      analytics: {
        image: { repository: `${registry}/analytics`, tag: '1.8.3' },
        scaling: { minReplicas: 1, maxReplicas: 3 },
      },
    },
    // The backing services and their sizes (installed by Argo CD: docs/networking.md#backing-services).
    backing: {
      postgres: { instances: 1, storage: { size: '10Gi' } },
      redis: { storage: { size: '1Gi' } },
      kafka: { replicas: 1, storage: { size: '10Gi' } },
    },
  },
  security: {
    // The id at the end of the cluster's OIDC issuer URL (aws eks describe-cluster --query cluster.identity.oidc.issuer).
    controllerIdentity: { mode: 'irsa', oidcProviderId: '7C1B2E3F40A14A5B8C6D7E8F9A0B1C2D' },
  },
  monitoring: {
    alarmTopicArn: 'arn:aws:sns:eu-west-1:111111111111:pms-alarms',
    thresholds: {
      target5xxRatePercent: 10,
      p99ResponseTimeSeconds: 3,
      elb5xxPerMinute: 20,
      rejectedConnectionsPerMinute: 0,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
    },
    notifyOnRecovery: false,
    // The ALB's dimension, known after its first sync (docs/monitoring.md: "Finding the ALB's metrics"); alarms exist
    // only once it is known. targetGroups: not set, so one unhealthy-hosts alarm covers every target group.
    alb: { state: 'known', loadBalancer: 'app/pms-dev-pms/3c5e7a9b1d2f4061' },
  },
};
