/** The ingress section of a cluster's settings. */
export interface IngressSettings {}
