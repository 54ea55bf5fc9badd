/** The monitoring section of a cluster's settings. */
export interface MonitoringSettings {}
