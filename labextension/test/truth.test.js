// What a face shows is true now: the banner's lifetime, which notebook an instance runs (and
// whether a badge may be built from it), the start steps' times, what connecting or signing out
// did to the simulated instance, and a reconnected stream's snapshot read as its status's event.
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { shownError, stateKey } = require('../lib/node/banner.js');
const { draftAfter, isPrivateLink, loadedNotebook } = require('../lib/node/loadedNotebook.js');
const { formatElapsed, StepClock } = require('../lib/node/stepTimes.js');
const { modeSwitchNotice, noticeText } = require('../lib/node/notice.js');
const { asStatusEvent, isFollowed } = require('../lib/node/phase.js');
const { openIntent, openSentence } = require('../lib/node/openIntent.js');

const GITHUB = 'https://github.com/org/repo/blob/main/a.ipynb';
const RAW = 'https://raw.githubusercontent.com/org/repo/main/a.ipynb';
const SIGNED =
  'http://127.0.0.1:9000/codelab-1234abcd-cn-north-4/codelab/0123456789abcdef/mine.ipynb?Expires=1&AWSAccessKeyId=AK&Signature=x%3D';
const nb = (status, description = '', id = 'n1') => ({ id, name: 'notebook_1', status, description });
const error = action => ({
  action,
  message: 'No free resources',
  kind: 'server',
  errorCode: 'ModelArts.6360',
  errorMsg: null
});

test('a banner lasts while the state it was raised in lasts; a failed load stays until Retry', () => {
  const raisedAt = stateKey(nb('STOPPED'));
  assert.deepEqual(shownError(error('start'), raisedAt, nb('STOPPED')), error('start'));
  for (const now of [nb('FROZEN'), nb('RUNNING'), nb('STOPPED', RAW), nb('STOPPED', '', 'n2'), null]) {
    assert.equal(shownError(error('start'), raisedAt, now), null, JSON.stringify(now));
  }
  assert.deepEqual(shownError(error('load'), '', nb('RUNNING')), error('load'));
});

test('a sent notebook is private, whatever its link looks like; a badge needs a public one', () => {
  for (const text of [
    'obs://codelab-1234abcd-cn-north-4/codelab/0123456789abcdef/mine.ipynb',
    SIGNED,
    SIGNED.split('?')[0],
    'https://codelab-b.obs.cn-north-4.myhuaweicloud.com/x/mine.ipynb'
  ]) {
    assert.equal(isPrivateLink(text), true, text);
    assert.deepEqual(loadedNotebook(nb('RUNNING', text)), { kind: 'sent', name: 'mine.ipynb' });
  }
  assert.equal(isPrivateLink(RAW), false);
  assert.deepEqual(loadedNotebook(nb('RUNNING', RAW)), { kind: 'link', url: RAW });
  assert.equal(loadedNotebook(nb('RUNNING', 'my notes')), null);
});

test("the form's notebook follows the instance unless the person typed another", () => {
  // A resumed instance fills an empty field; a typed text stays.
  assert.equal(draftAfter(null, nb('RUNNING', RAW), ''), RAW);
  assert.equal(draftAfter(null, nb('RUNNING', RAW), 'typed'), 'typed');
  // A send into the same instance replaces the link the field showed (the GitHub page of it too).
  assert.equal(draftAfter(nb('RUNNING', RAW), nb('RUNNING', SIGNED), GITHUB), '');
  assert.equal(
    draftAfter(nb('RUNNING', RAW), nb('RUNNING', SIGNED), 'https://example.org/other.ipynb'),
    'https://example.org/other.ipynb'
  );
  assert.equal(draftAfter(nb('RUNNING', SIGNED), nb('RUNNING', RAW), ''), RAW);
});

test('each step has the time this tab saw it take', () => {
  const clock = new StepClock();
  const steps = statuses => statuses.map((status, i) => ({ step: i + 1, status, description: null }));
  clock.observe('n1', steps(['PROCESSING', 'WAITING']), 1000, 1000);
  clock.observe('n1', steps(['COMPLETED', 'PROCESSING']), 1000, 13_000);
  assert.equal(clock.elapsed(1, 99_000), 12_000); // ended: its time stays
  assert.equal(clock.elapsed(2, 20_000), 7000); // from the end of the step before
  assert.equal(clock.elapsed(3, 20_000), null);
  clock.observe('n2', steps(['WAITING']), 5000, 5000); // another instance starts afresh
  assert.equal(clock.elapsed(1, 6000), null);
  assert.deepEqual([0, 7499, 65_000, 3_723_000].map(formatElapsed), ['0:00', '0:07', '1:05', '1:02:03']);
});

test('connecting and signing out say what became of the simulated instance', () => {
  const running = nb('RUNNING');
  const connected = modeSwitchNotice({ mode: 'simulated', notebook: running }, { mode: 'modelarts', notebook: null });
  assert.deepEqual(connected, { kind: 'connected', simulated: 'notebook_1' });
  assert.match(noticeText(connected, 'none'), /simulated instance notebook_1 stays in the simulator/);
  const back = modeSwitchNotice({ mode: 'modelarts', notebook: null }, { mode: 'simulated', notebook: running });
  assert.deepEqual(back, { kind: 'signed-out', simulated: 'notebook_1' });
  assert.equal(modeSwitchNotice({ mode: 'simulated', notebook: null }, { mode: 'simulated', notebook: null }), null);
});

test('frozen is followed and says what to do; a snapshot with a new status is that status', () => {
  assert.equal(isFollowed('frozen'), true);
  assert.equal(isFollowed('stopped'), true);
  assert.equal(isFollowed('failed'), true);
  assert.equal(isFollowed('none'), false);
  const intent = openIntent({ notebook: nb('FROZEN'), phase: 'frozen', image: null, shareText: '' });
  assert.equal(intent.kind, 'frozen');
  assert.match(openSentence(intent, 'notebook_1'), /Billing Center/);
  assert.doesNotMatch(openSentence(intent, 'notebook_1'), /Wait until/);
  const snapshot = status => ({ type: 'snapshot', notebook: nb(status), changed: [] });
  assert.equal(asStatusEvent(snapshot('START_FAILED'), nb('STOPPED')).type, 'failed');
  assert.equal(asStatusEvent(snapshot('DELETED'), nb('STOPPED')).type, 'deleted');
  assert.equal(asStatusEvent(snapshot('STOPPED'), nb('STOPPED')).type, 'snapshot');
});
