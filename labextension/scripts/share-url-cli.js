// Reads a JSON list of pasted texts on stdin and prints what the sidebar's
// share-URL rules make of each: {ok, url, base64} or {ok: false, message}.
// Used by tests/e2e/test_labextension_rules.py to compare with the server.
const { checkShareUrl } = require('../lib/node/shareUrl.js');

let input = '';
process.stdin.on('data', chunk => (input += chunk));
process.stdin.on('end', () => {
  const texts = JSON.parse(input);
  process.stdout.write(JSON.stringify(texts.map(text => checkShareUrl(text))));
});
