// Tests never reach the network. Host names resolve only to this machine's loopback interface
// (servers the test started, PostgreSQL, Redis); any other name fails at once with an error that
// says how to fix it. Outbound HTTP to a real API is answered by nock in the test files that need
// it. (nock is not loaded here on purpose: its interceptor sits in front of every socket, and
// loopback servers closing connections under it crash the Jest worker.)
const dns = require('node:dns');

const GUARD = Symbol.for('entente.test.networkGuard');
const isLoopback = (host) => host === 'localhost' || host === '::1' || /^127\./.test(host);

const refusal = (host) => {
  const error = new Error(`Tests may not reach ${host}: answer the call with nock or a local simulator`);
  error.code = 'ENOTFOUND';
  error.hostname = host;
  return error;
};

if (!dns[GUARD]) {
  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(host, options, callback) {
    const done = typeof options === 'function' ? options : callback;
    if (!isLoopback(String(host))) {
      process.nextTick(() => done(refusal(host)));
      return {};
    }
    return lookup.call(this, host, options, callback);
  };
  const promisesLookup = dns.promises.lookup;
  dns.promises.lookup = async (host, options) => {
    if (!isLoopback(String(host))) throw refusal(host);
    return promisesLookup(host, options);
  };
  dns[GUARD] = true;
}

process.env.LOG_LEVEL ??= 'silent';
