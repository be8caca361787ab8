import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** server/src/preview and server/dist/preview both sit three levels below the repository root. */
export const HUBSPOT_APP_SRC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../hubspot-app/src',
);

type Transform = (source: string, options: Record<string, unknown>) => { code: string };
let installed = false;

/**
 * The cards are TSX written for HubSpot's bundler (extensionless imports). To render the real
 * components from the CLI without a second build, a module hook compiles hubspot-app sources with
 * SWC (already the repository's Jest transform) as Node loads them. Only files under
 * hubspot-app/src are touched.
 */
const install = async () => {
  if (installed) return;
  const swc = (await import('@swc/core')) as unknown as { transformSync: Transform };
  const root = pathToFileURL(HUBSPOT_APP_SRC).href;
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier.startsWith('.') && context.parentURL?.startsWith(root) && !path.extname(specifier)) {
        const base = fileURLToPath(new URL(specifier, context.parentURL));
        for (const candidate of [`${base}.tsx`, `${base}.ts`, path.join(base, 'index.ts')])
          if (existsSync(candidate)) return { url: pathToFileURL(candidate).href, shortCircuit: true };
      }
      return next(specifier, context);
    },
    load(url, context, next) {
      if (url.startsWith(root) && /\.tsx?$/.test(url)) {
        const filename = fileURLToPath(url);
        const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
          filename,
          jsc: {
            parser: { syntax: 'typescript', tsx: filename.endsWith('.tsx') },
            target: 'es2022',
            transform: { react: { runtime: 'automatic' } },
          },
          module: { type: 'es6' },
        });
        return { format: 'module', source: code, shortCircuit: true };
      }
      return next(url, context);
    },
  });
  installed = true;
};

export type PreviewCard = 'deal' | 'company' | 'review' | 'settings';
export type PreviewFetch = (
  url: string,
  options: { method: 'GET' | 'POST'; body?: Record<string, unknown>; timeout: number },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

type RenderCardPreview = (input: {
  card: PreviewCard;
  recordId: string;
  on?: 'deals' | 'companies';
  fetchImpl: PreviewFetch;
  timeoutMs?: number;
}) => Promise<string>;

/** Loads hubspot-app/src/preview/renderCardPreview.tsx through the hook above. */
export const loadCardRenderer = async (): Promise<RenderCardPreview> => {
  await install();
  const module = (await import(
    pathToFileURL(path.join(HUBSPOT_APP_SRC, 'preview/renderCardPreview.tsx')).href
  )) as {
    renderCardPreview: RenderCardPreview;
  };
  return module.renderCardPreview;
};
