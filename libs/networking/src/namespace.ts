/** The namespace every PMS object lives in. */
export const PMS_NAMESPACE = 'pms';
