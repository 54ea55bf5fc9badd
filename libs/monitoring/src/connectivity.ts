/**
 * Step 6 of the runbook: DNS and connectivity tested from the real callers, every probe derived from the declared
 * connections (the networking graph).
 */
import type { GraphEdge, ServiceDefinition } from '@pms/networking';
import { bash, type MonitoringDocsInput } from './docs-input.js';

/**
 * Image of the ephemeral debug container (pinned: curl, dig, nc). It runs as root by default, so the runbook
 * runs it as `DEBUG_USER` (a non-root user) under kubectl's `restricted` debug profile.
 */
export const DEBUG_IMAGE = 'nicolaka/netshoot:v0.13';
/** UID and GID the debug container runs as (`nobody`): the restricted Pod Security Standard requires non-root. */
export const DEBUG_USER = 65534;

/** The label selector (`k=v,k=v`) of a Service's pods. */
export function podSelector(service: Pick<ServiceDefinition, 'podLabels'>): string {
  return Object.entries(service.podLabels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** One probe of the connectivity test: a connection from a caller that must answer, or one that must time out. */
export interface ConnectionProbe {
  readonly to: ServiceDefinition;
  readonly port: number;
  /** `allowed`: declared, must answer; `denied`: not declared, must time out (NetworkPolicies drop it). */
  readonly expect: 'allowed' | 'denied';
  /** The port is not the Service's: probe a pod of `to` by IP. */
  readonly byPodIp: boolean;
  readonly purpose?: string;
}

/**
 * The connectivity probes per caller, derived from the declared connections: every declared TCP connection
 * between Services (must answer), and every other Service port the caller has no connection to (must time out).
 * A caller's own Service is not probed for denial (traffic to a pod's own Service may hairpin back to itself).
 */
export function connectionProbes(
  services: readonly ServiceDefinition[],
  connections: readonly GraphEdge[],
): { readonly caller: ServiceDefinition; readonly probes: readonly ConnectionProbe[] }[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const declared = connections.filter((c) => c.protocol === 'TCP' && byName.has(c.from) && byName.has(c.to));
  const callers = services.filter((s) => declared.some((c) => c.from === s.name));
  return callers.map((caller) => {
    const allowed: ConnectionProbe[] = declared
      .filter((c) => c.from === caller.name)
      .map((c) => {
        const to = byName.get(c.to)!;
        return {
          to,
          port: c.port,
          expect: 'allowed',
          byPodIp: c.port !== to.port,
          ...(c.purpose ? { purpose: c.purpose } : {}),
        };
      });
    const denied: ConnectionProbe[] = services
      .filter((s) => s.name !== caller.name)
      .filter((s) => !allowed.some((a) => a.to.name === s.name && a.port === s.port))
      .map((to) => ({ to, port: to.port, expect: 'denied', byPodIp: false }));
    return { caller, probes: [...allowed, ...denied] };
  });
}

/** `<service>.<namespace>.svc.cluster.local` */
export function serviceHost(service: string, namespace: string): string {
  return `${service}.${namespace}.svc.cluster.local`;
}

/** Environment variable holding the IP of a pod of `service` (for ports only its pods listen on). */
const peerVar = (service: string) => `PEER_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** One probe as a line of the caller's script: what it tests and the command (`curl` by readiness path, or `nc`). */
function probeLine(caller: ServiceDefinition, p: ConnectionProbe, namespace: string): string {
  const host = p.byPodIp ? `$${peerVar(p.to.name)}` : serviceHost(p.to.name, namespace);
  const what = `${caller.name} → ${p.to.name} ${p.port}/TCP${p.purpose ? ` (${p.purpose})` : ''}`;
  if (p.expect === 'denied') {
    return `echo "should time out: ${what}"; nc -z -v -w 3 ${host} ${p.port}`;
  }
  const readiness = p.to.kind === 'workload' ? p.to.health.readiness.path : undefined;
  const check =
    readiness && !p.byPodIp && p.port === p.to.port
      ? `curl -sS -m 5 -o /dev/null -w "%{http_code} %{time_total}s\\n" http://${host}:${p.port}${readiness}`
      : `nc -z -v -w 3 ${host} ${p.port}`;
  if (!p.byPodIp) return `echo "must answer: ${what}"; ${check}`;
  // A port only the pods listen on is probed on another pod; with one replica there is none (one Kafka broker talks
  // to itself over loopback, which no NetworkPolicy governs): nothing to test, and the script says so.
  return `if [ -n "${host}" ]; then echo "must answer: ${what}"; ${check}; else echo "skipped: ${what}: no other ${p.to.name} pod (one replica)"; fi`;
}

/**
 * The script of one caller: the pod it runs in (the first of the caller's pods), the peer pods' IPs it needs (ports
 * only the pods listen on; for the caller's own service a pod other than itself, empty when it runs alone), then, in
 * an ephemeral container of that pod, the DNS names it resolves and every probe.
 */
function callerBlock(
  { caller, probes }: { readonly caller: ServiceDefinition; readonly probes: readonly ConnectionProbe[] },
  namespace: string,
  k: string,
): string[] {
  const peers = [...new Set(probes.filter((p) => p.byPodIp).map((p) => p.to))];
  const dnsNames = [
    ...new Set(probes.filter((p) => p.expect === 'allowed' && !p.byPodIp).map((p) => p.to.name)),
  ];
  const count = (expect: ConnectionProbe['expect']) => probes.filter((p) => p.expect === expect).length;
  return [
    `# as ${caller.name}: ${count('allowed')} declared connection(s) must answer, ${count('denied')} must time out`,
    `pod=$(${k} get pods -l ${podSelector(caller)} -o jsonpath='{.items[0].metadata.name}')`,
    ...peers.map(
      (peer) =>
        `${peerVar(peer.name)}=$(${k} get pods -l ${podSelector(peer)} -o jsonpath='{range .items[*]}{.metadata.name} {.status.podIP}{"\\n"}{end}' | awk -v me="$pod" '$1 != me {print $2; exit}')   # another ${peer.name} pod; empty with one replica`,
    ),
    `debug_as "$pod" '`,
    ...dnsNames.map(
      (name) => `  echo "dns: ${serviceHost(name, namespace)}"; dig +short ${serviceHost(name, namespace)}`,
    ),
    ...probes.map((p) => `  ${probeLine(caller, p, namespace)}`),
    `'${peers.map((peer) => ` ${peerVar(peer.name)}="$${peerVar(peer.name)}"`).join('')}`,
  ];
}

/**
 * Step 6: DNS and every declared connection tested from a pod of its real caller, with the connections that must
 * be refused listed as "should time out". An ephemeral container shares its pod's network namespace, so it has the
 * pod's NetworkPolicy identity (and its DNS egress); a separate debug pod would have neither.
 */
export function connectivitySteps(input: MonitoringDocsInput, k: string): string[] {
  const ns = input.namespace;
  const profile = `/tmp/${input.cluster.name}-debug-nonroot.json`;
  const blocks = connectionProbes(input.services, input.connections).flatMap((caller) =>
    callerBlock(caller, ns, k),
  );
  return [
    `Test from the real callers. Namespace \`${ns}\` enforces the restricted Pod Security Standard and its NetworkPolicies deny by default, so a separate debug pod is both refused and cut off (it would not even reach the cluster DNS). Instead, attach an ephemeral container to a running pod of the caller: it shares that pod's network namespace, so it has the caller's NetworkPolicy identity and DNS egress. \`kubectl --context ${input.cluster.name} debug --profile=restricted\` (kubectl 1.27 or later) makes the container restricted-compliant (non-root required, all capabilities dropped, no privilege escalation, seccomp \`RuntimeDefault\`); the \`--custom\` profile (kubectl 1.31 or later) sets the non-root user ${DEBUG_USER}, because \`${DEBUG_IMAGE}\` runs as root by default. Each call leaves a terminated ephemeral container in the pod (removed when the pod is replaced).`,
    '',
    `The probes are derived from the declared connections (the networking section's graph): every declared connection must answer, every other Service port must **time out** (a NetworkPolicy drop is silent). A refused connection or an answer where a time-out is expected is a finding.`,
    '',
    bash([
      `cat > ${profile} <<'EOF'`,
      JSON.stringify({
        securityContext: { runAsUser: DEBUG_USER, runAsGroup: DEBUG_USER, runAsNonRoot: true },
      }),
      'EOF',
      '# debug_as <pod> <script> [NAME=value ...]: runs <script> in an ephemeral container of <pod>',
      'debug_as() {',
      `  local target=$1 script=$2; shift 2`,
      `  ${k} debug "$target" --profile=restricted --custom=${profile} --image=${DEBUG_IMAGE} \\`,
      `    --attach --quiet "\${@/#/--env=}" -- sh -c "$script"`,
      '}',
      ...blocks,
    ]),
  ];
}
