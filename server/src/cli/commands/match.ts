import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { isDomainError } from '@entente/shared/errors';
import { matchCsv, parseColumnMap } from '../../use-cases/matchCsv.js';

type Options = { input: string; id: string; map: string; output: string; closure: boolean };

export const register = (program: Command): void => {
  program
    .command('match')
    .description(
      'Find duplicate accounts or registrations in a CSV and write the scored pairs with their reasons.',
    )
    .requiredOption('--input <file>', 'CSV file (UTF-8 or Latin-1, with or without BOM)')
    .requiredOption('--id <column>', 'column holding a unique row id')
    .requiredOption(
      '--map <fields>',
      'field=COLUMN pairs: name (required), domain, website, email, phone, address, city, zip, country',
    )
    .requiredOption('--output <file>', 'where to write pairs.csv (left_id,right_id,score,decision,reasons)')
    .option('--no-closure', 'do not merge match decisions transitively')
    .action((options: Options) => {
      const bar = process.stderr.isTTY
        ? new SingleBar({ stream: process.stderr }, Presets.shades_classic)
        : null;
      try {
        const output = matchCsv({
          bytes: readFileSync(options.input),
          idColumn: options.id,
          map: parseColumnMap(options.map),
          transitiveClosure: options.closure,
          onProgress: bar
            ? (done, total) => (done <= 1 ? bar.start(total, done) : bar.update(done))
            : undefined,
        });
        bar?.stop();
        writeFileSync(options.output, output.csv);
        const matches = output.result.pairs.filter((pair) => pair.decision === 'match').length;
        console.error(
          `${output.rows} rows (${output.encoding}), ${output.result.comparisons} comparisons, ` +
            `${matches} match and ${output.result.pairs.length - matches} possible pairs, ` +
            `${output.result.clusters.length} clusters → ${options.output}`,
        );
      } catch (error) {
        bar?.stop();
        console.error(isDomainError(error) ? `${error.code}: ${error.message}` : error);
        process.exitCode = 1;
      }
    });
};
