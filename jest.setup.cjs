// Tests never reach the network: every outbound HTTP call must be answered by nock or go to a
// server the test started on the loopback interface.
const nock = require('nock').default ?? require('nock');
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
process.env.LOG_LEVEL ??= 'silent';
