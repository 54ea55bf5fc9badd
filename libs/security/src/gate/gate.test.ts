import { ConfigError, issuesOf, type ClusterSettings, type ConfigIssue, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { ARN, cluster, compliantObjects, manifestsOf, type Json } from './__fixtures__/cluster.js';
import {
  collectFindings,
  POLICY_EXCEPTION_PREFIX,
  POLICY_RULE_LIST,
  policyGateDocs,
  runPolicyGate,
} from './gate.js';
import type { PolicyGateContext } from './model.js';

type Objects = Record<string, Json>;
const container = (o: Objects) => o.deployment.spec.template.spec.containers[0];
const podSpec = (o: Objects) => o.deployment.spec.template.spec;
const lbAttribute = (o: Objects, key: string, value: string | undefined) => {
  o.params.spec.loadBalancerAttributes = o.params.spec.loadBalancerAttributes.filter(
    (a: Json) => a.key !== key,
  );
  if (value !== undefined) o.params.spec.loadBalancerAttributes.push({ key, value });
};
const ingressAnnotation = (o: Objects, key: string, value: string | undefined) => {
  if (value === undefined) delete o.ingress.metadata.annotations[`alb.ingress.kubernetes.io/${key}`];
  else o.ingress.metadata.annotations[`alb.ingress.kubernetes.io/${key}`] = value;
};

/** For one rule: an object that passes (beyond the compliant fixture), one that fails, and the message. */
interface RuleCase {
  readonly rule: string;
  /** Makes the fixture pass the rule in a way other than the default (optional). */
  readonly pass?: (o: Objects) => void;
  /** Breaks the rule. */
  readonly fail: (o: Objects) => void;
  /** Expected in the failure message (after the field and value). */
  readonly message: string;
  /** The gate context, when the case needs one. */
  readonly context?: PolicyGateContext;
  /** Other cluster settings for the passing case (e.g. a bucket declared external). */
  readonly passCluster?: ClusterSettings;
}

const CASES: readonly RuleCase[] = [
  {
    rule: 'run-as-non-root',
    pass: (o) => {
      delete podSpec(o).securityContext.runAsNonRoot;
      container(o).securityContext.runAsNonRoot = true;
    },
    fail: (o) => (container(o).securityContext.runAsUser = 0),
    message:
      'Deployment pms/web spec.template.spec.containers[0].securityContext.runAsUser = 0: breaks policy rule "run-as-non-root" (kube-linter run-as-non-root; PSS restricted "Running as Non-root" and "Running as Non-root user"): container "web" runs as root (UID 0); allowed: runAsUser: a non-zero UID',
  },
  {
    rule: 'read-only-root-fs',
    fail: (o) => delete container(o).securityContext.readOnlyRootFilesystem,
    message:
      'containers[0].securityContext.readOnlyRootFilesystem = (missing): breaks policy rule "read-only-root-fs" (kube-linter no-read-only-root-fs): container "web" can write to its root filesystem; allowed: readOnlyRootFilesystem: true',
  },
  {
    rule: 'no-privilege-escalation',
    fail: (o) => (container(o).securityContext.allowPrivilegeEscalation = true),
    message: 'allowPrivilegeEscalation = true: breaks policy rule "no-privilege-escalation"',
  },
  {
    rule: 'drop-capabilities',
    pass: (o) => (container(o).securityContext.capabilities.add = ['NET_BIND_SERVICE']),
    fail: (o) => (container(o).securityContext.capabilities.drop = ['NET_ADMIN']),
    message:
      'capabilities.drop = ["NET_ADMIN"]: breaks policy rule "drop-capabilities" (kube-linter drop-net-raw-capability; PSS restricted "Capabilities"): container "web" keeps the runtime\'s default capabilities, NET_RAW among them; allowed: capabilities.drop: [ALL]',
  },
  {
    rule: 'no-privileged',
    fail: (o) => (container(o).securityContext.privileged = true),
    message: 'securityContext.privileged = true: breaks policy rule "no-privileged"',
  },
  {
    rule: 'cpu-request',
    fail: (o) => delete container(o).resources.requests.cpu,
    message:
      'resources.requests.cpu = (missing): breaks policy rule "cpu-request" (kube-linter unset-cpu-requirements): container "web" requests no CPU',
  },
  {
    rule: 'memory-limit',
    fail: (o) => (container(o).resources.limits.memory = '0'),
    message: 'resources.limits.memory = "0": breaks policy rule "memory-limit"',
  },
  {
    rule: 'pinned-image',
    pass: (o) => (container(o).image = `registry.example.com:5000/pms/web@sha256:${'a'.repeat(64)}`),
    fail: (o) => (container(o).image = 'registry.example.com:5000/pms/web'),
    message:
      'image = "registry.example.com:5000/pms/web": breaks policy rule "pinned-image" (kube-linter latest-tag): container "web" has no tag, which means "latest"',
  },
  {
    rule: 'probe-ports',
    fail: (o) => (container(o).livenessProbe.httpGet.port = 9090),
    message:
      'containers[0].livenessProbe.httpGet.port = 9090: breaks policy rule "probe-ports" (kube-linter liveness-port, readiness-port, startup-port): the livenessProbe of container "web" targets a port the container does not declare; allowed: a port of container web: http 8080',
  },
  {
    rule: 'selector-matches-template',
    pass: (o) =>
      (o.deployment.spec.selector = {
        matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web'] }],
      }),
    fail: (o) => (o.deployment.spec.selector.matchLabels = { 'app.kubernetes.io/name': 'wbe' }),
    message:
      'Deployment pms/web spec.selector = {"matchLabels":{"app.kubernetes.io/name":"wbe"}}: breaks policy rule "selector-matches-template"',
  },
  {
    rule: 'host-namespaces',
    pass: (o) => (podSpec(o).hostNetwork = false),
    fail: (o) => (podSpec(o).hostPID = true),
    message:
      'spec.template.spec.hostPID = true: breaks policy rule "host-namespaces" (kube-linter host-network, host-pid, host-ipc; PSS baseline "Host Namespaces"): the pod shares the node\'s PID namespace',
  },
  {
    rule: 'seccomp-profile',
    pass: (o) => {
      delete podSpec(o).securityContext.seccompProfile;
      container(o).securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'web.json' };
    },
    fail: (o) => delete podSpec(o).securityContext.seccompProfile,
    message:
      'securityContext.seccompProfile.type = (missing): breaks policy rule "seccomp-profile" (PSS restricted "Seccomp"): container "web" has no seccomp profile (neither on the container nor the pod)',
  },
  {
    rule: 'volume-types',
    pass: (o) => podSpec(o).volumes.push({ name: 'config', configMap: { name: 'web' } }),
    fail: (o) => podSpec(o).volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }),
    message: 'volumes[1].hostPath = "docker": breaks policy rule "volume-types"',
  },
  {
    rule: 'host-ports',
    fail: (o) => (container(o).ports[0].hostPort = 8080),
    message:
      'ports[0].hostPort = 8080: breaks policy rule "host-ports" (PSS baseline "Host Ports"): container "web" binds host port 8080',
  },
  {
    rule: 'safe-sysctls',
    pass: (o) =>
      (podSpec(o).securityContext.sysctls = [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]),
    fail: (o) => (podSpec(o).securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }]),
    message: 'sysctls[0].name = "net.core.somaxconn": breaks policy rule "safe-sysctls"',
  },
  {
    rule: 'pss-baseline-options',
    pass: (o) => (container(o).securityContext.seLinuxOptions = { type: 'container_t' }),
    fail: (o) => (container(o).securityContext.procMount = 'Unmasked'),
    message:
      'securityContext.procMount = "Unmasked": breaks policy rule "pss-baseline-options" (PSS baseline "/proc Mount Type", "AppArmor", "SELinux"): container "web" unmasks /proc',
  },
  {
    rule: 'namespace-pod-security',
    fail: (o) => (o.namespace.metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'),
    message:
      'Namespace pms metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline": breaks policy rule "namespace-pod-security"',
  },
  {
    rule: 'pod-isolation',
    pass: (o) => {
      o.denyAll.spec.policyTypes = ['Ingress'];
      o.webPolicy.spec.policyTypes = ['Ingress', 'Egress'];
    },
    fail: (o) => {
      o.denyAll.spec.policyTypes = ['Ingress'];
      delete o.dnsPolicy;
    },
    message:
      'Deployment pms/web spec.template.metadata.labels = {"app.kubernetes.io/name":"web","app.kubernetes.io/part-of":"pms"}: breaks policy rule "pod-isolation" (PMS network baseline (kube-linter non-isolated-pod, in both directions)): Deployment pms/web is not isolated for Egress',
  },
  {
    rule: 'dangling-service',
    pass: (o) => (o.service.spec.selector = { 'app.kubernetes.io/name': 'postgres' }),
    fail: (o) => (o.service.spec.selector = { 'app.kubernetes.io/name': 'wbe' }),
    message:
      'Service pms/web spec.selector = {"app.kubernetes.io/name":"wbe"}: breaks policy rule "dangling-service" (kube-linter dangling-service): selects no pods; allowed: the labels of a rendered workload\'s pods or a declared backing service in pms: Deployment pms/web {app.kubernetes.io/name=web,app.kubernetes.io/part-of=pms}; pods of postgres (installed outside this render) {app.kubernetes.io/name=postgres}',
    context: {
      externalPods: [
        { name: 'postgres', namespace: 'pms', labels: { 'app.kubernetes.io/name': 'postgres' } },
      ],
    },
  },
  {
    rule: 'dangling-ingress',
    pass: (o) => (o.ingress.spec.rules[0].http.paths[0].backend.service.port = { name: 'http' }),
    fail: (o) => (o.ingress.spec.rules[0].http.paths[0].backend.service.port = { number: 80 }),
    message:
      'Ingress pms/pms spec.rules[0].http.paths[0].backend = "web:80": breaks policy rule "dangling-ingress" (PMS network baseline): Service pms/web has no port 80; allowed: a port of Service pms/web: http 8080',
  },
  {
    rule: 'dangling-network-policy',
    pass: (o) => (o.webPolicy.spec.ingress[0].from = [{ podSelector: {} }]),
    fail: (o) => (o.webPolicy.spec.podSelector = { matchLabels: { 'app.kubernetes.io/name': 'gone' } }),
    message:
      'NetworkPolicy pms/web spec.podSelector = "app.kubernetes.io/name=gone": breaks policy rule "dangling-network-policy" (kube-linter dangling-networkpolicy, dangling-networkpolicypeer-podselector): selects no pods; allowed: a selector of pods in pms: Deployment pms/web {app.kubernetes.io/name=web,app.kubernetes.io/part-of=pms}',
  },
  {
    rule: 'no-ingress-from-anywhere',
    fail: (o) =>
      (o.webPolicy.spec.ingress[0].from = [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }]),
    message:
      'NetworkPolicy pms/web spec.ingress[0].from[0].ipBlock.cidr = "0.0.0.0/0": breaks policy rule "no-ingress-from-anywhere" (PMS network baseline): the rule admits the whole internet; allowed: the ALB subnets\' CIDRs (10.40.0.0/24, 10.40.1.0/24)',
  },
  {
    rule: 'dns-reaches-coredns',
    pass: (o) =>
      (o.dnsPolicy.spec.egress[0].to[0].podSelector = {
        matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns', 'coredns'] }],
      }),
    fail: (o) => (o.dnsPolicy.spec.egress[0].to[0].podSelector = { matchLabels: { 'k8s-app': 'coredns' } }),
    message:
      'NetworkPolicy pms/allow-dns spec.egress[0].to[0] = {"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"kube-system"}},"podSelector":{"matchLabels":{"k8s-app":"coredns"}}}: breaks policy rule "dns-reaches-coredns" (EKS CoreDNS add-on (pod labels k8s-app: kube-dns, eks.amazonaws.com/component: coredns)): the DNS peer selects pods {k8s-app=coredns}, which EKS\'s CoreDNS (namespace kube-system, pods {k8s-app=kube-dns,eks.amazonaws.com/component=coredns}) does not match, so the pods this policy selects cannot resolve names (53/UDP and 53/TCP to CoreDNS denied); allowed: a peer selecting namespace kube-system, pods {k8s-app=kube-dns,eks.amazonaws.com/component=coredns}, e.g. podSelector k8s-app=kube-dns with namespaceSelector kubernetes.io/metadata.name=kube-system (fix KUBE_DNS_PODS (libs/networking/src/graph-nodes.ts))',
  },
  {
    rule: 'service-type',
    fail: (o) => (o.service.spec.type = 'LoadBalancer'),
    message: 'Service pms/web spec.type = "LoadBalancer": breaks policy rule "service-type"',
  },
  {
    rule: 'alb-annotation-keys',
    pass: (o) =>
      (o.service.metadata.annotations = { 'alb.ingress.kubernetes.io/healthcheck-path': '/healthz' }),
    fail: (o) =>
      (o.service.metadata.annotations = { 'alb.ingress.kubernetes.io/healthcheckPath': '/healthz' }),
    message:
      'Service pms/web metadata.annotations["alb.ingress.kubernetes.io/healthcheckPath"] = "/healthz": breaks policy rule "alb-annotation-keys" (AWS Load Balancer Controller v2.17.1 pkg/annotations/constants.go (unknown keys are ignored silently)): the controller reads no annotation "healthcheckPath" and ignores it silently, so the setting stays at its default (did you mean "alb.ingress.kubernetes.io/healthcheck-path"?); allowed: a key the controller reads (AWS Load Balancer Controller annotations)',
  },
  {
    rule: 'alb-waf-fail-closed',
    pass: (o) => lbAttribute(o, 'waf.fail_open.enabled', 'false'),
    fail: (o) => lbAttribute(o, 'waf.fail_open.enabled', 'true'),
    message:
      'IngressClassParams alb spec.loadBalancerAttributes = "waf.fail_open.enabled=true": breaks policy rule "alb-waf-fail-closed" (ELB API LoadBalancerAttribute waf.fail_open.enabled (default false)): the ALB of Ingress pms/pms forwards requests to the targets uninspected whenever it cannot reach AWS WAF (waf.fail_open.enabled=true); allowed: waf.fail_open.enabled=false (or unset); fix loadBalancerAttributesOf (libs/ingress/src/plan.ts)',
  },
  {
    rule: 'alb-csp',
    pass: (o) =>
      ingressAnnotation(
        o,
        'listener-attributes.HTTPS-443',
        "routing.http.response.content_security_policy.header_value=default-src 'self'",
      ),
    fail: (o) =>
      ingressAnnotation(
        o,
        'listener-attributes.HTTPS-443',
        'routing.http.response.content_security_policy.header_value=default-src "self"',
      ),
    message:
      'Ingress pms/pms metadata.annotations["alb.ingress.kubernetes.io/listener-attributes.HTTPS-443"] = "\\"self\\"": breaks policy rule "alb-csp" (W3C CSP Level 3 §2.2 and §2.3.1): the Content-Security-Policy of HTTPS listener 443 of the ALB of Ingress pms/pms: "self" is not a source expression (keywords take single quotes), so the browser ignores it (did you mean \'self\'?) in default-src',
  },
  {
    rule: 'alb-https-redirect',
    pass: (o) => {
      ingressAnnotation(o, 'listen-ports', '[{"HTTPS":443}]');
      ingressAnnotation(o, 'ssl-redirect', undefined);
    },
    fail: (o) => ingressAnnotation(o, 'ssl-redirect', undefined),
    message:
      'IngressClassParams alb spec.sslRedirectPort = (missing): breaks policy rule "alb-https-redirect" (Security Hub ELB.1): HTTP listener 80 of the ALB of Ingress pms/pms serves requests instead of redirecting them to HTTPS; allowed: ssl-redirect: "443"',
  },
  {
    rule: 'alb-drop-invalid-headers',
    fail: (o) => lbAttribute(o, 'routing.http.drop_invalid_header_fields.enabled', 'false'),
    message:
      'IngressClassParams alb spec.loadBalancerAttributes = "routing.http.drop_invalid_header_fields.enabled=false": breaks policy rule "alb-drop-invalid-headers" (Security Hub ELB.4)',
  },
  {
    rule: 'alb-access-logs',
    fail: (o) =>
      ingressAnnotation(
        o,
        'load-balancer-attributes',
        'access_logs.s3.enabled=true,access_logs.s3.bucket=other-bucket,access_logs.s3.prefix=alb/pms-test',
      ),
    message:
      'Ingress pms/pms metadata.annotations["alb.ingress.kubernetes.io/load-balancer-attributes"] = "other-bucket": breaks policy rule "alb-access-logs" (Security Hub ELB.5): access_logs.s3.bucket is not the cluster\'s access-log bucket (pms-test-alb-logs); allowed: access_logs.s3.enabled=true, access_logs.s3.bucket=pms-test-alb-logs, access_logs.s3.prefix=alb/pms-test (for a bucket managed elsewhere: accessLogs.bucket set to it with accessLogs.external: true)',
  },
  {
    rule: 'alb-deletion-protection',
    fail: (o) => {
      lbAttribute(o, 'deletion_protection.enabled', undefined);
      ingressAnnotation(
        o,
        'load-balancer-attributes',
        'access_logs.s3.enabled=true,access_logs.s3.bucket=pms-test-alb-logs,access_logs.s3.prefix=alb/pms-test',
      );
    },
    message:
      'breaks policy rule "alb-deletion-protection" (Security Hub ELB.6): the ALB of Ingress pms/pms can be deleted (deletion_protection.enabled is unset, default false); allowed: deletion_protection.enabled=true (required in prod)',
  },
  {
    rule: 'alb-ingress-deletion-guard',
    // IngressClassParams still protect the ALB itself: only the Ingress's own annotation guards its deletion.
    fail: (o) =>
      ingressAnnotation(
        o,
        'load-balancer-attributes',
        'access_logs.s3.enabled=true,access_logs.s3.bucket=pms-test-alb-logs,access_logs.s3.prefix=alb/pms-test',
      ),
    message:
      'Ingress pms/pms metadata.annotations["alb.ingress.kubernetes.io/load-balancer-attributes"] = "access_logs.s3.enabled=true,access_logs.s3.bucket=pms-test-alb-logs,access_logs.s3.prefix=alb/pms-test": breaks policy rule "alb-ingress-deletion-guard" (AWS Load Balancer Controller v2.17.1 delete path (pkg/ingress/model_builder.go; issue #4325)): deleting or pruning Ingress pms/pms makes the controller disable deletion protection itself and delete the ALB pms/pms: its delete guard ignores IngressClassParams; allowed: an annotation with deletion_protection.enabled=true (required in prod; ingressLoadBalancerAttributes in libs/ingress/src/ingress-objects.ts writes it)',
  },
  {
    rule: 'argocd-deletion-guard',
    pass: (o) =>
      (o.certificate.metadata.annotations['argocd.argoproj.io/sync-options'] =
        ' Delete=false , Prune=false,SkipDryRunOnMissingResource=true'),
    fail: (o) => (o.webAcl.metadata.annotations['argocd.argoproj.io/sync-options'] = 'Prune=false'),
    message:
      'WebACL pms-aws/pms-test-web-acl metadata.annotations["argocd.argoproj.io/sync-options"] = "Prune=false": breaks policy rule "argocd-deletion-guard" (Argo CD sync options (docs/user-guide/sync-options.md)): lacks Delete=false: Argo CD deletes the object when it leaves Git (Prune) or when the Application is deleted (Delete), and deleting it loses what WebACL holds: the ALB loses its WAF',
  },
  {
    rule: 'ack-retain-stateful',
    fail: (o) => (o.certificate.metadata.annotations['services.k8s.aws/deletion-policy'] = 'delete'),
    message:
      'Certificate pms-aws/pms metadata.annotations["services.k8s.aws/deletion-policy"] = "delete": breaks policy rule "ack-retain-stateful" (ACK runtime deletion policy (apis/core/v1alpha1/annotations.go)): ACK deletes the AWS Certificate whenever the object is deleted (by anyone, not only Argo CD)',
  },
  {
    rule: 'alb-desync-mitigation',
    pass: (o) => lbAttribute(o, 'routing.http.desync_mitigation_mode', 'strictest'),
    fail: (o) => lbAttribute(o, 'routing.http.desync_mitigation_mode', 'monitor'),
    message:
      'breaks policy rule "alb-desync-mitigation" (Security Hub ELB.12): the ALB of Ingress pms/pms uses desync mitigation "monitor"',
  },
  {
    rule: 'alb-multi-az',
    pass: (o) => {
      delete o.params.spec.subnets;
      ingressAnnotation(o, 'subnets', 'subnet-00000000000000002, subnet-00000000000000001');
    },
    fail: (o) => (o.params.spec.subnets = { ids: ['subnet-00000000000000001'] }),
    message:
      'IngressClassParams alb spec.subnets = ["subnet-00000000000000001"]: breaks policy rule "alb-multi-az" (Security Hub ELB.13; PMS network (the NetworkPolicies admit the ALB by its subnets)): the ALB of Ingress pms/pms is placed in 1 subnet; an ALB needs subnets in at least two availability zones',
  },
  {
    rule: 'alb-attribute-syntax',
    pass: (o) =>
      (o.service.metadata.annotations = {
        'alb.ingress.kubernetes.io/target-group-attributes':
          'stickiness.lb_cookie.duration_seconds=86400,a=x\\,y',
      }),
    fail: (o) =>
      (o.service.metadata.annotations = {
        'alb.ingress.kubernetes.io/target-group-attributes':
          'stickiness.enabled=true,least_outstanding_requests',
      }),
    message:
      'Service pms/web metadata.annotations["alb.ingress.kubernetes.io/target-group-attributes"] = "stickiness.enabled=true,least_outstanding_requests": breaks policy rule "alb-attribute-syntax" (AWS Load Balancer Controller annotation grammar): the controller refuses it: "least_outstanding_requests" is not a key=value pair',
  },
  {
    rule: 'alb-waf',
    pass: (o) => {
      delete o.params.spec.wafv2AclName;
      ingressAnnotation(o, 'wafv2-acl-arn', ARN.webAcl);
    },
    fail: (o) => delete o.params.spec.wafv2AclName,
    message:
      'IngressClassParams alb spec.wafv2AclName = (missing): breaks policy rule "alb-waf" (Security Hub ELB.16): the ALB of Ingress pms/pms has no WAFv2 web ACL; allowed: IngressClassParams spec.wafv2AclName (or the Ingress\'s wafv2-acl-name annotation)',
  },
  {
    rule: 'alb-tls-policy',
    pass: (o) => (o.params.spec.sslPolicy = 'ELBSecurityPolicy-TLS13-1-3-2021-06'),
    fail: (o) => (o.params.spec.sslPolicy = 'ELBSecurityPolicy-TLS13-1-0-2021-06'),
    message:
      'IngressClassParams alb spec.sslPolicy = "ELBSecurityPolicy-TLS13-1-0-2021-06": breaks policy rule "alb-tls-policy" (Security Hub ELB.17): HTTPS listener 443 of the ALB of Ingress pms/pms uses ELBSecurityPolicy-TLS13-1-0-2021-06, which accepts TLS 1.0',
  },
  {
    rule: 'waf-managed-rule-groups',
    pass: (o) =>
      (o.webAcl.spec.rules[0].statement.managedRuleGroupStatement.name = 'AWSManagedRulesSQLiRuleSet'),
    fail: (o) =>
      (o.webAcl.spec.rules[0].statement.managedRuleGroupStatement.name = 'AWSManagedRulesSQLIRuleSet'),
    message:
      'WebACL pms-aws/pms-test-web-acl spec.rules[0].statement.managedRuleGroupStatement.name = "AWSManagedRulesSQLIRuleSet": breaks policy rule "waf-managed-rule-groups" (AWS WAF developer guide, AWS Managed Rules rule groups list (AWS rejects an unknown group)): AWS has no managed rule group "AWSManagedRulesSQLIRuleSet", so it rejects the web ACL when ACK creates it (did you mean "AWSManagedRulesSQLiRuleSet"?); allowed: an AWS managed rule group: ',
  },
  {
    rule: 'certificate-in-cluster-account',
    // A certificate pinned on purpose, of the cluster's account and region.
    pass: (o) => ingressAnnotation(o, 'certificate-arn', ARN.certificate),
    fail: (o) =>
      ingressAnnotation(o, 'certificate-arn', ARN.certificate.replace('eu-central-1', 'us-east-1')),
    message:
      'breaks policy rule "certificate-in-cluster-account" (PMS cloud coherence (an ALB can only use ACM certificates of its own region)): the certificate is in region us-east-1, but the cluster is in eu-central-1',
  },
  {
    rule: 'web-acl-in-cluster-account',
    fail: (o) => {
      delete o.params.spec.wafv2AclName;
      o.params.spec.wafv2AclArn = ARN.webAcl.replace('123456789012', '210987654321');
    },
    message:
      'IngressClassParams alb spec.wafv2AclArn = "arn:aws:wafv2:eu-central-1:210987654321:regional/webacl/pms-test-web-acl/5a6b7c8d-9999-4e2f-9a0b-1c2d3e4f5a6b": breaks policy rule "web-acl-in-cluster-account" (PMS cloud coherence (WAFv2 associates only regional ACLs of the same region)): the web ACL belongs to account 210987654321, but the cluster is in account 123456789012',
  },
  {
    rule: 'web-acl-managed',
    // By ARN on purpose: the ARN must name the rendered ACL.
    pass: (o) => {
      delete o.params.spec.wafv2AclName;
      o.params.spec.wafv2AclArn = ARN.webAcl;
    },
    fail: (o) => (o.params.spec.wafv2AclName = 'pms-test-web-acl-v2'),
    message:
      'IngressClassParams alb spec.wafv2AclName = "pms-test-web-acl-v2": breaks policy rule "web-acl-managed" (PMS WAF): no ACK WebACL in this render is named "pms-test-web-acl-v2" (rendered: pms-test-web-acl) (did you mean "pms-test-web-acl"?), so the controller would fail the Ingress with "couldn\'t find WAFv2 WebACL with name: pms-test-web-acl-v2" and create no ALB; allowed: the name of a rendered WebACL: pms-test-web-acl (ingressClassParamsSpec in libs/ingress/src/ingress-objects.ts writes IngressClassParams spec.wafv2AclName and PmsWebAcl in libs/security/src/waf/web-acl.ts names the WebACL, both with webAclName in libs/core/src/k8s/naming.ts)',
  },
  {
    rule: 'access-log-bucket',
    // A bucket managed elsewhere, declared so in the settings.
    pass: (o) => delete o.bucket,
    passCluster: { ...cluster, accessLogs: { ...cluster.accessLogs, external: true } },
    fail: (o) => delete o.bucket,
    message:
      'Ingress pms/pms metadata.annotations["alb.ingress.kubernetes.io/load-balancer-attributes"] = "access_logs.s3.bucket=pms-test-alb-logs": breaks policy rule "access-log-bucket" (ALB user guide, enable-access-logging (bucket requirements, bucket policy); PMS access logs): no ACK Bucket in this render creates the access-log bucket "pms-test-alb-logs" (rendered: none), so ELB could not write the logs and the ALB would get no listeners; allowed: a Bucket named pms-test-alb-logs rendered by this cluster, or accessLogs.external: true in the settings for a bucket managed elsewhere',
  },
  {
    rule: 'certificate-covers-host',
    pass: (o) => {
      o.certificate.spec.subjectAlternativeNames = ['*.pms.example.com'];
      o.ingress.spec.rules[0].host = 'api.pms.example.com';
    },
    fail: (o) => (o.ingress.spec.rules[0].host = 'api.pms.example.com'),
    message:
      'Ingress pms/pms spec.rules[0].host = "api.pms.example.com": breaks policy rule "certificate-covers-host" (PMS TLS): no rendered certificate covers the host (certificates cover: pms.example.com)',
  },
  {
    rule: 'ack-in-cluster-region',
    pass: (o) => (o.namespace.metadata.annotations = { 'services.k8s.aws/default-region': 'eu-central-1' }),
    fail: (o) => (o.namespace.metadata.annotations = { 'services.k8s.aws/owner-account-id': '210987654321' }),
    message:
      'Namespace pms metadata.annotations["services.k8s.aws/owner-account-id"] = "210987654321": breaks policy rule "ack-in-cluster-region"',
  },
  {
    rule: 'controller-permissions',
    pass: (o) => {
      ingressAnnotation(o, 'auth-type', 'none');
      o.service.metadata.annotations = { 'alb.ingress.kubernetes.io/auth-type': 'oidc' };
    },
    fail: (o) => ingressAnnotation(o, 'auth-type', 'cognito'),
    message:
      'breaks policy rule "controller-permissions" (PMS controller IAM (documented omissions)): Cognito authentication needs cognito-idp:DescribeUserPoolClient, which the controller policy omits',
  },
  {
    rule: 'policy-exception',
    pass: (o) => {
      container(o).securityContext.readOnlyRootFilesystem = false;
      o.deployment.metadata.annotations = {
        [`${POLICY_EXCEPTION_PREFIX}read-only-root-fs`]: 'legacy image writes /var/cache',
      };
    },
    fail: (o) =>
      (o.deployment.metadata.annotations = { [`${POLICY_EXCEPTION_PREFIX}read-only-rootfs`]: 'typo' }),
    message:
      'Deployment pms/web metadata.annotations["pms.example.com/policy-exception.read-only-rootfs"] = "typo": breaks policy rule "policy-exception" (this gate): "read-only-rootfs" is not a rule of the policy gate',
  },
];

function build(mutate?: (o: Objects) => void): Manifest[] {
  const objects = compliantObjects();
  mutate?.(objects);
  return manifestsOf(objects);
}

/** The gate's refusal: a `ConfigError` for one finding, `ConfigErrors` for several (`throwIfAny`). */
function gateError(
  manifests: Manifest[],
  context?: PolicyGateContext,
): { readonly message: string; readonly issues: readonly ConfigIssue[] } {
  try {
    runPolicyGate(cluster, manifests, context);
  } catch (error) {
    const issues = issuesOf(error);
    if (issues) return { message: (error as Error).message, issues };
    throw error;
  }
  throw new Error('the gate passed');
}

describe('policy gate', () => {
  it('passes the compliant fixture with no finding', () => {
    expect(collectFindings(cluster, build())).toEqual([]);
    expect(runPolicyGate(cluster, build()).exceptions).toEqual([]);
  });

  it('flags an escape the controller would silently drop (alb-attribute-syntax)', () => {
    const objects = compliantObjects();
    objects.service.metadata.annotations = {
      'alb.ingress.kubernetes.io/target-group-attributes': 'stickiness.app_cookie.cookie_name=PMS\\SESSION',
    };
    const findings = collectFindings(cluster, manifestsOf(objects));
    expect(findings.map((f) => [f.rule, f.problem])).toEqual([
      [
        'alb-attribute-syntax',
        '"\\S" is not an escape: the controller reads it as "S" and drops the backslash',
      ],
    ]);
  });

  it('has a passing and a failing case for every rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(POLICY_RULE_LIST.map((r) => r.id).sort());
  });

  describe.each(CASES)('rule $rule', (testCase) => {
    it('passes a compliant object', () => {
      expect(() =>
        runPolicyGate(testCase.passCluster ?? cluster, build(testCase.pass), testCase.context),
      ).not.toThrow();
    });

    it('fails a breaking object, naming the object, the rule and the fix', () => {
      const error = gateError(build(testCase.fail), testCase.context);
      const issues = error.issues.filter((issue) =>
        issue.problem?.includes(`policy rule "${testCase.rule}"`),
      );
      expect(issues.length).toBeGreaterThan(0);
      expect(error.message).toContain(testCase.message);
      expect(error.message).toMatch(/^\[pms-test\] /);
    });
  });

  it('reads the pod template of every workload kind', () => {
    const error = gateError(
      build((o) => {
        const template = structuredClone(o.deployment.spec.template);
        template.spec.containers[0].image = 'busybox:latest';
        template.spec.restartPolicy = 'OnFailure';
        o.cronJob = {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'cleanup', namespace: 'pms' },
          spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template } } },
        };
      }),
    );
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'CronJob pms/cleanup spec.jobTemplate.spec.template.spec.containers[0].image',
    ]);
    expect(error.message).toContain('container "web" uses the moving tag "latest"');
  });

  it('reports every finding of a render at once', () => {
    const error = gateError(
      build((o) => {
        container(o).image = 'web:latest';
        o.service.spec.type = 'NodePort';
      }),
    );
    expect(error.issues.map((issue) => issue.problem?.match(/rule "([^"]+)"/)?.[1])).toEqual([
      'pinned-image',
      'service-type',
    ]);
  });

  it('tells how to accept a finding with a reasoned exception', () => {
    expect(gateError(build((o) => (o.service.spec.type = 'NodePort'))).message).toContain(
      'or accept it with the annotation pms.example.com/policy-exception.service-type: "<reason>" on Service pms/web',
    );
  });

  it('accepts a finding with a reasoned exception and reports it for the README', () => {
    const report = runPolicyGate(cluster, build(CASES.find((c) => c.rule === 'policy-exception')!.pass));
    expect(report.exceptions).toEqual([
      {
        rule: 'read-only-root-fs',
        object: 'Deployment pms/web',
        fields: ['spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem'],
        reason: 'legacy image writes /var/cache',
      },
    ]);
    const docs = policyGateDocs(report);
    expect(docs.body).toContain('| Deployment pms/web | `read-only-root-fs` |');
    expect(docs.body).toContain('legacy image writes /var/cache');
  });

  it('refuses an exception without a reason, and the finding stays', () => {
    const error = gateError(
      build((o) => {
        container(o).securityContext.readOnlyRootFilesystem = false;
        o.deployment.metadata.annotations = { [`${POLICY_EXCEPTION_PREFIX}read-only-root-fs`]: '  ' };
      }),
    );
    expect(error.message).toContain(
      'breaks policy rule "policy-exception" (this gate): the exception gives no reason',
    );
    expect(error.message).toContain('breaks policy rule "read-only-root-fs"');
  });

  it('throws one finding as a ConfigError, as every single issue of a render is thrown', () => {
    const manifests = build((o) => (o.service.spec.type = 'NodePort'));
    expect(collectFindings(cluster, manifests)).toHaveLength(1);
    expect(() => runPolicyGate(cluster, manifests)).toThrow(ConfigError);
  });

  it('refuses any exception to an invariant, and keeps its finding', () => {
    const error = gateError(
      build((o) => {
        lbAttribute(o, 'waf.fail_open.enabled', 'true');
        o.params.metadata.annotations = {
          [`${POLICY_EXCEPTION_PREFIX}alb-waf-fail-closed`]: 'WAF outages must not take the site down',
        };
      }),
    );
    expect(error.message).toContain(
      '"alb-waf-fail-closed" is a platform invariant: no exception accepts its findings; allowed: no exception annotation: fix the source the finding names',
    );
    expect(error.message).toContain('breaks policy rule "alb-waf-fail-closed"');
    expect(error.message).not.toContain('or accept it with the annotation');
  });

  it('reports one mistake shared by several objects once, naming each object', () => {
    const error = gateError(
      build((o) => {
        const other = structuredClone(o.dnsPolicy);
        other.metadata.name = 'allow-dns-2';
        o.otherDns = other;
        for (const policy of [o.dnsPolicy, other])
          policy.spec.egress[0].to[0].podSelector = { matchLabels: { 'k8s-app': 'coredns' } };
      }),
    );
    const dns = error.issues.filter((i) => i.problem?.includes('"dns-reaches-coredns"'));
    expect(dns).toHaveLength(1);
    expect(dns[0]!.field).toBe(
      'NetworkPolicy pms/allow-dns spec.egress[0].to[0], NetworkPolicy pms/allow-dns-2 spec.egress[0].to[0]',
    );
  });

  it('reads annotation keys on every kind: load-balancer keys on a Service and ALB keys elsewhere are ignored', () => {
    const onService = gateError(
      build((o) => (o.service.metadata.annotations = { 'alb.ingress.kubernetes.io/ssl-policy': 'x' })),
    );
    expect(onService.message).toContain(
      'the controller reads "ssl-policy" from the Ingress only, so it ignores it on a Service',
    );
    const onDeployment = gateError(
      build(
        (o) => (o.deployment.metadata.annotations = { 'alb.ingress.kubernetes.io/healthcheck-path': '/x' }),
      ),
    );
    expect(onDeployment.message).toContain(
      'the controller reads its annotations from Ingresses and Services only, so it ignores this one on a Deployment',
    );
  });

  it('names the AlbAnnotation member that spells an unknown key', () => {
    expect(
      collectFindings(
        cluster,
        build((o) => (o.ingress.metadata.annotations['alb.ingress.kubernetes.io/ssl-redirect '] = '443')),
      ).map((f) => f.rule),
    ).toEqual(['alb-annotation-keys']);
  });

  it('blames the pod when no rule of its egress policies allows DNS at all', () => {
    const error = gateError(build((o) => delete o.dnsPolicy));
    expect(error.message).toContain(
      'Deployment pms/web is isolated for egress by NetworkPolicy pms/default-deny, and no rule of them allows 53/UDP and 53/TCP to CoreDNS, so it cannot resolve names',
    );
  });

  it('refuses an exception that accepts nothing', () => {
    const error = gateError(
      build(
        (o) =>
          (o.service.metadata.annotations = { [`${POLICY_EXCEPTION_PREFIX}service-type`]: 'was NodePort' }),
      ),
    );
    expect(error.message).toContain(
      'the object does not break rule "service-type", so the exception accepts nothing; allowed: no pms.example.com/policy-exception.service-type annotation: exceptions only on objects that break the rule',
    );
  });

  it('holds pods installed from charts to the isolation rule', () => {
    const context = {
      externalPods: [{ name: 'redis', namespace: 'pms', labels: { 'app.kubernetes.io/name': 'redis' } }],
    };
    expect(() => runPolicyGate(cluster, build(), context)).not.toThrow();
    const error = gateError(
      build((o) => {
        o.denyAll.spec.podSelector = { matchLabels: { 'app.kubernetes.io/part-of': 'pms' } };
        o.dnsPolicy.spec.podSelector = { matchLabels: { 'app.kubernetes.io/part-of': 'pms' } };
      }),
      context,
    );
    expect(error.message).toContain(
      'Pod pms/redis-* labels = {"app.kubernetes.io/name":"redis"}: breaks policy rule "pod-isolation"',
    );
    expect(error.message).toContain('pods of redis (installed outside this render) is not isolated at all');
  });

  it('flags an ingress rule without "from" and a block outside the VPC', () => {
    const noFrom = gateError(build((o) => delete o.webPolicy.spec.ingress[0].from));
    expect(noFrom.message).toContain(
      'the rule has no "from", so it admits every source, the internet included',
    );
    const outside = gateError(
      build((o) => (o.webPolicy.spec.ingress[0].from = [{ ipBlock: { cidr: '192.0.2.0/24' } }])),
    );
    expect(outside.message).toContain(
      'the block is not inside the VPC 10.40.0.0/16, so it admits addresses from outside',
    );
  });

  it('requires an HTTPS listener and a TLS 1.3 policy (the controller default has none)', () => {
    const httpOnly = gateError(build((o) => ingressAnnotation(o, 'listen-ports', '[{"HTTP":80}]')));
    expect(httpOnly.message).toContain('the ALB of Ingress pms/pms has no HTTPS listener');
    const defaultPolicy = gateError(build((o) => delete o.params.spec.sslPolicy));
    expect(defaultPolicy.message).toContain(
      'uses ELBSecurityPolicy-2016-08, which offers no TLS 1.3 and accepts TLS 1.0',
    );
  });

  it('does not require deletion protection outside prod unless the settings ask for it', () => {
    const dev = { ...cluster, environment: 'dev' as const, deletionProtection: false };
    expect(() =>
      runPolicyGate(
        dev,
        build((o) => lbAttribute(o, 'deletion_protection.enabled', undefined)),
      ),
    ).not.toThrow();
  });

  it('accepts certificate discovery from the host, and refuses an HTTPS listener with neither an ARN nor a host', () => {
    expect(
      collectFindings(cluster, build()).filter((f) => f.rule === 'certificate-in-cluster-account'),
    ).toEqual([]);
    const error = gateError(build((o) => delete o.ingress.spec.rules[0].host));
    expect(error.message).toContain(
      'HTTPS listener 443 names no certificate and its Ingresses have no host to discover one for',
    );
  });

  describe('access-log-bucket reads the rendered bucket', () => {
    const problemsOf = (mutate: (o: Objects) => void) =>
      collectFindings(cluster, build(mutate))
        .filter((f) => f.rule === 'access-log-bucket')
        .map((f) => `${f.field}: ${f.problem}`);

    it('refuses SSE-KMS, which ALB access logs do not support', () => {
      expect(
        problemsOf(
          (o) =>
            (o.bucket.spec.encryption.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm = 'aws:kms'),
        ),
      ).toEqual([
        'spec.encryption.rules: ALB access logs support only SSE-S3 (Amazon S3-managed keys) as default encryption',
      ]);
    });

    it("refuses a policy for another region's ELB account", () => {
      const [problem] = problemsOf((o) => {
        // us-east-1's ELB account instead of eu-central-1's.
        o.bucket.spec.policy = o.bucket.spec.policy.replace('054676820928', '127311923021');
      });
      expect(problem).toBe(
        'spec.policy: the bucket policy does not let {"AWS":"arn:aws:iam::054676820928:root"} put objects on arn:aws:s3:::pms-test-alb-logs/alb/pms-test/AWSLogs/123456789012/*, so ELB cannot deliver the access logs in eu-central-1',
      );
    });

    it('refuses a policy that does not reach the prefix the ALB writes to', () => {
      expect(
        problemsOf((o) => (o.bucket.spec.policy = o.bucket.spec.policy.replace('alb/pms-test', 'alb/other'))),
      ).toHaveLength(1);
    });
  });

  describe('alb-multi-az reads the subnets from the rendered objects', () => {
    const problemsOf = (mutate: (o: Objects) => void) =>
      collectFindings(cluster, build(mutate))
        .filter((f) => f.rule === 'alb-multi-az')
        .map((f) => `${f.object.kind} ${f.field} = ${JSON.stringify(f.value)}: ${f.problem}`);

    it('fails an ALB whose subnets are left to discovery', () => {
      expect(problemsOf((o) => delete o.params.spec.subnets)).toEqual([
        'IngressClassParams spec.subnets = undefined: the ALB of Ingress pms/pms does not pin its subnets: the controller discovers them by tags, so the ALB may get addresses outside the ALB subnets the NetworkPolicies admit',
      ]);
    });

    it("fails two subnets that are not exactly the settings' ALB subnets", () => {
      expect(
        problemsOf((o) => (o.params.spec.subnets = { ids: ['subnet-00000000000000001', 'subnet-0a'] })),
      ).toEqual([
        'IngressClassParams spec.subnets = ["subnet-00000000000000001","subnet-0a"]: the ALB of Ingress pms/pms is not placed in exactly the cluster\'s ALB subnets (subnet-0a is not an ALB subnet of the settings; subnet-00000000000000002 is missing), so the NetworkPolicies\' ALB ipBlocks are not the ALB\'s addresses',
      ]);
    });

    it('fails two subnets of one availability zone (an ALB takes one subnet per zone)', () => {
      const [first] = cluster.vpc.albSubnets;
      const extra = {
        id: 'subnet-00000000000000003',
        availabilityZone: first!.availabilityZone,
        cidr: '10.40.2.0/24',
      };
      const crowded = { ...cluster, vpc: { ...cluster.vpc, albSubnets: [...cluster.vpc.albSubnets, extra] } };
      const findings = collectFindings(
        crowded,
        build((o) => (o.params.spec.subnets = { ids: crowded.vpc.albSubnets.map((s) => s.id) })),
      ).filter((f) => f.rule === 'alb-multi-az');
      expect(findings.map((f) => f.problem)).toEqual([
        `the ALB of Ingress pms/pms is placed in several subnets of one availability zone (${first!.availabilityZone}: ${first!.id}, ${extra.id}); an ALB takes one subnet per zone, so the controller cannot create it`,
      ]);
    });

    it('fails subnets selected by tags, and Name tags in the annotation', () => {
      expect(problemsOf((o) => (o.params.spec.subnets = { tags: { tier: ['public'] } }))).toEqual([
        'IngressClassParams spec.subnets = {"ids":[],"tags":{"tier":["public"]}}: the ALB of Ingress pms/pms selects its subnets by tags, so its addresses are not pinned to the ALB subnets the NetworkPolicies admit',
      ]);
      expect(
        problemsOf((o) => {
          delete o.params.spec.subnets;
          ingressAnnotation(o, 'subnets', 'subnet-00000000000000001, public-b');
        }),
      ).toEqual([
        'Ingress metadata.annotations["alb.ingress.kubernetes.io/subnets"] = ["subnet-00000000000000001","public-b"]: the ALB of Ingress pms/pms is not placed in exactly the cluster\'s ALB subnets (public-b is not an ALB subnet of the settings; subnet-00000000000000002 is missing), so the NetworkPolicies\' ALB ipBlocks are not the ALB\'s addresses',
      ]);
    });
  });

  it('refuses Cognito authentication on a backend Service too (the controller reads auth-type there)', () => {
    const error = gateError(
      build((o) => (o.service.metadata.annotations = { 'alb.ingress.kubernetes.io/auth-type': 'cognito' })),
    );
    expect(error.message).toContain(
      'Service pms/web metadata.annotations["alb.ingress.kubernetes.io/auth-type"] = "cognito": breaks policy rule "controller-permissions"',
    );
  });
});
