/** The "Health checks and probes" README section: the catalogue's health values and the rule between them. */
import { markdownTable, type DocSection } from '@pms/core';
import {
  albToleranceSeconds,
  CATALOGUE_FILE,
  readinessDetectionSeconds,
  type HttpProbe,
} from '@pms/networking';
import type { MonitoringDocsInput } from './docs-input.js';

const probeCell = (p: HttpProbe) =>
  `\`${p.path}\` delay ${p.initialDelaySeconds} s, every ${p.periodSeconds} s, timeout ${p.timeoutSeconds} s, success ${p.successThreshold}, failure ${p.failureThreshold}`;

/** Every workload's target-group health check and probes, and readiness detection against the ALB's tolerance. */
export function healthSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const rows = input.services.flatMap((service) => {
    if (service.kind !== 'workload') return [];
    const h = service.health;
    const tg = h.targetGroup;
    return [
      [
        service.name,
        tg
          ? `${tg.protocol} \`${tg.path}\` on ${tg.port}, codes ${tg.successCodes}, every ${tg.intervalSeconds} s, timeout ${tg.timeoutSeconds} s, healthy ${tg.healthyThresholdCount}, unhealthy ${tg.unhealthyThresholdCount}`
          : '(not behind the ALB)',
        probeCell(h.readiness),
        probeCell(h.liveness),
        tg ? `${readinessDetectionSeconds(h.readiness)} s ≤ ${albToleranceSeconds(tg)} s` : '-',
      ],
    ];
  });
  return {
    title: 'Health checks and probes',
    body: [
      `One source (the \`health\` of each workload in \`PMS_SERVICES\`, \`${CATALOGUE_FILE}\`): the ingress helper writes the target-group values as Service annotations, the networking helper the probes.`,
      '',
      markdownTable(
        [
          'Workload',
          'ALB target-group health check',
          'Readiness probe',
          'Liveness probe',
          'Readiness detection ≤ ALB tolerance',
        ],
        rows,
      ),
      '',
      'Rule checked at render time: readiness must take a failing pod out of the Service (and so out of the IP target group) no later than the ALB gives up on it: `failureThreshold × periodSeconds + timeoutSeconds` (readiness, worst case) ≤ `unhealthyThresholdCount × intervalSeconds` (ALB).',
    ].join('\n'),
  };
}
