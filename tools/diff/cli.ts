/** `pnpm diff`: the command line of main.ts, with this process's folder, stdout and stderr. */
import { main, processIo } from './main.js';

process.exitCode = await main(process.argv.slice(2), processIo());
