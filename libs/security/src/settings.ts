/** The security section of a cluster's settings. */
export interface SecuritySettings {}
