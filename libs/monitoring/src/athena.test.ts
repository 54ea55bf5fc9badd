import { describe, expect, it } from 'vitest';
import {
  accessLogLocation,
  accessLogTable,
  albAccessLogTableDdl,
  albLogColumns,
  albLogRegex,
  failingWebSocketRequestsQuery,
  webSocketRequestsQuery,
} from './athena.js';

const logs = { bucket: 'pms-prod-alb-access-logs', prefix: 'alb/pms-prod' };
const aws = { accountId: '333333333333', region: 'eu-central-1' };

// An entry in the documented field order (wss upgrade to /ws/ answered 101), invented for the test.
const ENTRY = [
  'wss 2025-03-04T10:11:12.123456Z app/pms-prod-pms/4f1c2a9b7d3e8065 203.0.113.9:51234 10.30.12.7:8080',
  '0.001 0.004 0.000 101 101 512 1024',
  '"GET https://pms.example.com:443/ws/notifications HTTP/1.1" "Mozilla/5.0 (X11; Linux x86_64)"',
  'ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2',
  'arn:aws:elasticloadbalancing:eu-central-1:333333333333:targetgroup/k8s-pms-apigatew-a41d7e0c93/2c6e8a0b4d1f3e57',
  '"Root=1-67c6d1a0-0123456789abcdef01234567" "pms.example.com"',
  '"arn:aws:acm:eu-central-1:333333333333:certificate/1d2e3f40-3333-4a5b-8c6d-7e8f9a0b1c2d" 2',
  '2025-03-04T10:11:12.118000Z "forward" "-" "-" "10.30.12.7:8080" "101" "-" "-" TID_0a1b2c3d4e5f',
].join(' ');

describe('ALB access-log table', () => {
  it('has one capturing group per column', () => {
    const groups = new RegExp(`${albLogRegex()}|`).exec('')!.length - 1;
    expect(groups).toBe(albLogColumns().length);
  });

  it('parses a documented entry into the right columns', () => {
    const match = new RegExp(`^${albLogRegex()}$`).exec(ENTRY);
    expect(match).not.toBeNull();
    const row = Object.fromEntries(albLogColumns().map(([name], i) => [name, match![i + 1]]));
    expect(row).toMatchObject({
      type: 'wss',
      elb: 'app/pms-prod-pms/4f1c2a9b7d3e8065',
      client_ip: '203.0.113.9',
      target_ip: '10.30.12.7',
      target_port: '8080',
      elb_status_code: '101',
      request_verb: 'GET',
      request_url: 'https://pms.example.com:443/ws/notifications',
      request_proto: 'HTTP/1.1',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
      domain_name: 'pms.example.com',
      matched_rule_priority: '2',
      actions_executed: 'forward',
      target_status_code_list: '101',
      conn_trace_id: 'TID_0a1b2c3d4e5f',
      trailing_fields: '',
    });
  });

  it('parses an older entry without conn_trace_id, and keeps fields added later', () => {
    const older = ENTRY.replace(/ TID_\w+$/, '');
    expect(new RegExp(`^${albLogRegex()}$`).exec(older)).not.toBeNull();
    const newer = `${ENTRY} "transformed.example.com" "-" "-"`;
    const match = new RegExp(`^${albLogRegex()}$`).exec(newer)!;
    expect(match.at(-1)).toBe(' "transformed.example.com" "-" "-"');
  });

  it('embeds in a SQL string literal as is (no single quotes, no backslashes)', () => {
    expect(albLogRegex()).not.toMatch(/['\\]/);
  });

  it('points at the bucket, prefix, account and region, projected by day', () => {
    const ddl = albAccessLogTableDdl('pms-prod', logs, aws);
    const location =
      's3://pms-prod-alb-access-logs/alb/pms-prod/AWSLogs/333333333333/elasticloadbalancing/eu-central-1/';
    expect(accessLogLocation(logs, aws)).toBe(location);
    expect(ddl).toContain('CREATE EXTERNAL TABLE IF NOT EXISTS pms_logs.alb_access_logs_pms_prod (');
    expect(ddl).toContain(`LOCATION '${location}'`);
    expect(ddl).toContain(`'storage.location.template' = '${location}\${day}'`);
    expect(ddl).toContain("'projection.day.format' = 'yyyy/MM/dd'");
    expect(ddl).toContain('PARTITIONED BY (day string)');
  });
});

describe('/ws/ queries', () => {
  it('are filled in with the table and host', () => {
    for (const query of [
      webSocketRequestsQuery('pms-prod', 'pms.example.com'),
      failingWebSocketRequestsQuery('pms-prod', 'pms.example.com'),
    ]) {
      expect(query).toContain(`FROM ${accessLogTable('pms-prod')}`);
      expect(query).toContain("AND domain_name = 'pms.example.com'");
      expect(query).toContain("url_extract_path(request_url) LIKE '/ws/%'");
      expect(query).toMatch(/;$/);
    }
  });
});
