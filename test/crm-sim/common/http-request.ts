import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PlainResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

export type PlainRequest = {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
};

/**
 * One HTTP exchange on a fresh connection (no keep-alive pool), used for webhook deliveries and in
 * tests. Fetch's pooled sockets outlive a simulator that closes and can surface stray resets.
 */
export const plainRequest = (
  url: string,
  { method = 'GET', headers = {}, body, timeoutMs = 30_000 }: PlainRequest = {},
): Promise<PlainResponse> =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method,
        agent: false,
        headers: {
          ...headers,
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error('request timed out'), { name: 'TimeoutError' })),
    );
    req.on('error', reject);
    req.end(body);
  });
