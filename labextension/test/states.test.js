// The sidebar's phases, words, sentences and buttons follow the one state
// vocabulary (jupyter_codelab/modelarts/states.py, generated into
// src/generated/states.ts); what an open did to the instance is said plainly.
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { isTransient, isWatched, notebookPhase, stateOf } = require('../lib/node/phase.js');
const { noticeText, openNotice } = require('../lib/node/notice.js');

const state = status => stateOf(status === null ? null : { status });

test('each status has its phase and exactly its actions, the primary first', () => {
  const expected = {
    INIT: ['starting', []],
    CREATING: ['starting', []],
    STARTING: ['starting', []],
    RUNNING: ['running', ['extend', 'stop']],
    SNAPSHOTTING: ['busy', []],
    STOPPING: ['stopping', []],
    STOPPED: ['stopped', ['start']],
    DELETING: ['deleting', []],
    DELETED: ['none', ['open']],
    CREATE_FAILED: ['failed', ['open']],
    START_FAILED: ['failed', ['start', 'open']],
    DELETE_FAILED: ['failed', ['open']],
    ERROR: ['failed', ['open']],
    FROZEN: ['frozen', []]
  };
  for (const [status, [phase, actions]] of Object.entries(expected)) {
    const view = state(status);
    assert.equal(view.phase, phase, status);
    assert.deepEqual([...view.actions], actions, status);
    assert.equal(notebookPhase({ status }), phase, status);
    assert.ok(view.words && view.sentence.endsWith('.'), status);
  }
  assert.equal(state(null).phase, 'none');
  assert.deepEqual([...state(null).actions], ['open']);
});

test('the sentences say what it means and what to do', () => {
  assert.match(state('FROZEN').sentence, /arrears/);
  assert.equal(state('FROZEN').words, 'Frozen');
  assert.match(state('START_FAILED').sentence, /Start it again/);
  assert.match(state('SNAPSHOTTING').sentence, /saving an image/);
  assert.equal(state('RUNNING').words, 'Running');
});

test('an unknown status is busy, shown as ModelArts spells it, with no buttons', () => {
  const view = state('RESIZING_DISK');
  assert.equal(view.phase, 'busy');
  assert.equal(view.words, 'Resizing disk');
  assert.equal(view.sentence, 'ModelArts reports the status RESIZING_DISK.');
  assert.deepEqual([...view.actions], []);
});

test('the tab keeps watching every phase that changes by itself, and no other', () => {
  for (const phase of ['starting', 'running', 'busy', 'stopping', 'deleting']) {
    assert.equal(isWatched(phase), true, phase);
  }
  for (const phase of ['none', 'stopped', 'failed', 'frozen', 'loading', 'unavailable']) {
    assert.equal(isWatched(phase), false, phase);
  }
  assert.deepEqual(['busy', 'stopping', 'deleting'].filter(isTransient), ['busy', 'stopping', 'deleting']);
  assert.equal(isTransient('running'), false);
});

test('translated: every word goes through __', () => {
  const upper = (msgid, ...args) => msgid.toUpperCase().replace('%1', args[0]);
  assert.equal(stateOf({ status: 'FROZEN' }, upper).words, 'FROZEN');
  assert.match(stateOf({ status: 'FROZEN' }, upper).sentence, /ARREARS/);
});

const cpu = { id: 'cpu-id', name: 'pytorch', tag: '2.1-cpu' };
const gpu = { id: 'gpu-id', name: 'pytorch', tag: '2.1-cuda' };
const nb = (status, image, id = 'nb-1') => ({ id, status, image });

test('an open that comes back with the same id and another image switched the instance', () => {
  const notice = openNotice(nb('RUNNING', cpu), nb('STOPPING', gpu), false);
  assert.deepEqual(notice, { kind: 'switched', from: 'pytorch:2.1-cpu', to: 'pytorch:2.1-cuda' });
  assert.equal(
    noticeText(notice, 'stopping'),
    'Your instance now runs image pytorch:2.1-cuda instead of pytorch:2.1-cpu; it is restarting.'
  );
  assert.match(
    noticeText(notice, 'running'),
    /now runs image pytorch:2\.1-cuda instead of pytorch:2\.1-cpu; it restarted/
  );
  assert.match(noticeText(notice, 'stopped'), /start it to use it/);
});

test('the same image with a notebook URL loads it; a replaced or new instance is no news', () => {
  assert.deepEqual(openNotice(nb('RUNNING', cpu), nb('RUNNING', cpu), true), { kind: 'loaded' });
  assert.equal(noticeText({ kind: 'loaded' }, 'running'), 'The notebook was loaded into your running instance.');
  assert.equal(openNotice(nb('RUNNING', cpu), nb('RUNNING', cpu), false), null);
  assert.equal(openNotice(null, nb('CREATING', gpu), true), null);
  assert.equal(openNotice(nb('ERROR', cpu), nb('CREATING', gpu, 'nb-2'), false), null);
  assert.equal(openNotice(nb('ERROR', cpu), nb('CREATING', gpu), false), null);
});

test('vanished and deleted have their own sentences', () => {
  assert.match(noticeText({ kind: 'vanished' }, 'none'), /no longer exists/);
  assert.equal(noticeText({ kind: 'deleted' }, 'none'), 'The instance was deleted. Open a new one.');
});
