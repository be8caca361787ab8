// nock patches Node's HTTP globals when it loads, once per test file (each file has its own module
// registry). Jest reuses a worker process for many files, so without this each file would stack a
// new interceptor on top of the previous file's; requests then fail in the next file. Undo the
// patch when a file ends, so every file starts from clean globals.
afterAll(() => {
  const nock = require('nock').default ?? require('nock');
  nock.cleanAll();
  nock.restore();
});
