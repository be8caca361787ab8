import type { CommandModule } from '../program.js';
import * as serve from './serve.js';
import * as migrate from './migrate.js';
import * as match from './match.js';
import * as attribute from './attribute.js';
import * as simulate from './simulate.js';
import * as audit from './audit.js';
import * as backfill from './backfill.js';
import * as bench from './bench.js';
import * as preview from './preview.js';

/** Every `entente` subcommand, one module each. */
export const commands: readonly CommandModule[] = [
  serve,
  migrate,
  match,
  attribute,
  simulate,
  backfill,
  audit,
  bench,
  preview,
];
