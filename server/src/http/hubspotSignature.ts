import type { RequestHandler } from 'express';
import { DomainError } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { checkSignatureV3, type SignatureCheck } from '../crm/hubspot/webhookSignature.js';
import type { RawBodyRequest } from './rawBody.js';

type Refusal = Exclude<SignatureCheck, 'ok'>;

const MESSAGES: Record<Refusal, string> = {
  missing: 'The request carries no X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp',
  stale: 'The request timestamp is more than five minutes away from now',
  invalid: 'The signature does not match the request',
};

/**
 * Nothing HubSpot sends is trusted before its v3 signature holds over the raw bytes and the public
 * URL HubSpot called (behind a proxy that is PUBLIC_URL, not ours), within five minutes. Webhooks
 * and card requests (hubspot.fetch) are signed the same way; they differ in the codes they answer
 * with (`WEBHOOK.SIGNATURE_*`, `CARDS.SIGNATURE_*`) and in whether a body is expected.
 */
export const requireHubSpotSignature =
  (
    ctx: AppContext,
    options: {
      codePrefix: 'WEBHOOK' | 'CARDS';
      /** What the requests are, for messages and logs. */
      what: string;
      secret: () => string | undefined;
      /** A GET has no body; HubSpot signs it with an empty one. */
      emptyBodyAllowed: boolean;
    },
  ): RequestHandler =>
  (req, _res, next) => {
    const secret = options.secret();
    if (!secret) {
      next(
        new DomainError('HUBSPOT.NOT_CONFIGURED', `No HubSpot app is configured to verify ${options.what}`),
      );
      return;
    }
    const rawBody = (req as RawBodyRequest).rawBody;
    const result = checkSignatureV3({
      clientSecret: secret,
      method: req.method,
      uri: `${ctx.config.publicUrl}${req.originalUrl}`,
      rawBody: rawBody ?? (options.emptyBodyAllowed ? Buffer.alloc(0) : undefined),
      signature: req.get('x-hubspot-signature-v3'),
      timestamp: req.get('x-hubspot-request-timestamp'),
      now: ctx.now(),
    });
    if (result === 'ok') {
      next();
      return;
    }
    req.log?.warn({ reason: result }, `hubspot ${options.what} refused`);
    next(
      new DomainError(
        `${options.codePrefix}.SIGNATURE_${result.toUpperCase() as Uppercase<Refusal>}`,
        MESSAGES[result],
      ),
    );
  };
