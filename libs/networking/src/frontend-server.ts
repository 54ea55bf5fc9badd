/**
 * The frontend's nginx server configuration, rendered into a ConfigMap and mounted over the image's
 * `/etc/nginx/conf.d/default.conf`. It serves the Angular build with a client-side-route fallback, answers the
 * health path the probes and the ALB use, and adds the security headers the ALB cannot set.
 */
import { workloadOf } from './catalogue.js';
import { NGINX_SHUTDOWN_DIRECTIVE } from './shutdown.js';

/**
 * Response headers the frontend adds because the ALB's listener attributes cannot (the ALB sets HSTS,
 * X-Frame-Options and X-Content-Type-Options; see the ingress docs).
 *
 * - `X-XSS-Protection: 0`: the seed listed this header; current browsers have removed the XSS auditor it
 *   controlled, and where it survives, `1; mode=block` can be abused to blank or probe pages. OWASP and MDN
 *   recommend disabling it explicitly and relying on a Content-Security-Policy.
 * - `Referrer-Policy: strict-origin-when-cross-origin`: same-origin requests keep the full URL, cross-origin
 *   HTTPS requests get the origin only, and nothing is sent on a downgrade to HTTP: SPA routes (which may hold
 *   ids) never leak to third parties.
 */
export const FRONTEND_HEADERS = [
  { name: 'X-XSS-Protection', value: '0' },
  { name: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
] as const;

/** Where the image keeps the built SPA (the official nginx image's document root). */
export const FRONTEND_DOCUMENT_ROOT = '/usr/share/nginx/html';
/** Where the main configuration is mounted (a single file, `subPath`): replaces the image's `nginx.conf`. */
export const FRONTEND_MAIN_CONFIG_PATH = '/etc/nginx/nginx.conf';
/** File name of the main configuration inside the ConfigMap. */
export const FRONTEND_MAIN_CONFIG_FILE = 'nginx.conf';

/** Where the server configuration is mounted: replaces the image's default server. */
export const FRONTEND_CONFIG_DIR = '/etc/nginx/conf.d';
/** File name of the server configuration inside the ConfigMap and the mount. */
export const FRONTEND_CONFIG_FILE = 'default.conf';

/**
 * Directories nginx writes to, mounted as emptyDirs because the root filesystem is read-only: the proxy and
 * body temp files (`/var/cache/nginx`), the pid file (`/var/run/nginx.pid` in the official image) and `/tmp`.
 */
export const FRONTEND_WRITABLE_PATHS = [
  { name: 'nginx-cache', path: '/var/cache/nginx' },
  { name: 'nginx-run', path: '/var/run' },
  { name: 'tmp', path: '/tmp' },
] as const;

/** A response header the frontend adds. */
export interface FrontendHeader {
  /** Header name, e.g. `Content-Security-Policy-Report-Only`. */
  readonly name: string;
  /** Header value: printable ASCII without `"`, `\` or `$` (nginx quotes it and expands `$` variables). */
  readonly value: string;
}

/**
 * Compression of the SPA's responses (nginx `ngx_http_gzip_module`): gzip for text types of at least
 * `minLengthBytes` (a shorter body barely shrinks, and its gzip header can make it larger), `Vary: Accept-Encoding`
 * so caches keep the compressed and the plain copy apart. `text/html` is always compressed once gzip is on ("Responses
 * with the text/html type are always compressed"), so it is not listed. Never the types that are compressed already
 * (`ALREADY_COMPRESSED_TYPES`): gzip would spend CPU for nothing and can make them larger.
 *
 * No brotli: it is the third-party module ngx_brotli, which the official nginx image does not build in; the SPA's
 * image would need its own nginx build. gzip is what every browser accepts.
 */
export const FRONTEND_COMPRESSION = {
  /** gzip level, 1 (fast) to 9 (small); 5 is most of the gain for a fraction of the CPU of 9. */
  level: 5,
  /** Bodies shorter than this are sent as they are (`gzip_min_length`, read from Content-Length). */
  minLengthBytes: 1024,
  /** MIME types compressed besides `text/html` (the types nginx's `mime.types` gives the SPA's files). */
  types: [
    'text/css',
    'text/javascript',
    'application/javascript',
    'application/json',
    'application/manifest+json',
    'application/xml',
    'text/xml',
    'text/plain',
    'image/svg+xml',
    'image/x-icon',
  ],
} as const;

/** MIME types that are compressed already (images, web fonts, archives): never gzipped. */
export const ALREADY_COMPRESSED_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'font/woff',
  'font/woff2',
  'application/zip',
  'application/gzip',
  'application/octet-stream',
] as const;

/** The nginx `add_header` lines, repeated in every location that adds its own headers (nginx does not merge them). */
function headerLines(indent: string, extra: readonly FrontendHeader[]): string[] {
  return [...FRONTEND_HEADERS, ...extra].map(
    ({ name, value }) => `${indent}add_header ${name} "${value}" always;`,
  );
}

/** The gzip directives of the server block. */
function compressionLines(indent: string): string[] {
  const c = FRONTEND_COMPRESSION;
  return [
    `${indent}gzip on;`,
    `${indent}gzip_comp_level ${c.level};`,
    `${indent}gzip_min_length ${c.minLengthBytes};`,
    `${indent}gzip_vary on;`,
    // The ALB adds no Via header, but a proxy in front of it (a corporate one, a CDN) may: compress for it too.
    `${indent}gzip_proxied any;`,
    `${indent}gzip_types ${c.types.join(' ')};`,
  ];
}

/**
 * The server block: deterministic text, one setting per line. `extraHeaders` are headers other concerns publish for
 * the SPA's responses (the ingress's Report-Only Content-Security-Policy), added after `FRONTEND_HEADERS`.
 */
export function frontendServerConfig(extraHeaders: readonly FrontendHeader[] = []): string {
  const frontend = workloadOf('frontend');
  const port = frontend.port;
  const health = frontend.health.readiness.path;
  return [
    '# Generated by pms-gitops (libs/networking/src/frontend-server.ts); do not edit in the cluster.',
    'server {',
    `  listen ${port};`,
    '  server_name _;',
    `  root ${FRONTEND_DOCUMENT_ROOT};`,
    '  index index.html;',
    '  server_tokens off;',
    '  # TLS ends at the ALB: keep redirects relative so they never point at http:// or port 80.',
    '  absolute_redirect off;',
    '',
    '  # Security headers the ALB cannot set; HSTS, X-Frame-Options, X-Content-Type-Options and the enforced CSP come from the ALB.',
    ...headerLines('  ', extraHeaders),
    '',
    '  # Compression: text types from 1 KiB; images, fonts and archives are compressed already.',
    ...compressionLines('  '),
    '',
    '  # Health of the server itself: readiness and liveness probes and the ALB target-group check.',
    `  location = ${health} {`,
    '    access_log off;',
    '    default_type text/plain;',
    '    return 200 "ok\\n";',
    '  }',
    '',
    '  # The entry point must never be cached: it names the hashed bundles of the current release.',
    '  location = /index.html {',
    ...headerLines('    ', extraHeaders),
    '    add_header Cache-Control "no-cache" always;',
    '  }',
    '',
    '  # Client-side routes: any path that is not a file is answered by the SPA.',
    '  location / {',
    '    try_files $uri $uri/ /index.html;',
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * The main configuration (`nginx.conf`), ours rather than the image's because the graceful shutdown is bounded in
 * the main context only: `worker_shutdown_timeout` (nginx core module, since 1.11.11, no default) is "a timeout for
 * a graceful shutdown of worker processes"; when it expires nginx closes the connections still open. The official
 * image stops with SIGQUIT (its `STOPSIGNAL`), nginx's graceful shutdown (nginx.org, "Controlling nginx"): workers
 * stop accepting, finish in-flight requests and close idle keep-alive connections. No `user` directive (the container
 * runs as non-root); the pid file goes to the writable `/var/run`; logs to the container's stdout and stderr; the
 * server itself comes from `conf.d` (`frontendServerConfig`).
 */
export function frontendMainConfig(drainSeconds: number): string {
  return [
    '# Generated by pms-gitops (libs/networking/src/frontend-server.ts); do not edit in the cluster.',
    'worker_processes auto;',
    `# Graceful shutdown (SIGQUIT): in-flight requests get ${drainSeconds} s, then nginx closes what is still open.`,
    `${NGINX_SHUTDOWN_DIRECTIVE} ${drainSeconds}s;`,
    'pid /var/run/nginx.pid;',
    'error_log /dev/stderr notice;',
    '',
    'events {',
    '  worker_connections 1024;',
    '}',
    '',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log /dev/stdout;',
    '  sendfile on;',
    `  include ${FRONTEND_CONFIG_DIR}/*.conf;`,
    '}',
    '',
  ].join('\n');
}
