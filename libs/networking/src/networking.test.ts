import {
  CLUSTER_CONTEXT_KEY,
  ConfigError,
  formatIssue,
  issuesOf,
  parseCidr,
  formatIpv4,
  renderReadme,
  SYNC_WAVE_ANNOTATION,
  SyncWave,
  type Manifest,
} from '@pms/core';
import { describe, expect, it } from 'vitest';
import { findService, PMS_SERVICES, serviceSelectorOf, workloadOf, WORKLOADS } from './catalogue.js';
import {
  clusterEndpoints,
  clusterReachability,
  checkReachability,
  declaredConnections,
  INTERNET_ENDPOINT,
  OTHER_NAMESPACE_ENDPOINT,
  OTHER_NAMESPACE_POD,
  proveReachability,
  VPC_ENDPOINT,
} from './cluster-reachability.js';
import { DENIED, NOT_GOVERNED, REACHABILITY_TITLE } from './docs.js';
import { ALB, KUBE_APISERVER, KUBE_DNS, PMS_GRAPH } from './graph.js';
import { externalNodes, kubeApiServerAddresses } from './graph-nodes.js';
import { PMS_NAMESPACE } from './namespace.js';
import { formatPorts } from './port-set.js';
import {
  canConnect,
  evaluateConnection,
  mayConnect,
  networkPoliciesOf,
  type Connection,
  type Endpoint,
} from './reachability.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

/** What the ALB is admitted to by the graph: destination and port of every `alb → …` edge. */
const ALB_TARGETS = PMS_GRAPH.edges.filter((e) => e.from === ALB).map((e) => [e.to, e.port] as const);

const find = (manifests: readonly Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${kind} ${name} not rendered`);
  return found as Manifest & { spec: any; data?: any };
};

describe.each(TEST_CLUSTERS)('on $cluster.name', (test) => {
  const { networking, manifests } = renderNetworking(test);
  const policies = networkPoliciesOf(manifests);
  const endpoints = clusterEndpoints(test.cluster);
  const endpoint = (name: string) => endpoints.find((e) => e.name === name)!;
  const albCidrs = test.cluster.vpc.albSubnets.map((s) => s.cidr);

  const pairs = (connections: readonly Connection[]) =>
    Object.fromEntries(connections.map((c) => [`${c.from} → ${c.to}`, formatPorts(c.ports)]));
  const podCidrs = test.cluster.vpc.podSubnets;

  it('allows exactly the declared graph, for every address of every end: guaranteed = possible = declared', () => {
    expect(proveReachability(test.cluster, manifests, PMS_GRAPH)).toEqual({ missing: [], unexpected: [] });
    const declared = pairs(declaredConnections(PMS_GRAPH));
    expect(pairs(clusterReachability(test.cluster, manifests, 'any'))).toEqual(declared);
    expect(pairs(clusterReachability(test.cluster, manifests, 'all'))).toEqual(declared);
  });

  it('gives every pod endpoint the pod-subnet addresses, the other namespace pod included', () => {
    for (const e of endpoints.filter((e) => e.pod)) expect(e.addresses, e.name).toEqual(podCidrs);
    expect(endpoint(OTHER_NAMESPACE_ENDPOINT).pod).toEqual(OTHER_NAMESPACE_POD);
    expect(endpoint(ALB).addresses).toEqual(albCidrs);
    expect(endpoint(KUBE_APISERVER).addresses).toEqual(kubeApiServerAddresses(test.cluster.vpc));
    expect(endpoints.map((e) => e.name)).toEqual([
      ...PMS_SERVICES.map((s) => s.name),
      ...externalNodes().map((n) => n.name),
      VPC_ENDPOINT,
      INTERNET_ENDPOINT,
      OTHER_NAMESPACE_ENDPOINT,
    ]);
  });

  /** The pod endpoints outside namespace pms (kube-dns, the operators, another namespace's pod). */
  const outsidePods = endpoints.filter((e) => e.pod && e.pod.namespace !== PMS_NAMESPACE).map((e) => e.name);

  it('denies a pod of another namespace every port the ALB is admitted to, at every pod-subnet address, though ipBlocks admit the ALB', () => {
    expect(policies.some((p) => p.spec?.ingress?.some((r) => r.from?.some((peer) => peer.ipBlock)))).toBe(
      true,
    );
    expect(ALB_TARGETS.length).toBeGreaterThan(0);
    for (const [to, port] of ALB_TARGETS) {
      expect(mayConnect(policies, endpoint(OTHER_NAMESPACE_ENDPOINT), endpoint(to), port)).toBe(false);
      for (const text of podCidrs) {
        const cidr = parseCidr(text)!;
        for (const address of [cidr.network, cidr.last]) {
          const pod: Endpoint = { ...endpoint(OTHER_NAMESPACE_ENDPOINT), addresses: [formatIpv4(address)] };
          expect(mayConnect(policies, pod, endpoint(to), port), `${formatIpv4(address)} → ${to}`).toBe(false);
        }
      }
    }
  });

  /** The rendered objects with one rule added to the named policy. */
  const withRule = (name: string, direction: 'ingress' | 'egress', rule: object): Manifest[] =>
    manifests.map((m) =>
      m.kind === 'NetworkPolicy' && m.metadata.name === name
        ? { ...m, spec: { ...(m as any).spec, [direction]: [...((m as any).spec[direction] ?? []), rule] } }
        : m,
    );
  const unexpectedPairs = (tampered: readonly Manifest[]) =>
    pairs(proveReachability(test.cluster, tampered, PMS_GRAPH).unexpected);

  it('proves an ipBlock of the pod subnets open to pods: every pod that could use such an address', () => {
    const tampered = withRule('frontend', 'ingress', {
      from: [{ ipBlock: { cidr: podCidrs[0] } }],
      ports: [{ protocol: 'TCP', port: 80 }],
    });
    expect(outsidePods).toContain(OTHER_NAMESPACE_ENDPOINT);
    expect(unexpectedPairs(tampered)).toEqual(
      Object.fromEntries([...outsidePods, VPC_ENDPOINT].map((from) => [`${from} → frontend`, '80/TCP'])),
    );
  });

  it('proves an egress ipBlock of the pod subnets open towards pods outside the namespace', () => {
    const tampered = withRule('frontend', 'egress', { to: [{ ipBlock: { cidr: podCidrs[0] } }] });
    const everything = 'any/TCP, any/UDP, any/SCTP';
    expect(unexpectedPairs(tampered)).toEqual(
      Object.fromEntries(
        [...outsidePods, VPC_ENDPOINT].map((to) => [
          `frontend → ${to}`,
          // frontend → kube-dns 53 is declared: the rest of its ports is new.
          to === KUBE_DNS ? '1-52/TCP, 54-65535/TCP, 1-52/UDP, 54-65535/UDP, any/SCTP' : everything,
        ]),
      ),
    );
  });

  it('proves a rule admitting part of an ALB subnet open: some ALB address may use it', () => {
    const first = parseCidr(albCidrs[0]!)!;
    const half = `${formatIpv4(first.network)}/${first.prefix + 1}`;
    const tampered = withRule('auth', 'ingress', {
      from: [{ ipBlock: { cidr: half } }],
      ports: [{ protocol: 'TCP', port: 8081 }],
    });
    expect(unexpectedPairs(tampered)).toEqual({ 'alb → auth': '8081/TCP' });
    expect(canConnect(networkPoliciesOf(tampered), endpoint(ALB), endpoint('auth'), 8081)).toBe(false);
    expect(mayConnect(networkPoliciesOf(tampered), endpoint(ALB), endpoint('auth'), 8081)).toBe(true);
  });

  it('reports a declared edge open to only part of the ALB subnets as missing', () => {
    const tampered = manifests.map((m) =>
      m.kind === 'NetworkPolicy' && m.metadata.name === 'frontend'
        ? {
            ...m,
            spec: {
              ...(m as any).spec,
              ingress: (m as any).spec.ingress.map((r: any) => ({
                ...r,
                from: r.from.filter((peer: any) => peer.ipBlock?.cidr !== albCidrs[0]),
              })),
            },
          }
        : m,
    );
    expect(pairs(proveReachability(test.cluster, tampered, PMS_GRAPH).missing)).toEqual({
      'alb → frontend': '80/TCP',
    });
  });

  it('allows every declared edge, DNS and the ALB included', () => {
    for (const edge of PMS_GRAPH.edges) {
      expect(
        canConnect(policies, endpoint(edge.from), endpoint(edge.to), edge.port, edge.protocol),
        JSON.stringify(edge),
      ).toBe(true);
    }
  });

  it('lets every pod resolve DNS over UDP and TCP, in one peer selecting kube-dns in kube-system', () => {
    for (const service of PMS_SERVICES) {
      expect(canConnect(policies, endpoint(service.name), endpoint(KUBE_DNS), 53, 'UDP')).toBe(true);
      expect(canConnect(policies, endpoint(service.name), endpoint(KUBE_DNS), 53, 'TCP')).toBe(true);
      const dnsRules = (find(manifests, 'NetworkPolicy', service.name).spec.egress as any[]).filter((r) =>
        r.ports.some((p: any) => p.port === 53),
      );
      expect(dnsRules).toEqual([
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
      ]);
    }
    const elsewhere: Endpoint = {
      name: 'dns-elsewhere',
      pod: { namespace: 'default', labels: { 'k8s-app': 'kube-dns' } },
    };
    expect(mayConnect(policies, endpoint('frontend'), elsewhere, 53, 'UDP')).toBe(false);
  });

  it('admits the ALB to the targets of its graph edges from every address of its subnets, and from nowhere else', () => {
    for (const [to, port] of ALB_TARGETS) {
      expect(canConnect(policies, endpoint(ALB), endpoint(to), port)).toBe(true);
      for (const text of albCidrs) {
        const cidr = parseCidr(text)!;
        for (const address of [cidr.network, cidr.last]) {
          expect(
            canConnect(policies, { name: 'alb-ip', addresses: [formatIpv4(address)] }, endpoint(to), port),
          ).toBe(true);
          expect(
            canConnect(
              policies,
              { name: 'alb-ip', addresses: [formatIpv4(address)] },
              endpoint(to),
              port + 1,
            ),
          ).toBe(false);
        }
        for (const address of [cidr.network - 1, cidr.last + 1].filter(
          (a) => !albCidrs.some((c) => parseCidr(c)!.network <= a && a <= parseCidr(c)!.last),
        )) {
          expect(
            canConnect(policies, { name: 'next-door', addresses: [formatIpv4(address)] }, endpoint(to), port),
          ).toBe(false);
        }
      }
      expect(mayConnect(policies, endpoint(VPC_ENDPOINT), endpoint(to), port)).toBe(false);
      expect(mayConnect(policies, endpoint(INTERNET_ENDPOINT), endpoint(to), port)).toBe(false);
      expect(mayConnect(policies, endpoint(OTHER_NAMESPACE_ENDPOINT), endpoint(to), port)).toBe(false);
    }
    const ipBlocks = policies
      .flatMap((p) => [
        ...(p.spec?.ingress ?? []).flatMap((r) => r.from ?? []),
        ...(p.spec?.egress ?? []).flatMap((r) => r.to ?? []),
      ])
      .filter((peer) => peer.ipBlock)
      .map((peer) => peer.ipBlock);
    // The only ipBlocks: the ALB subnets (ingress) and the API server (egress, from the pods that call it).
    expect(new Set(ipBlocks.map((b) => JSON.stringify(b)))).toEqual(
      new Set(
        [...albCidrs, ...kubeApiServerAddresses(test.cluster.vpc)].map((cidr) => JSON.stringify({ cidr })),
      ),
    );
  });

  it('lets only the pods with a graph edge to the API server reach it, on 443/TCP only, at every address', () => {
    const callers = new Set(PMS_GRAPH.edges.filter((e) => e.to === KUBE_APISERVER).map((e) => e.from));
    expect(callers.size).toBeGreaterThan(0);
    for (const service of PMS_SERVICES) {
      const ports = formatPorts(
        evaluateConnection(policies, endpoint(service.name), endpoint(KUBE_APISERVER), 'any').ports,
      );
      expect(ports, service.name).toBe(callers.has(service.name) ? '443/TCP' : DENIED);
      if (!callers.has(service.name)) continue;
      for (const address of kubeApiServerAddresses(test.cluster.vpc)) {
        const cidr = parseCidr(address)!;
        for (const ip of [cidr.network, cidr.last]) {
          const at: Endpoint = { name: 'api', addresses: [formatIpv4(ip)] };
          expect(
            canConnect(policies, endpoint(service.name), at, 443),
            `${service.name} → ${formatIpv4(ip)}`,
          ).toBe(true);
        }
      }
    }
  });

  it('admits each operator only to the pods of the services its project runs, on the declared ports', () => {
    for (const node of externalNodes().filter((n) => n.kind === 'pods' && n.name !== KUBE_DNS)) {
      const declared = PMS_GRAPH.edges.filter((e) => e.from === node.name);
      expect(declared.length, node.name).toBeGreaterThan(0);
      for (const service of PMS_SERVICES) {
        const ports = evaluateConnection(policies, endpoint(node.name), endpoint(service.name), 'any').ports;
        const expected = declared.filter((e) => e.to === service.name);
        expect(formatPorts(ports), `${node.name} → ${service.name}`).toBe(
          expected.length === 0 ? DENIED : formatPorts(declaredConnections({ edges: expected })[0]!.ports),
        );
      }
    }
  });

  it('denies the ALB every service it has no graph edge to (every backing service among them), on every port', () => {
    const behindAlb = new Set(ALB_TARGETS.map(([to]) => to));
    const others = PMS_SERVICES.map((s) => s.name).filter((name) => !behindAlb.has(name));
    expect(others).toEqual(
      expect.arrayContaining(PMS_SERVICES.filter((s) => s.kind === 'backing').map((s) => s.name)),
    );
    for (const name of others) {
      expect(formatPorts(evaluateConnection(policies, endpoint(ALB), endpoint(name), 'any').ports)).toBe('-');
    }
  });

  it('denies egress to the internet and the rest of the VPC from every pod', () => {
    for (const service of PMS_SERVICES) {
      for (const to of [
        endpoint(INTERNET_ENDPOINT),
        endpoint(VPC_ENDPOINT),
        endpoint(ALB),
        { name: 'public', addresses: ['1.1.1.1'] },
      ]) {
        expect(
          formatPorts(evaluateConnection(policies, endpoint(service.name), to, 'any').ports),
          `${service.name} → ${to.name}`,
        ).toBe('-');
      }
    }
  });

  it('isolates every PMS pod in both directions', () => {
    for (const service of PMS_SERVICES) {
      const verdict = evaluateConnection(policies, endpoint(service.name), endpoint(service.name), 'all');
      expect(verdict.egress.isolated && verdict.ingress.isolated, service.name).toBe(true);
    }
  });

  it('renders a default deny with explicit policy types and one policy per service, named after it', () => {
    expect(find(manifests, 'NetworkPolicy', 'default-deny').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(policies.map((p) => p.metadata.name).sort()).toEqual(
      ['default-deny', ...PMS_SERVICES.map((s) => s.name)].sort(),
    );
    for (const service of PMS_SERVICES) {
      const spec = find(manifests, 'NetworkPolicy', service.name).spec;
      expect(spec.podSelector).toEqual({ matchLabels: service.podLabels });
      expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    }
  });

  it('renders a ClusterIP Service per catalogue entry whose port equals the container port', () => {
    expect([...networking.services.keys()]).toEqual(PMS_SERVICES.map((s) => s.name));
    for (const service of PMS_SERVICES) {
      const rendered = find(manifests, 'Service', service.name);
      expect(networking.services.get(service.name)!.kind).toBe('Service');
      expect(rendered.spec).toMatchObject({
        type: 'ClusterIP',
        selector: serviceSelectorOf(service),
        ports: [{ name: service.portName, port: service.port, targetPort: service.port, protocol: 'TCP' }],
      });
      if (service.kind === 'workload') {
        const container = find(manifests, 'Deployment', service.name).spec.template.spec.containers[0];
        expect(container.ports).toEqual([
          { name: service.portName, containerPort: service.port, protocol: 'TCP' },
        ]);
      }
    }
  });

  it('renders every workload with the catalogue pod labels, the health probes, the settings and the restricted context', () => {
    for (const name of WORKLOADS) {
      const service = PMS_SERVICES.find((s) => s.name === name)!;
      const deployment = find(manifests, 'Deployment', name).spec;
      expect(deployment.template.metadata.labels).toEqual(service.podLabels);
      expect(deployment.selector).toEqual({ matchLabels: service.podLabels });
      expect(deployment.replicas).toBeUndefined();
      const container = deployment.template.spec.containers[0];
      const settings = test.networking.workloads[name];
      expect(container.image).toBe(`${settings.image.repository}:${settings.image.tag}`);
      const health = workloadOf(name).health;
      for (const [rendered, values] of [
        [container.readinessProbe, health.readiness],
        [container.livenessProbe, health.liveness],
      ] as const) {
        expect(rendered).toEqual({
          httpGet: { path: values.path, port: service.port, scheme: 'HTTP' },
          initialDelaySeconds: values.initialDelaySeconds,
          periodSeconds: values.periodSeconds,
          timeoutSeconds: values.timeoutSeconds,
          successThreshold: values.successThreshold,
          failureThreshold: values.failureThreshold,
        });
      }
      expect(container.resources.requests.cpu).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(deployment.template.spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      expect(deployment.template.spec.topologySpreadConstraints[0]).toMatchObject({
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: service.podLabels },
      });
      expect(find(manifests, 'HorizontalPodAutoscaler', name).spec).toMatchObject({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: settings.scaling.minReplicas,
        maxReplicas: settings.scaling.maxReplicas,
      });
      expect(find(manifests, 'PodDisruptionBudget', name).spec).toMatchObject({
        maxUnavailable: 1,
        selector: { matchLabels: service.podLabels },
      });
    }
  });

  it('lets the non-root frontend bind port 80 and mounts its nginx configuration and writable paths', () => {
    const pod = find(manifests, 'Deployment', 'frontend').spec.template.spec;
    expect(pod.securityContext.sysctls).toEqual([
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
    ]);
    expect(pod.containers[0].securityContext.runAsUser).toBeGreaterThan(0);
    const mounts = pod.containers[0].volumeMounts.map((m: any) => m.mountPath);
    expect(mounts).toEqual([
      '/etc/nginx/conf.d',
      '/etc/nginx/nginx.conf',
      '/var/cache/nginx',
      '/var/run',
      '/tmp',
    ]);
    // conf.d gets only the server: nginx includes conf.d/*.conf inside `http`, where nginx.conf's directives fail.
    const confD = pod.volumes.find((v: any) => v.name === 'nginx-config');
    expect(confD.configMap.items).toEqual([{ key: 'default.conf', path: 'default.conf' }]);
    const main = find(manifests, 'ConfigMap', 'frontend-nginx').data['nginx.conf'];
    expect(main).toContain(`worker_shutdown_timeout ${workloadOf('frontend').shutdown.drainSeconds}s;`);
    expect(main).toContain('include /etc/nginx/conf.d/*.conf;');
    expect(main).not.toMatch(/^user /m);
    const config = find(manifests, 'ConfigMap', 'frontend-nginx').data['default.conf'];
    expect(config).toContain('listen 80;');
    expect(config).toContain(`location = ${workloadOf('frontend').health.readiness.path} {`);
    expect(config).toContain('try_files $uri $uri/ /index.html;');
    expect(config).toContain('add_header X-XSS-Protection "0" always;');
    expect(config).toContain('add_header Referrer-Policy "strict-origin-when-cross-origin" always;');
    // Only a workload on a privileged port needs the sysctl.
    for (const name of WORKLOADS.filter((n) => findService(n)!.port >= 1024)) {
      expect(find(manifests, 'Deployment', name).spec.template.spec.securityContext.sysctls).toBeUndefined();
    }
  });

  it('labels, namespaces and orders every object, without cdk8s hashes', () => {
    for (const m of manifests) {
      expect(m.metadata.labels?.['app.kubernetes.io/managed-by'], `${m.kind} ${m.metadata.name}`).toBe(
        'pms-gitops',
      );
      // Cluster-scoped foundations first, the operators' custom resources before the workloads that use them.
      const custom = !['v1', 'apps/v1', 'autoscaling/v2', 'policy/v1', 'networking.k8s.io/v1'].includes(
        m.apiVersion,
      );
      const clusterScoped = m.kind === 'Namespace' || m.kind === 'StorageClass';
      const wave = clusterScoped ? SyncWave.foundation : custom ? SyncWave.data : SyncWave.workloads;
      expect(m.metadata.annotations?.[SYNC_WAVE_ANNOTATION], `${m.kind} ${m.metadata.name}`).toBe(
        String(wave),
      );
      if (!clusterScoped) expect(m.metadata.namespace).toBe('pms');
    }
    expect(JSON.stringify(manifests)).not.toContain('cdk8s.io/');
  });

  it('writes a README matrix equal to what the evaluator computes from the rendered policies', () => {
    const readme = renderReadme('t', 'i', networking.docs);
    const section = readme.slice(readme.indexOf(`## ${REACHABILITY_TITLE}`));
    const lines = section
      .slice(section.indexOf('| from \\ to'))
      .split('\n')
      .filter((l) => l.startsWith('|'));
    const cells = (line: string) => line.slice(2, -2).split(' | ');
    const header = cells(lines[0]!).slice(1);
    expect(header).toEqual(endpoints.map((e) => e.name));
    const fromReadme: Record<string, string> = {};
    for (const line of lines.slice(2)) {
      const [from, ...row] = cells(line);
      row.forEach((cell, i) => {
        if (cell.trim() !== NOT_GOVERNED.trim() && cell.trim() !== DENIED)
          fromReadme[`${from} → ${header[i]}`] = cell.trim();
      });
    }
    const computed = Object.fromEntries(
      clusterReachability(test.cluster, manifests).map((c) => [`${c.from} → ${c.to}`, formatPorts(c.ports)]),
    );
    expect(fromReadme).toEqual(computed);
    expect(section).toContain('```mermaid');
    for (const service of PMS_SERVICES) expect(readme).toContain(`${service.name}.pms.svc.cluster.local`);
  });

  it('fails the render-time proof, naming both ends, when a rendered policy drops DNS', () => {
    const tampered = manifests.map((m) =>
      m.kind === 'NetworkPolicy' && m.metadata.name === 'auth'
        ? {
            ...m,
            spec: {
              ...(m as any).spec,
              egress: (m as any).spec.egress.filter((r: any) => !r.ports.some((p: any) => p.port === 53)),
            },
          }
        : m,
    );
    let error: unknown;
    try {
      checkReachability(test.cluster, tampered);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(issuesOf(error)?.map(formatIssue)).toEqual([
      `[${test.cluster.name}] NetworkPolicies pms: auth → kube-dns = "53/TCP, 53/UDP": declared in the communication graph but denied by the rendered policies: on 53/TCP, the egress of auth (pods {app.kubernetes.io/name=auth,app.kubernetes.io/part-of=pms} in pms) is isolated by NetworkPolicy pms/default-deny, NetworkPolicy pms/auth; none of their egress rules opens 53/TCP; allowed: every connection of the declared graph (PMS_GRAPH (libs/networking/src/graph.ts))`,
    ]);
  });

  it('fails the render-time proof when a policy opens an undeclared connection', () => {
    const open = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'oops', namespace: 'pms' },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] },
    };
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'oops-in', namespace: 'pms' },
      spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'postgresql' } }, ingress: [{}] },
    };
    expect(() => checkReachability(test.cluster, [...manifests, open, ingress] as Manifest[])).toThrow(
      /frontend → postgres = "any\/TCP, any\/UDP, any\/SCTP": allowed by the rendered policies but not declared in the communication graph: on 1\/TCP, NetworkPolicy pms\/oops spec.egress\[0\] \(every peer\) admits postgres in the egress of frontend; NetworkPolicy pms\/oops-in spec.ingress\[0\] \(every peer\) admits frontend in the ingress of postgres/,
    );
  });
});

describe('orphan services', () => {
  it('warns about a catalogue service no edge of the graph reaches, and about none in PMS_GRAPH', () => {
    const dev = TEST_CLUSTERS[0]!;
    expect(renderNetworking(dev).networking.warnings).toEqual([]);
    // a graph without the edges into one service (its own DNS edges kept)
    const orphan = PMS_GRAPH.edges.find(
      (e) => e.from !== 'alb' && e.to !== 'kube-dns' && e.to !== e.from,
    )!.to;
    const graph = { edges: PMS_GRAPH.edges.filter((e) => e.to !== orphan) };
    const warnings = renderNetworking(dev, { graph }).networking.warnings.map(formatIssue);
    expect(warnings).toContainEqual(
      expect.stringContaining(
        `[pms-dev] PMS_GRAPH (libs/networking/src/graph.ts) = "${orphan}": the ${findService(orphan)!.kind} "${orphan}" is declared in PMS_SERVICES (libs/networking/src/catalogue.ts), but no edge of the graph reaches it, so its pods receive no traffic (an orphan); allowed: an edge to ${orphan} in PMS_GRAPH, or no entry for it in PMS_SERVICES`,
      ),
    );
  });
});

describe('the cluster context', () => {
  it('is set by the test helper as the platform sets it', () => {
    const { networking } = renderNetworking(TEST_CLUSTERS[0]!);
    expect(networking.node.tryGetContext(CLUSTER_CONTEXT_KEY)).toBe('pms-dev');
  });
});
