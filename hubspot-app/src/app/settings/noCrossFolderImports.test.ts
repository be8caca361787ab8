import ts from 'typescript';

// Jest runs this file as CommonJS; the project compiles without Node types on purpose (the
// extension worker has no Node), so declare the one global this test needs.
declare const __dirname: string;

/**
 * HubSpot builds each project component folder (`cards/`, `settings/`, ...) from its own
 * package.json. A module imported from another folder is bundled with that folder's React too,
 * and two Reacts break hooks at run time, which no type check notices. So every relative import
 * (test files included) must stay inside its own component folder; the settings page keeps its
 * own copies of what it shares with the cards (see settings/utils/fetchFromService.ts).
 */

const APP = ts.sys.resolvePath(`${__dirname}/..`);
const exists = (path: string) => ts.sys.fileExists(path);

/** Every folder under src/app that HubSpot builds on its own: the ones with a package.json. */
const componentFolders = (): string[] =>
  ts.sys.getDirectories(APP).filter((name) => exists(`${APP}/${name}/package.json`));

const sourceFiles = (folder: string): string[] =>
  ts.sys.readDirectory(
    `${APP}/${folder}`,
    ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'],
    ['**/node_modules'],
  );

/** `a/b/../c` → `a/c`, without Node's path module. */
const normalise = (path: string): string => {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return `/${parts.join('/')}`;
};

/** The relative imports in one file (its path and text) that resolve outside `root`. */
const crossingsIn = (root: string, file: string, source: string): string[] => {
  const dir = file.slice(0, file.lastIndexOf('/'));
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => !normalise(`${dir}/${specifier}`).startsWith(`${root}/`))
    .map((specifier) => `${file.slice(APP.length + 1)} imports ${specifier}`);
};

/** Relative imports of a component folder's files that resolve outside that folder. */
const crossingImports = (folder: string): string[] => {
  const root = normalise(`${APP}/${folder}`);
  return sourceFiles(folder).flatMap((file) => crossingsIn(root, file, ts.sys.readFile(file) ?? ''));
};

describe('HubSpot component folders', () => {
  it('When the project is read, then both the cards and the settings page are component folders', () => {
    expect(componentFolders()).toEqual(expect.arrayContaining(['cards', 'settings']));
  });

  it('When a settings file imports a module, then it is inside settings/ (never ../cards)', () => {
    expect(sourceFiles('settings').length).toBeGreaterThan(5);
    expect(crossingImports('settings')).toEqual([]);
  });

  it('When a card file imports a module, then it is inside cards/ (never ../settings)', () => {
    expect(sourceFiles('cards').length).toBeGreaterThan(5);
    expect(crossingImports('cards')).toEqual([]);
  });

  it('When any other component folder imports a module, then it stays inside its folder', () => {
    expect(componentFolders().flatMap(crossingImports)).toEqual([]);
  });

  it('When the settings page keeps its own fetch wrapper, then it calls the same permitted origin as the cards', () => {
    const originIn = (file: string) =>
      /SERVICE_ORIGIN = '([^']+)'/.exec(ts.sys.readFile(`${APP}/${file}`) ?? '')?.[1];
    const permitted: string[] = JSON.parse(ts.sys.readFile(`${APP}/app-hsmeta.json`) ?? '{}').config
      .permittedUrls.fetch;
    expect(originIn('settings/utils/fetchFromService.ts')).toBe(originIn('cards/utils/fetchFromService.ts'));
    expect(permitted).toContain(originIn('settings/utils/fetchFromService.ts'));
  });

  it('When the settings schemas change, then the copy the server test still reads changes with them', () => {
    // server/src/http/routes/hubspotCards.test.ts parses the settings answers with
    // cards/types/settings.ts, the schemas' old home. Until it imports settings/types/settings.ts
    // instead (and the cards copy is deleted), the two must stay identical, or the server test
    // would check the service against schemas the page no longer uses.
    expect(ts.sys.readFile(`${APP}/settings/types/settings.ts`)).toBe(
      ts.sys.readFile(`${APP}/cards/types/settings.ts`),
    );
  });
});

describe('The cross-folder import check', () => {
  it('When a file imports, re-exports or requires from another folder, then each one is reported', () => {
    const root = normalise(`${APP}/settings`);
    const source = [
      "import { ServiceError } from '../utils/fetchFromService';",
      "import { useServiceData } from '../../cards/hooks/useServiceData';",
      "import type { Viewer } from '../../cards/types/common';",
      "export { CardError } from '../../cards/components/CardStates';",
      "const { textOf } = require('../../cards/testing/renderedText');",
      "const later = () => import('../../settings/types/people');",
      "const lazy = () => import('../../cards/PartnerDealCard');",
      "import { z } from 'zod';",
    ].join('\n');
    expect(crossingsIn(root, `${root}/components/Example.tsx`, source)).toEqual([
      'settings/components/Example.tsx imports ../../cards/hooks/useServiceData',
      'settings/components/Example.tsx imports ../../cards/types/common',
      'settings/components/Example.tsx imports ../../cards/components/CardStates',
      'settings/components/Example.tsx imports ../../cards/testing/renderedText',
      'settings/components/Example.tsx imports ../../cards/PartnerDealCard',
    ]);
  });
});
