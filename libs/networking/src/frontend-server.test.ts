import { describe, expect, it } from 'vitest';
import {
  ALREADY_COMPRESSED_TYPES,
  FRONTEND_COMPRESSION,
  FRONTEND_HEADERS,
  frontendServerConfig,
} from './frontend-server.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const REPORT_ONLY = { name: 'Content-Security-Policy-Report-Only', value: "default-src 'self'" };

/** The lines of the server block, trimmed. */
const lines = (config: string) => config.split('\n').map((line) => line.trim());

describe('the frontend server: compression', () => {
  const config = lines(frontendServerConfig());

  it('gzips the text types listed, from the minimum size, with Vary', () => {
    expect(config).toContain('gzip on;');
    expect(config).toContain(`gzip_min_length ${FRONTEND_COMPRESSION.minLengthBytes};`);
    expect(config).toContain(`gzip_comp_level ${FRONTEND_COMPRESSION.level};`);
    expect(config).toContain('gzip_vary on;');
    expect(config).toContain(`gzip_types ${FRONTEND_COMPRESSION.types.join(' ')};`);
  });

  it('never compresses a type that is compressed already, and never lists text/html (always compressed)', () => {
    const types = config
      .find((line) => line.startsWith('gzip_types '))!
      .slice('gzip_types '.length, -1)
      .split(' ');
    for (const type of ALREADY_COMPRESSED_TYPES) expect(types).not.toContain(type);
    expect(types).not.toContain('text/html');
    expect(new Set(types).size).toBe(types.length);
  });

  it('compresses every location, including the entry point with its own headers (gzip is inherited)', () => {
    const server = frontendServerConfig();
    expect(server.indexOf('gzip on;')).toBeLessThan(server.indexOf('location = /index.html {'));
    expect(server.match(/gzip on;/g)).toHaveLength(1);
  });
});

describe('the frontend server: headers published by other concerns', () => {
  it('adds them after its own, in every location that sets headers', () => {
    const server = frontendServerConfig([REPORT_ONLY]);
    const line = `add_header ${REPORT_ONLY.name} "${REPORT_ONLY.value}" always;`;
    // The server block and the entry point (nginx does not merge add_header into a location that has its own).
    expect(server.split(line)).toHaveLength(3);
    for (const header of FRONTEND_HEADERS)
      expect(server.indexOf(`add_header ${header.name} `)).toBeLessThan(server.indexOf(line));
  });

  it('renders them into the frontend ConfigMap through PmsNetworking, and nowhere else', () => {
    const { manifests } = renderNetworking(TEST_CLUSTERS[0]!, { frontendHeaders: [REPORT_ONLY] });
    const configMaps = manifests.filter((m) => m.kind === 'ConfigMap');
    const holding = configMaps.filter((m) =>
      Object.values((m as { data?: Record<string, string> }).data ?? {}).some((v) =>
        v.includes(REPORT_ONLY.name),
      ),
    );
    expect(holding.map((m) => m.metadata.name)).toEqual(['frontend-nginx']);
  });

  it.each([
    [
      { name: 'Bad Header', value: 'x' },
      'frontendHeaders[0].name = "Bad Header"; allowed: an HTTP header name',
    ],
    [
      { name: 'X-Test', value: 'a "quoted" value' },
      'frontendHeaders[0].value = "a \\"quoted\\" value"; allowed: printable ASCII',
    ],
    [
      { name: 'X-Test', value: 'costs $5' },
      'frontendHeaders[0].value = "costs $5"; allowed: printable ASCII',
    ],
    [
      { name: 'referrer-policy', value: 'no-referrer' },
      'frontendHeaders[0].name = "referrer-policy"; allowed: a header the frontend does not set already',
    ],
  ])('refuses %j', (header, message) => {
    expect(() => renderNetworking(TEST_CLUSTERS[0]!, { frontendHeaders: [header] })).toThrow(
      `[pms-dev] networking.${message}`,
    );
  });
});
