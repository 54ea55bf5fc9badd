/** Which Ingresses the AWS Load Balancer Controller takes, with their class, parameters, group and order. */
import { ALB_CONTROLLER, AlbAnnotation, LEGACY_INGRESS_CLASS_ANNOTATION } from '../annotations.js';
import { annotationsOf, compareText, ref } from './json.js';
import type { AlbObjects, IngressClassParamsObject, IngressObject } from './objects.js';

/** An Ingress with the class configuration the controller resolved for it. */
export interface Member {
  /** The Ingress. */
  readonly ingress: IngressObject;
  /** Its `namespace/name`. */
  readonly ref: string;
  /** Its IngressClass (undefined for the legacy `kubernetes.io/ingress.class: alb` annotation). */
  readonly className?: string;
  /** The IngressClassParams of its class, when the class has them and they exist. */
  readonly params?: IngressClassParamsObject;
  /** `group.order`, -1000..1000 (0 when unset or invalid). */
  readonly order: number;
}

/** An ALB Ingress: the member it becomes, the group it joins and what is wrong with it. */
export interface ResolvedMember {
  /** The member. */
  readonly member: Member;
  /** Explicit group name (IngressClassParams `spec.group.name` over the `group.name` annotation). */
  readonly groupName?: string;
  /** What the controller would report about this Ingress. */
  readonly problems: readonly string[];
}

/** The class of an ALB Ingress; undefined when another controller owns the Ingress. */
interface AlbClass {
  readonly className?: string;
  readonly params?: IngressClassParamsObject;
}

/** Resolves one Ingress; undefined when it belongs to another controller. */
export function resolveMember(ingress: IngressObject, objects: AlbObjects): ResolvedMember | undefined {
  const problems: string[] = [];
  const albClass = albClassOf(ingress, objects, problems);
  if (!albClass) return undefined;
  const { className, params } = albClass;
  const order = groupOrderOf(ingress, problems);
  const groupName = params?.spec?.group?.name ?? annotationsOf(ingress)[AlbAnnotation.groupName];
  return { member: { ingress, ref: ref(ingress), className, params, order }, groupName, problems };
}

/** Members in the controller's order: `group.order`, then `namespace/name`. */
export function sortMembers(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) => a.order - b.order || compareText(a.ref, b.ref));
}

function albClassOf(ingress: IngressObject, objects: AlbObjects, problems: string[]): AlbClass | undefined {
  const className = ingress.spec?.ingressClassName;
  if (className === undefined) {
    return annotationsOf(ingress)[LEGACY_INGRESS_CLASS_ANNOTATION] === 'alb' ? {} : undefined;
  }
  const ingressClass = objects.classes.get(className);
  if (!ingressClass || ingressClass.spec?.controller !== ALB_CONTROLLER) return undefined;
  const parameters = ingressClass.spec.parameters;
  if (parameters?.kind !== 'IngressClassParams') return { className };
  const params = objects.params.get(parameters.name);
  if (!params) {
    problems.push(
      `IngressClass ${className} refers to IngressClassParams ${parameters.name}, which does not exist`,
    );
  }
  return { className, params };
}

function groupOrderOf(ingress: IngressObject, problems: string[]): number {
  const raw = annotationsOf(ingress)[AlbAnnotation.groupOrder];
  if (raw === undefined) return 0;
  const order = Number(raw);
  if (/^-?\d+$/.test(raw) && order >= -1000 && order <= 1000) return order;
  problems.push(
    `Ingress ${ref(ingress)}: group.order ${JSON.stringify(raw)} is not a whole number from -1000 to 1000`,
  );
  return 0;
}
