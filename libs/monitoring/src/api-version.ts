/** API version of the ACK CloudWatch controller's resources (`Dashboard`, `MetricAlarm`). */
export const ACK_CLOUDWATCH_API_VERSION = 'cloudwatch.services.k8s.aws/v1alpha1';
