import { runRenderCli } from '@pms/render';
import { target } from './target.js';

runRenderCli([target]);
