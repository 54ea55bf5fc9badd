import { readFileSync } from 'node:fs';
import { TempRepo } from './diff/__fixtures__/temp-repo.js';
import { installFixtureLibrary, setFixtureObjects } from './diff/__fixtures__/fixture-lib.js';
import { fixtureObjects } from './diff/__fixtures__/cluster.js';
import { main } from './diff/main.js';
const cpu = () => {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000 + (Number(f[13]) + Number(f[14])) * 10;
};
let t = performance.now();
let c = cpu();
const lap = (label: string) => {
  const n = performance.now();
  const cc = cpu();
  console.log(
    label.padEnd(40),
    'wall',
    (n - t).toFixed(0).padStart(6),
    'cpu',
    (cc - c).toFixed(0).padStart(6),
  );
  t = n;
  c = cc;
};
const repo = TempRepo.fromWorkspace();
lap('fromWorkspace');
installFixtureLibrary(repo, fixtureObjects());
repo.commit('fixture');
lap('install+commit');
setFixtureObjects(repo, fixtureObjects({ apiPath: '/apis' }));
repo.commit('x');
lap('change+commit');
const r = repo.run('tsx', ['tools/render/affected.ts', '--base', 'HEAD~1']);
lap('render:affected ' + r.status);
repo.git('add', '-A');
repo.git('commit', '-q', '--amend', '--no-edit');
lap('amend');
const io = { cwd: repo.dir, stdout: () => {}, stderr: () => {} };
await main(['--base', 'HEAD~1'], io);
lap('diff in-process (render base)');
setFixtureObjects(repo, fixtureObjects({ apiPath: '/apis', dnsEgress: false }));
await main(['--base', 'HEAD'], io);
lap('diff 2 in-process (render base)');
await main(['--base', 'HEAD', '--base-output', 'committed'], io);
lap('diff 2 committed');
repo.node(['tools/render/bin.mjs']);
lap('bin');
repo.node(['tools/render/bin.mjs', '--check']);
lap('bin --check');
const p = repo.run('tsx', ['tools/diff/cli.ts', '--base', 'HEAD', '--base-output', 'committed']);
lap('diff process ' + p.status);
await main(['--base', 'no-such'], io);
lap('diff bad base');
repo.dispose();
lap('dispose');
