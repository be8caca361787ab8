import type { Command } from 'commander';
import { previewCard } from '../../preview/previewCard.js';

const CARDS = ['deal', 'company', 'review', 'settings'] as const;
type Card = (typeof CARDS)[number];

export const register = (program: Command): void => {
  const preview = program
    .command('preview')
    .description('See what the HubSpot cards show, from a terminal (sandbox)');
  preview
    .command('card')
    .description(
      'Render a card with the real @hubspot/ui-extensions renderer against the running sandbox service, as a sandbox user. ' +
        'Examples (sandbox): `entente preview card deal 10001000077 --as darcel`, `entente preview card review 10001000022 --on company --as dana`, `entente preview card settings --as ada`',
    )
    .argument('<card>', `one of ${CARDS.join(', ')}`)
    .argument('[recordId]', 'the HubSpot (or Entente) id of the deal or company; not needed for settings')
    .requiredOption('--as <user>', 'sandbox user: id, e-mail, HubSpot user id or part of the name')
    .option('--on <record>', 'review card: deal or company', 'deal')
    .option('--url <url>', 'where the service listens', `http://localhost:${process.env.PORT ?? '3000'}`)
    .option('--public-url <url>', "the service's PUBLIC_URL, if it differs from --url (signatures cover it)")
    .action(
      async (
        card: string,
        recordId: string | undefined,
        options: { as: string; on: string; url: string; publicUrl?: string },
      ) => {
        if (
          !CARDS.includes(card as Card) ||
          (card !== 'settings' && !recordId) ||
          !['deal', 'company'].includes(options.on)
        ) {
          console.error(
            `Usage: entente preview card <${CARDS.join('|')}> [recordId] --as USER [--on deal|company]`,
          );
          process.exit(2);
        }
        try {
          const url = options.url.replace(/\/+$/, '');
          const { header, body } = await previewCard({
            card: card as Card,
            recordId: recordId ?? '',
            on: options.on === 'company' ? 'companies' : 'deals',
            as: options.as,
            serviceUrl: url,
            publicUrl: (options.publicUrl ?? url).replace(/\/+$/, ''),
          });
          console.log(`${header}\n${'='.repeat(Math.min(header.length, 100))}\n${body}`);
        } catch (error) {
          console.error((error as Error).message);
          process.exitCode = 1;
        }
      },
    );
};
