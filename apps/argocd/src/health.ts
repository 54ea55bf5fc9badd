/**
 * Argo CD health checks for the kinds Argo CD cannot assess by itself: every ACK kind the clusters render, and child
 * Applications (app of apps). Without them Argo CD treats those objects as healthy the moment they exist, so a sync
 * wave does not wait for a WebACL, Bucket, Role or Certificate to exist in AWS (ACD v3.5.1: no built-in check under
 * `resource_customizations/` for `*.services.k8s.aws`; `gitops-engine/pkg/sync/sync_context.go`: a resource without
 * health "automatically succeeds"; with one, Progressing keeps the wave waiting and Degraded fails the sync).
 *
 * Delivered as keys of `argocd-cm` (`resource.customizations.health.<group>_<kind>`, ACD docs/operator-manual/health.md),
 * in a ConfigMap the bootstrap Application applies with server-side apply (docs/gitops.md, "Health checks").
 *
 * The scripts run in Argo CD's Lua VM (gopher-lua, Lua 5.1) with only the base, table, package and a safe os library
 * (ACD util/lua/lua.go `runLuaWithResourceActionParameters`): no string library, so only `..`, comparisons and
 * `ipairs` are used. The global `obj` is the live object; the script returns `{ status, message }`.
 */
import type { Manifest } from '@pms/core';
import type { GroupKind } from './usage.js';
import { ARGOCD_NAMESPACE } from './repository.js';

/** Prefix of a per-kind health key in `argocd-cm`: `resource.customizations.health.<group>_<kind>`. */
export const HEALTH_KEY_PREFIX = 'resource.customizations.health.';

/** The `argocd-cm` key of a kind's health check (core kinds have no group part). */
export function healthKey({ group, kind }: GroupKind): string {
  return `${HEALTH_KEY_PREFIX}${group ? `${group}_` : ''}${kind}`;
}

/**
 * The ACK status conditions every script reads (ACK runtime v0.61.0 `apis/core/v1alpha1/conditions.go`):
 * `ACK.Terminal` True means the spec must change before any further sync (Degraded); `Ready` (runtime v0.53+, every
 * controller here) summarises the rest: True when synced with AWS, False with the reason (`ACK.Recoverable`, e.g.
 * AccessDenied, or not yet synced); `ACK.ResourceSynced` is its older equivalent, used when `Ready` is absent.
 */
const ACK_CONDITIONS_LUA = `local hs = { status = "Progressing", message = "Waiting for ACK to reconcile the resource" }
local conditions = {}
if obj.status ~= nil and obj.status.conditions ~= nil then
  conditions = obj.status.conditions
end
local ready = nil
local synced = nil
local recoverable = nil
for _, condition in ipairs(conditions) do
  if condition.type == "ACK.Terminal" and condition.status == "True" then
    hs.status = "Degraded"
    hs.message = "ACK.Terminal: " .. (condition.message or "the spec must change before ACK can sync it")
    return hs
  end
  if condition.type == "Ready" then ready = condition end
  if condition.type == "ACK.ResourceSynced" then synced = condition end
  if condition.type == "ACK.Recoverable" and condition.status == "True" then recoverable = condition end
end
local state = ready or synced
if recoverable ~= nil and recoverable.message ~= nil then
  hs.message = "ACK.Recoverable: " .. recoverable.message
elseif state ~= nil and state.status ~= "True" and state.message ~= nil then
  hs.message = state.message
end
`;

/** Health of any ACK resource: Terminal → Degraded, synced with AWS → Healthy, otherwise Progressing. */
export const ACK_HEALTH_LUA = `${ACK_CONDITIONS_LUA}if state ~= nil and state.status == "True" then
  hs.status = "Healthy"
  hs.message = "Synced with AWS"
end
return hs
`;

/**
 * Health of an ACM `Certificate`: synced is not enough, because acm-controller v1.3.4 reports it synced while ACM
 * still waits for DNS validation (`pkg/resource/certificate/manager.go` IsSynced returns true). Healthy only when
 * `status.status` is ISSUED; Progressing while PENDING_VALIDATION (naming the CNAME record to create); Degraded when
 * ACM gave up (FAILED, VALIDATION_TIMED_OUT, REVOKED, EXPIRED, INACTIVE; ACM API CertificateStatus).
 */
export const ACK_CERTIFICATE_HEALTH_LUA = `${ACK_CONDITIONS_LUA}local certificate = nil
if obj.status ~= nil then certificate = obj.status.status end
if certificate == "ISSUED" then
  if state ~= nil and state.status == "True" then
    hs.status = "Healthy"
    hs.message = "ISSUED"
  end
  return hs
end
local failed = { FAILED = true, VALIDATION_TIMED_OUT = true, REVOKED = true, EXPIRED = true, INACTIVE = true }
if certificate ~= nil and failed[certificate] then
  hs.status = "Degraded"
  hs.message = "ACM certificate status " .. certificate
  return hs
end
if certificate == "PENDING_VALIDATION" then
  hs.message = "PENDING_VALIDATION: waiting for the DNS validation record"
  if obj.status.domainValidations ~= nil then
    for _, validation in ipairs(obj.status.domainValidations) do
      local record = validation.resourceRecord
      if record ~= nil and record.name ~= nil and record.value ~= nil then
        hs.message = hs.message .. "; create " .. (record.type_ or "CNAME") .. " " .. record.name .. " -> " .. record.value
      end
    end
  end
end
return hs
`;

/**
 * Health of a child Application in the app of apps: its own health as Argo CD reports it (`status.health`), so a wave
 * of Applications in `argocd/` waits until they are Healthy (ACD docs/operator-manual/health.md, "Argocd App": the
 * built-in assessment was removed in 1.8 and must be restored for sync waves across Applications).
 */
export const APPLICATION_HEALTH_LUA = `local hs = { status = "Progressing", message = "Waiting for the Application's health" }
if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then
  hs.status = obj.status.health.status
  hs.message = obj.status.health.message or ""
end
return hs
`;

/** The Application kind, whose health check orders the Applications of `argocd/` by wave. */
export const APPLICATION_KIND: GroupKind = { group: 'argoproj.io', kind: 'Application' };

/** The health script of one kind: the Certificate's own, or the generic ACK one. */
export function healthLuaOf(kind: GroupKind): string {
  if (kind.group === APPLICATION_KIND.group && kind.kind === APPLICATION_KIND.kind)
    return APPLICATION_HEALTH_LUA;
  if (kind.group === 'acm.services.k8s.aws' && kind.kind === 'Certificate') return ACK_CERTIFICATE_HEALTH_LUA;
  return ACK_HEALTH_LUA;
}

/** The `argocd-cm` data: one health key per kind (the ACK kinds rendered, and Application), sorted. */
export function healthCustomizations(kinds: readonly GroupKind[]): Record<string, string> {
  const all = [APPLICATION_KIND, ...kinds];
  return Object.fromEntries(
    all.map((kind) => [healthKey(kind), healthLuaOf(kind)] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** Name of Argo CD's settings ConfigMap (ACD `common.ArgoCDConfigMapName`). */
export const ARGOCD_CM = 'argocd-cm';

/**
 * Per-object sync options of the `argocd-cm` object: never pruned when the render stops producing it, never deleted
 * with the bootstrap Application (it is Argo CD's own configuration, shared with the installer), server-side applied
 * so only the keys written here are owned (ACD docs/user-guide/sync-options.md).
 */
export const ARGOCD_CM_SYNC_OPTIONS = 'Prune=false,Delete=false,ServerSideApply=true';

/**
 * `argocd-cm` with only the health keys: server-side applied, it adds them next to whatever the Argo CD installation
 * put there. Labelled `app.kubernetes.io/part-of: argocd`, the label Argo CD's settings informer selects
 * (ACD util/settings/settings.go `partOfArgoCDSelector`); no other label, so no field is contested with the installer.
 */
export function argoCdHealthConfigMap(kinds: readonly GroupKind[], wave: number): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: ARGOCD_CM,
      namespace: ARGOCD_NAMESPACE,
      labels: { 'app.kubernetes.io/name': ARGOCD_CM, 'app.kubernetes.io/part-of': 'argocd' },
      annotations: {
        'argocd.argoproj.io/sync-wave': String(wave),
        'argocd.argoproj.io/sync-options': ARGOCD_CM_SYNC_OPTIONS,
      },
    },
    data: healthCustomizations(kinds),
  };
}
