/**
 * The PMS routing contract: what the routing table is FOR, as data. `PMS_ROUTES` says how to route; the
 * contract says where real URLs must end up, including the boundaries a wrong match type or a missing route
 * gets wrong (the seed's `Exact /api/auth` sent `/api/auth/login` to the SPA and rendered cleanly). `checkRouting`
 * asks the routing simulator, over the rendered objects, where each URL goes, and fails the render on any
 * disagreement. A deliberate routing change updates the contract in the same change, where a reviewer sees it.
 */

/** One URL of the contract: a request path (with query, if any) on the cluster's host and the backend it must reach. */
export type RoutingExpectation = readonly [path: string, backend: string];

/** `apigateway:8080`, the backend of every API and WebSocket path. */
const API = 'apigateway:8080';
/** `frontend:80`, the SPA: everything that is not an API or WebSocket path, including client-side routes. */
const SPA = 'frontend:80';

/**
 * Where every row of the seed's routing table, and its boundaries, must go (`https://<host><path>` → `service:port`).
 * Prefixes match whole segments: `/api/authx` and `/apiary` are not under `/api/auth` and `/api`; paths are
 * case-sensitive. Add a row for every route you add (the path itself and a path below it).
 */
export const PMS_ROUTING_CONTRACT: readonly RoutingExpectation[] = [
  // Authentication: a prefix, not Exact (the seed's mistake).
  ['/api/auth', API],
  ['/api/auth/', API],
  ['/api/auth/login', API],
  ['/api/auth/refresh/token', API],
  // Portfolio and analysis APIs.
  ['/api/portfolio', API],
  ['/api/portfolio/42/positions', API],
  ['/api/analysis', API],
  ['/api/analysis/risk', API],
  ['/api/analysis/risk?window=30d', API],
  // SockJS under /ws (info, transports), the native WebSockets /ws/updates (exact) and /ws/rttm (prefix).
  ['/ws', API],
  ['/ws/info', API],
  ['/ws/123/abc/websocket', API],
  ['/ws/updates', API],
  ['/ws/updates/x', API],
  ['/ws/rttm', API],
  ['/ws/rttm/trades', API],
  // Everything else is the SPA, including client-side routes and near-misses of the API prefixes.
  ['/', SPA],
  ['/index.html', SPA],
  ['/portfolio/42', SPA],
  ['/apiary', SPA],
  ['/api', SPA],
  ['/api/authx', SPA],
  ['/API/auth', SPA],
  ['/wsx', SPA],
];
