/** The ALBs the rendered objects describe (via `@pms/ingress`'s model), with the objects behind each setting. */
import { ofKind, type Manifest } from '@pms/core';
import {
  AlbAnnotation,
  INGRESS_CLASS_PARAMS_API_VERSION,
  resolveAlbGroups,
  type AlbGroup,
  type SettingOrigin,
} from '@pms/ingress';
import type { IIngressClassParams, IIngressClassParamsSpec } from '@pms/crd-models';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';

/** One ALB with the objects that configure it. */
export interface AlbView {
  /** The controller's model of the load balancer. */
  readonly group: AlbGroup;
  /** Member Ingresses, in the controller's order. */
  readonly ingresses: readonly (Manifest & IIngress)[];
  /** The IngressClassParams of the group's class, if any. */
  readonly params?: Manifest & IIngressClassParams;
}

/** Where a setting lives: the object that carries it and the field, for findings. */
export interface SettingSite {
  readonly object: Manifest;
  readonly field: string;
}

const refOf = (m: Manifest) => `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`;

/** Every ALB of the objects. */
export function albViews(manifests: readonly Manifest[]): AlbView[] {
  const ingresses = ofKind<IIngress>(manifests, 'networking.k8s.io/v1', 'Ingress');
  const params = ofKind<IIngressClassParams>(
    manifests,
    INGRESS_CLASS_PARAMS_API_VERSION,
    'IngressClassParams',
  );
  return resolveAlbGroups(manifests).map((group) => {
    const members = group.members
      .map((member) => ingresses.find((ingress) => refOf(ingress) === member))
      .filter((ingress) => ingress !== undefined);
    const classParams = params.find((p) => p.metadata.name === group.ingressClassParams);
    return { group, ingresses: members, ...(classParams ? { params: classParams } : {}) };
  });
}

const annotationField = (key: string) => `metadata.annotations["${key}"]`;

/** The object and field that set a load-balancer attribute (IngressClassParams win over annotations). */
export function attributeSite(view: AlbView, key: string): SettingSite {
  const fromParams = (view.params?.spec?.loadBalancerAttributes ?? []).some((item) => item.key === key);
  if (fromParams && view.params) return { object: view.params, field: 'spec.loadBalancerAttributes' };
  const ingress =
    view.ingresses.find((m) =>
      m.metadata.annotations?.[AlbAnnotation.loadBalancerAttributes]?.includes(key),
    ) ?? view.ingresses[0]!;
  return { object: ingress, field: annotationField(AlbAnnotation.loadBalancerAttributes) };
}

/** The object and field of a scalar setting: the IngressClassParams field when set there, else the annotation. */
export function scalarSite(
  view: AlbView,
  annotation: string,
  paramsField?: keyof IIngressClassParamsSpec,
): SettingSite {
  if (paramsField && view.params?.spec?.[paramsField] !== undefined) {
    return { object: view.params, field: `spec.${paramsField}` };
  }
  const ingress = view.ingresses.find((m) => m.metadata.annotations?.[annotation] !== undefined);
  if (ingress) return { object: ingress, field: annotationField(annotation) };
  // Set nowhere: point at where it belongs, the IngressClassParams field when the ALB has one (its settings
  // win over annotations), else the first member's annotation.
  if (paramsField && view.params) return { object: view.params, field: `spec.${paramsField}` };
  return { object: view.ingresses[0]!, field: annotationField(annotation) };
}

/** The object and field a setting was read from, as the ALB model reports it (`SettingOrigin`). */
export function originSite(view: AlbView, origin: SettingOrigin): SettingSite {
  const object =
    origin.kind === 'IngressClassParams'
      ? view.params
      : view.ingresses.find((ingress) => refOf(ingress) === origin.object);
  return { object: object ?? view.ingresses[0]!, field: origin.field };
}

/** The value of a scalar setting: the IngressClassParams field when set there, else the first member's annotation. */
export function scalarValue(
  view: AlbView,
  annotation: string,
  paramsField?: keyof IIngressClassParamsSpec,
): unknown {
  const fromParams = paramsField ? view.params?.spec?.[paramsField] : undefined;
  if (fromParams !== undefined) return fromParams;
  return view.ingresses.map((m) => m.metadata.annotations?.[annotation]).find((value) => value !== undefined);
}
