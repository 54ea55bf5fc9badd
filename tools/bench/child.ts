/**
 * One measured process of the benchmark (spawned by cli.ts; never imported). Modes:
 * - `render <scratch>`: what `pnpm render` does (every app target: three clusters and argocd), written into
 *   `<scratch>` instead of the work tree;
 * - `fleet <size> <scratch>`: a synthetic fleet of `size` clusters, rendered and written into `<scratch>`;
 * - `engine`: in-process timings of the render engine (imports, cold and warm builds, validation share).
 * Prints one JSON line: the phase times (ms since process start where noted) and peak memory.
 */
const startedAt = performance.now();
const [mode = 'render', ...args] = process.argv.slice(2);

function report(result: Record<string, unknown>): void {
  process.stdout.write(
    `${JSON.stringify({ ...result, bootMs: startedAt, totalMs: performance.now(), maxRssKb: process.resourceUsage().maxRSS })}\n`,
  );
}

if (mode === 'render' || mode === 'fleet') {
  const scratch = mode === 'render' ? args[0]! : args[1]!;
  const t0 = performance.now();
  const { renderTargets, findWorkspaceRoot } = await import('@pms/render');
  let targets;
  if (mode === 'render') {
    const { loadTargets } = await import('../render/targets.js');
    targets = await loadTargets(findWorkspaceRoot());
  } else {
    const { pmsClusterTarget } = await import('@pms/platform');
    const { syntheticFleet } = await import('./fleet.js');
    const { realClusters } = await import('./clusters.js');
    const size = Number(args[0]);
    const bases = realClusters();
    targets = bases
      .flatMap((base, b) => syntheticFleet(base, size).filter((_, i) => i % bases.length === b))
      .map(pmsClusterTarget);
  }
  const imported = performance.now();
  const result = renderTargets(scratch, targets, 'write');
  const rendered = performance.now();
  if (!result.ok) {
    process.stderr.write(`${result.lines.join('\n')}\n`);
    process.exit(1);
  }
  report({ mode, targets: targets.length, importMs: imported - t0, renderMs: rendered - imported });
} else if (mode === 'engine') {
  const { runEngineProfile } = await import('./engine.js');
  report({ mode, ...(await runEngineProfile()) });
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
export {};
