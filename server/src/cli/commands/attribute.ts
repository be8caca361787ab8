import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isDomainError } from '@entente/shared/errors';
import { attributeCsv, modelConfigFromOptions } from '../../use-cases/attributeCsv.js';

type Options = {
  input: string;
  model: string;
  halfLife?: string;
  weights?: string;
  seed: string;
  output?: string;
};

export const register = (program: Command): void => {
  program
    .command('attribute')
    .description(
      'Attribute exported deals with a model and write each split with its share, amount and explanation.',
    )
    .requiredOption(
      '--input <file>',
      'CSV: deal_id,amount,closed_at,participant_id,touch_kind,occurred_at[,outcome]',
    )
    .requiredOption(
      '--model <name>',
      'sourced_influenced, first_touch, last_touch, linear, time_decay, position_based, shapley or markov',
    )
    .option('--half-life <duration>', 'time_decay half-life, e.g. 7d or 36h (default 7d)')
    .option('--weights <first,middle,last>', 'position_based weights in percent (default 40,20,40)')
    .option('--seed <n>', 'seed for sampled Shapley values on deals with many partners', '1')
    .option(
      '--output <file>',
      'where to write deal_id,participant_id,share,amount,explanation (default: stdout)',
    )
    .action((options: Options) => {
      try {
        const result = attributeCsv({
          bytes: readFileSync(options.input),
          model: modelConfigFromOptions(options),
          seed: Number(options.seed),
        });
        if (options.output) writeFileSync(options.output, result.csv);
        else process.stdout.write(result.csv);
        for (const bad of result.badRows) console.error(`line ${bad.line}: ${bad.reason}`);
        console.error(
          `${result.rows} rows, ${result.badRows.length} skipped, ${result.attributions.length} deals attributed` +
            (options.output ? ` → ${options.output}` : ''),
        );
        if (result.badRows.length > 0) process.exitCode = 2;
      } catch (error) {
        console.error(isDomainError(error) ? `${error.code}: ${error.message}` : error);
        process.exitCode = 1;
      }
    });
};
