import { Command } from 'commander';

/**
 * A CLI command lives in its own module under `commands/` and adds itself to the program. The
 * command only parses its arguments and hands the work to a use case.
 */
export type CommandModule = {
  register(program: Command): void;
};

export const buildProgram = (modules: readonly CommandModule[]): Command => {
  const program = new Command('entente')
    .description('Entente: partner deal governance inside HubSpot and Salesforce.')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  for (const module of modules) module.register(program);
  return program;
};
