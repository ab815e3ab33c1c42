// Unit checks of the sidebar's pure modules (compiled by `npm test` with
// tsconfig.node.json). The share-URL rules are also checked against the
// server's Python implementation by tests/e2e/test_labextension_rules.py.
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { checkShareUrl, badgeMarkdown, runInModelArtsUrl } = require('../lib/node/shareUrl.js');
const { formatRemaining, hasAutoStop, leaseDeadline } = require('../lib/node/countdown.js');
const { sshConfig, sshEndpoint } = require('../lib/node/ssh.js');
const { errorCodeInWords, findErrorCode } = require('../lib/node/errorWords.js');
const { stopNoticeFor } = require('../lib/node/phase.js');

const BLOB = 'https://github.com/org/repo/blob/main/dir/demo.ipynb';
const RAW = 'https://raw.githubusercontent.com/org/repo/main/dir/demo.ipynb';

test('a GitHub blob page becomes the raw link, Base64-encoded', () => {
  const result = checkShareUrl(BLOB);
  assert.equal(result.ok, true);
  assert.equal(result.url, RAW);
  assert.equal(result.base64, Buffer.from(RAW).toString('base64'));
});

test('Base64 input is decoded, never encoded twice', () => {
  const b64 = Buffer.from(RAW).toString('base64');
  assert.deepEqual(checkShareUrl(b64), checkShareUrl(RAW));
  assert.deepEqual(checkShareUrl(b64.replace(/=/g, '%3D')), checkShareUrl(RAW));
});

test('bad input gets a sentence naming the field', () => {
  for (const text of ['not a url', 'ftp://x.org/a.ipynb', 'https://x.org/a.txt', 'https://u:p@x.org/a.ipynb']) {
    const result = checkShareUrl(text);
    assert.equal(result.ok, false, text);
    assert.match(result.message, /^Notebook URL /);
  }
});

test('the badge links to Run in ModelArts with the image id', () => {
  const b64 = checkShareUrl(BLOB).base64;
  const image = 'e1a07296-22a8-4f05-8bc8-e936c8e54090';
  assert.equal(
    runInModelArtsUrl(b64, image),
    `https://authoring-modelarts-cnnorth4.huaweicloud.com/console/lab?share-url-b64=${encodeURIComponent(b64)}&imageid=${image}`
  );
  assert.match(badgeMarkdown(b64), /^\[!\[Run in ModelArts\]\(https:\/\/img\.shields\.io\/.+\)\]\(https:.+\)$/);
});

test('countdown formats hh:mm:ss and counts from the server remaining_ms', () => {
  assert.equal(formatRemaining(3600000), '01:00:00');
  assert.equal(formatRemaining(72 * 3600000), '72:00:00');
  assert.equal(formatRemaining(61500), '00:01:02');
  assert.equal(formatRemaining(-5), '00:00:00');
  assert.equal(leaseDeadline({ enable: true, remaining_ms: 1000, expires_at: 5 }, 100), 1100);
  assert.equal(leaseDeadline({ enable: false, remaining_ms: 1000 }, 100), null);
});

test('ssh config line from the endpoint', () => {
  const text = sshConfig(
    { dev_service: 'SSH', uri: 'ssh://dev.example.com:31205', key_pair_names: ['KeyPair-1'] },
    'codelab-nb 1'
  );
  assert.equal(
    text,
    'Host codelab-nb-1\n  HostName dev.example.com\n  Port 31205\n  User ma-user\n  IdentityFile ~/.ssh/KeyPair-1.pem'
  );
});

test('the SSH endpoint as ModelArts spells it (EndpointsRes: service, key_pair_names)', () => {
  const real = {
    dev_service: 'NOTEBOOK',
    service: 'SSH',
    uri: 'ssh://dev.example.com:31205',
    key_pair_names: ['KeyPair-2']
  };
  assert.equal(sshEndpoint([{ service: 'NOTEBOOK', uri: 'https://x' }, real]), real);
  assert.equal(sshEndpoint([{ service: 'SSH', uri: '' }]), null);
  assert.match(sshConfig(real, 'nb'), /IdentityFile ~\/\.ssh\/KeyPair-2\.pem$/);
});

test('error codes in words', () => {
  assert.equal(findErrorCode('failed: ModelArts.6360 no resources'), 'ModelArts.6360');
  assert.match(errorCodeInWords('ModelArts.6360'), /No free resources/);
  assert.equal(errorCodeInWords('ModelArts.9999'), null);
  assert.match(errorCodeInWords('ModelArts.6304'), /Stop the instance before deleting it/);
  // Gateway codes: APIG. and APIGW. read alike.
  assert.equal(errorCodeInWords('APIGW.0301'), errorCodeInWords('APIG.0301'));
  assert.match(errorCodeInWords('APIG.0303'), /15 minutes/);
  assert.equal(findErrorCode('Incorrect IAM authentication information [APIG.0301, request id abc]'), 'APIG.0301');
});

test('why it stopped', () => {
  assert.equal(stopNoticeFor(true, 1000, 0), 'stopped-here');
  assert.equal(stopNoticeFor(false, 10000, 9000), 'lease-ended');
  assert.equal(stopNoticeFor(false, 100000, 9000), 'stopped-elsewhere');
  assert.equal(stopNoticeFor(false, null, 9000), 'stopped-elsewhere');
});

test('no auto-stop: no deadline', () => {
  assert.equal(leaseDeadline({ enable: true, auto_stop: false, remaining_ms: null, expires_at: null }, 100), null);
  assert.equal(hasAutoStop({ enable: true, auto_stop: false }), false);
  assert.equal(hasAutoStop({ enable: true, auto_stop: true }), true);
  assert.equal(hasAutoStop(null), false);
});
