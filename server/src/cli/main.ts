import { buildProgram } from './program.js';
import { commands } from './commands/index.js';

const program = buildProgram(commands);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commands report their own failures; this is the last line for anything unexpected.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
