/** DNS names (RFC 1123 host names), as used for the ALB host and Kubernetes object names. */

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A fully qualified host name such as `pms.example.com`: lower case, at least two labels, 253 characters at most. */
export function isDnsName(value: string): boolean {
  if (value.length > 253 || value.endsWith('.')) return false;
  const labels = value.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

/** A single RFC 1123 label (Kubernetes names of Services, namespaces, …): 63 characters at most. */
export function isDnsLabel(value: string): boolean {
  return LABEL.test(value);
}

/** True when `host` is covered by `pattern`, which may be a wildcard one label deep (`*.example.com`). */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
}
