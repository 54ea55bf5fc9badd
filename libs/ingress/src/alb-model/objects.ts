/** The objects of a render the ALB model reads, indexed and typed by their models. */
import { ofKind, type Manifest } from '@pms/core';
import type { IIngressClassParams } from '@pms/crd-models';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IIngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import type { IService } from 'kubernetes-models/v1/Service';
import { INGRESS_CLASS_PARAMS_API_VERSION } from '../annotations.js';
import { ref } from './json.js';

/** An Ingress, typed by kubernetes-models. */
export type IngressObject = Manifest & IIngress;
/** An IngressClassParams, typed by the model generated from the controller's CRD (`@pms/crd-models`). */
export type IngressClassParamsObject = Manifest & IIngressClassParams;
/** A Service, typed by kubernetes-models. */
export type ServiceObject = Manifest & IService;

/** IngressClasses, IngressClassParams, Services and Ingresses of a render. */
export interface AlbObjects {
  /** IngressClasses by name. */
  readonly classes: ReadonlyMap<string, Manifest & IIngressClass>;
  /** IngressClassParams (`elbv2.k8s.aws/v1beta1`) by name. */
  readonly params: ReadonlyMap<string, IngressClassParamsObject>;
  /** Services by `namespace/name`. */
  readonly services: ReadonlyMap<string, ServiceObject>;
  /** Ingresses, in the order given. */
  readonly ingresses: readonly IngressObject[];
}

/**
 * Indexes the objects the ALB model reads, by the API versions the schemas accept (`@pms/schemas` refuses any
 * other version of these kinds before a check reads them); other objects are ignored.
 */
export function indexAlbObjects(manifests: readonly Manifest[]): AlbObjects {
  const classes = ofKind<IIngressClass>(manifests, 'networking.k8s.io/v1', 'IngressClass');
  const params = ofKind<IIngressClassParams>(
    manifests,
    INGRESS_CLASS_PARAMS_API_VERSION,
    'IngressClassParams',
  );
  return {
    classes: new Map(classes.map((m) => [m.metadata.name, m])),
    params: new Map(params.map((m) => [m.metadata.name, m])),
    services: new Map(ofKind<IService>(manifests, 'v1', 'Service').map((m) => [ref(m), m])),
    ingresses: ofKind<IIngress>(manifests, 'networking.k8s.io/v1', 'Ingress'),
  };
}
