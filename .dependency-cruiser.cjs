// Layering of the service (server/src). `npm run lint:layers` cruises it; test/architecture checks
// these same rules against a fixture tree, which is why paths match `server/src/` anywhere in a path.

/** Where server/src starts, in the real tree or in a fixture copy of its shape. */
const SRC = '(^|/)server/src/';

/** Regex for modules under server/src; each entry is a regex fragment relative to server/src. */
const under = (paths) => `${SRC}(${paths.join('|')})`;

/**
 * The architecture, bottom first. A module may import its own layer and the layers below it.
 * Paths are regex fragments relative to server/src: `dir/` is a folder, `file\\.ts$` one file.
 */
const LAYERS = [
  { name: 'foundation', paths: ['config/', 'observability/', 'secrets/'] },
  { name: 'store', paths: ['store/'] },
  // The queue runner and the catalogue of job kinds; the handlers themselves are entry points.
  { name: 'jobs-core', paths: ['jobs/(?!handlers/)'] },
  { name: 'adapters', paths: ['crm/', 'csv/'] },
  { name: 'context', paths: ['appContext\\.ts$'] },
  { name: 'use-cases', paths: ['use-cases/'] },
  { name: 'entry-points', paths: ['http/', 'jobs/handlers/'] },
  { name: 'sandbox', paths: ['sandbox/'] },
  { name: 'composition', paths: ['service\\.ts$'] },
  // Tools the command line runs: the benchmarks and the card preview (which reads the sandbox).
  { name: 'commands', paths: ['bench/', 'preview/'] },
  { name: 'cli', paths: ['cli/'] },
  { name: 'testing', paths: ['testing/'] },
];

// The top layer gets no rule: there is nothing above it.
const noUpward = LAYERS.slice(0, -1).map((layer, rank) => {
  const above = LAYERS.slice(rank + 1);
  return {
    name: `no-upward-${layer.name}`,
    severity: 'error',
    comment:
      `${layer.name} (rank ${rank}) must not import a higher layer ` +
      `(${above.map((l) => l.name).join(', ')}): lower layers stay usable without what is built on them.`,
    from: { path: under(layer.paths) },
    to: { path: under(above.flatMap((l) => l.paths)) },
  };
});

/** Siblings in one layer: each may not import the others. */
const siblings = (name, paths, why) =>
  paths.map((path) => ({
    name: `no-sibling-${name}`,
    severity: 'error',
    comment: why,
    from: { path: under([path]) },
    to: { path: under(paths.filter((other) => other !== path)) },
  }));

/** Anything in server/src that no layer claims: the layering check cannot see its imports. */
const unlayered = under(LAYERS.flatMap((l) => l.paths));

module.exports = {
  forbidden: [
    ...noUpward,
    ...siblings(
      'entry-points',
      ['http/', 'jobs/handlers/'],
      'Entry points are alternatives over the use cases; sharing goes down into use-cases/.',
    ),
    ...siblings('commands', ['bench/', 'preview/'], 'Each command tool stands alone; shared parts go lower.'),
    ...siblings(
      'adapters',
      ['crm/', 'csv/'],
      'Adapters are independent ways in and out; what they share belongs lower down.',
    ),
    ...siblings(
      'crm-vendors',
      ['crm/hubspot/', 'crm/salesforce/'],
      'Each CRM adapter stands alone behind the port in crm/; one vendor must not depend on the other.',
    ),
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes its modules one unit: none can be loaded, tested or layered alone.',
      from: { path: SRC },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-relative',
      severity: 'error',
      comment:
        'An import the cruiser cannot resolve drops out of every rule above, so the check would go blind.',
      from: { path: SRC },
      to: { couldNotResolve: true, path: '^\\.' },
    },
    {
      name: 'not-in-a-layer',
      severity: 'warn',
      comment: 'This module is in no layer of .dependency-cruiser.cjs, so its imports go unchecked.',
      from: { path: SRC, pathNot: unlayered },
      to: {},
    },
  ],
  options: {
    // Tests may import anything.
    exclude: { path: ['\\.test\\.tsx?$', '__tests__', '(^|/)dist/'] },
    // Only server/src is layered; shared/ and packages are leaves here.
    doNotFollow: { path: ['node_modules', '^shared/'] },
    // A type-only import running upward is still a layer violation.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'server/tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
