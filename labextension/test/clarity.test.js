// The clarity rules in the pure modules: what Open will do, Extend from the current
// auto-stop, the stop time in words, hosts ModelArts cannot reach, "not a link", restarts.
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { openIntent, openLabel, isOpenEnabled, openSentence, openCommandLabel } = require('../lib/node/openIntent.js');
const { clockTime } = require('../lib/node/countdown.js');
const { hostWarning, unreachableHost } = require('../lib/node/hostWarning.js');
const { checkShareUrl } = require('../lib/node/shareUrl.js');
const { isRestart } = require('../lib/node/phase.js');

const CPU = { id: 'cpu-1', name: 'pytorch1.8-cuda10.2', tag: '1.0', processor: 'CPU', default: true };
const GPU = { id: 'gpu-1', name: 'tensorflow2.1', tag: '2.0', processor: 'GPU', default: false };
const RAW = 'https://raw.githubusercontent.com/org/repo/main/a.ipynb';
const instance = (status, extra = {}) => ({
  id: 'n1',
  name: 'notebook_1',
  status,
  image: { id: CPU.id, name: CPU.name, tag: CPU.tag },
  description: RAW,
  ...extra
});

test('no instance, or a failed one: Open', () => {
  for (const [notebook, phase] of [
    [null, 'none'],
    [instance('START_FAILED'), 'failed']
  ]) {
    const intent = openIntent({ notebook, phase, image: GPU, shareText: '' });
    assert.equal(intent.kind, 'open');
    assert.equal(openLabel(intent), 'Open');
    assert.ok(isOpenEnabled(intent));
  }
});

test('another image while running: Switch image, naming both, and it restarts', () => {
  const intent = openIntent({ notebook: instance('RUNNING'), phase: 'running', image: GPU, shareText: '' });
  assert.deepEqual(intent, { kind: 'switch', from: 'pytorch1.8-cuda10.2:1.0', to: 'tensorflow2.1:2.0', running: true });
  assert.equal(openLabel(intent), 'Switch image');
  assert.match(
    openSentence(intent, 'notebook_1'),
    /notebook_1 restarts with image tensorflow2\.1:2\.0 instead of pytorch1\.8-cuda10\.2:1\.0/
  );
  assert.equal(openCommandLabel(intent), 'Switch the CodeLab Instance to Image tensorflow2.1:2.0');
  const stopped = openIntent({ notebook: instance('STOPPED'), phase: 'stopped', image: GPU, shareText: '' });
  assert.match(openSentence(stopped, 'notebook_1'), /stays stopped/);
});

test('the same image: Load another notebook, enabled only for another valid link', () => {
  const base = { notebook: instance('RUNNING'), phase: 'running', image: CPU };
  const other = openIntent({ ...base, shareText: 'https://github.com/org/repo/blob/main/b.ipynb' });
  assert.equal(other.kind, 'load');
  assert.equal(openLabel(other), 'Load another notebook');
  for (const shareText of ['', RAW, 'https://github.com/org/repo/blob/main/a.ipynb']) {
    const same = openIntent({ ...base, shareText });
    assert.equal(same.kind, 'nothing', shareText);
    assert.equal(isOpenEnabled(same), false);
  }
});

test('an instance on its way, or an invalid link: disabled', () => {
  assert.equal(
    openIntent({ notebook: instance('STARTING'), phase: 'starting', image: CPU, shareText: '' }).kind,
    'wait'
  );
  const invalid = openIntent({ notebook: null, phase: 'none', image: CPU, shareText: 'hello world' });
  assert.equal(invalid.kind, 'invalid');
  assert.equal(isOpenEnabled(invalid), false);
  for (const phase of ['loading', 'unavailable']) {
    assert.equal(isOpenEnabled(openIntent({ notebook: null, phase, image: CPU, shareText: '' })), false, phase);
  }
});

test('"hello world" is not a link', () => {
  assert.equal(
    checkShareUrl('hello world').message,
    'Notebook URL is not a link: paste the https link to an .ipynb file.'
  );
  assert.match(checkShareUrl('https://example.org/a b.ipynb').message, /space/);
});

test('the stop time reads 15:42 today, with the day otherwise', () => {
  const now = new Date(2024, 4, 7, 14, 0).getTime();
  assert.equal(clockTime(new Date(2024, 4, 7, 15, 42).getTime(), now), '15:42');
  assert.equal(clockTime(new Date(2024, 4, 7, 9, 5).getTime(), now), '09:05');
  assert.match(clockTime(new Date(2024, 4, 8, 1, 2).getTime(), now), /^[A-Z][a-z]{2} 01:02$/);
});

test("the stop time's day is in the user's language, the clock 24 h in every language", () => {
  const now = new Date(2024, 4, 7, 14, 0).getTime(); // a Tuesday
  const tomorrow = new Date(2024, 4, 8, 15, 42).getTime();
  assert.equal(clockTime(tomorrow, now, 'en-US'), 'Wed 15:42');
  assert.equal(clockTime(tomorrow, now, 'zh-CN'), '周三 15:42');
  assert.equal(clockTime(new Date(2024, 4, 7, 0, 5).getTime(), now, 'en-US'), '00:05');
});

test('hosts ModelArts cannot reach are warned about; public ones are not', () => {
  for (const url of [
    'http://localhost:8888/a.ipynb',
    'https://127.0.0.1/a.ipynb',
    'https://10.1.2.3/a.ipynb',
    'https://172.20.0.1/a.ipynb',
    'https://192.168.1.5/a.ipynb',
    'https://printer.local/a.ipynb',
    'https://[::1]:8888/a.ipynb',
    'https://[fd00::1]/a.ipynb',
    'https://intranet/a.ipynb'
  ]) {
    assert.ok(unreachableHost(url), url);
    assert.match(hostWarning(url), /cannot reach/);
  }
  for (const url of [RAW, 'https://172.32.0.1/a.ipynb', 'https://8.8.8.8/a.ipynb', 'https://[2001:db8::1]/a.ipynb']) {
    assert.equal(hostWarning(url), null, url);
  }
});

test('a restart is a starting instance whose steps are all completed', () => {
  const done = [1, 2, 3, 4].map(step => ({ step, status: 'COMPLETED' }));
  assert.equal(isRestart({ status: 'STARTING', action_progress: done }), true);
  assert.equal(
    isRestart({ status: 'STARTING', action_progress: [...done.slice(0, 3), { step: 4, status: 'PROCESSING' }] }),
    false
  );
  assert.equal(isRestart({ status: 'RUNNING', action_progress: done }), false);
});
