// The sidebar's models (model.ts, instanceModel.ts, openFormModel.ts) against a
// fake server behind a real ServerConnection (fakeServer.js): what they send,
// what they hold, and which change each step signals, so that a view
// re-renders only for what it shows.
const assert = require('node:assert/strict');
const { after, test } = require('node:test');

const { CodeLabModel } = require('../lib/node/model.js');
const { followJob } = require('../lib/node/send/job.js');
const { FakeServer, notebookJson, lease, next, settle, IMAGE_CPU, IMAGE_GPU, HOUR } = require('./fakeServer.js');

const NOTEBOOK_URL = 'https://github.com/org/repo/blob/main/demo.ipynb';
const RAW_URL = 'https://raw.githubusercontent.com/org/repo/main/demo.ipynb'; // as ModelArts keeps it

const models = [];
after(() => models.forEach(model => model.dispose())); // a failed test leaves no clock running

/** A model on a fresh fake server, with every change it signals recorded. */
async function loaded(setup = () => undefined) {
  const server = new FakeServer();
  setup(server);
  const model = new CodeLabModel(server.settings);
  models.push(model);
  const changes = [];
  model.changed.connect((_, change) => changes.push(change));
  await model.load();
  return { server, model, changes };
}

test('load reads config, images and the current instance: none gives the open form', async () => {
  const { server, model, changes } = await loaded();
  assert.equal(model.phase, 'none');
  assert.equal(model.config.mode, 'simulated');
  assert.equal(model.selectedImageId, IMAGE_CPU, 'the server default is picked');
  assert.deepEqual(
    server.requests.map(r => `${r.method} ${r.route}`),
    ['GET config', 'GET images', 'GET notebooks/current']
  );
  assert.ok(changes.includes('images') && changes.includes('config'));
  assert.equal(server.sources.length, 0, 'nothing to watch');
  model.dispose();
});

test('open sends the draft, watches the instance and signals the notebook and the action', async () => {
  const { server, model, changes } = await loaded();
  model.setDraft({ imageId: IMAGE_GPU, shareText: ` ${NOTEBOOK_URL} ` });
  assert.deepEqual(changes.slice(-1), ['draft']);
  changes.length = 0;
  await model.open();
  assert.deepEqual(server.calls('POST', 'notebooks/open')[0].body, { image_id: IMAGE_GPU, share_url: NOTEBOOK_URL });
  assert.equal(model.phase, 'starting');
  assert.ok(changes.includes('notebook') && changes.includes('action'));
  assert.ok(!changes.includes('draft') && !changes.includes('images'), 'the form did not move');
  assert.equal(server.openSources.length, 1);
  assert.match(server.openSources[0].url, /codelab\/api\/notebooks\/[^/]+\/events$/);
  model.dispose();
  assert.equal(server.openSources.length, 0, 'dispose closes the stream');
});

test('a bad notebook URL is said on the form and nothing is sent; editing it clears the error', async () => {
  const { server, model } = await loaded();
  model.setDraft({ shareText: 'not a url' });
  await model.open();
  assert.equal(server.calls('POST', 'notebooks/open').length, 0);
  assert.equal(model.error.kind, 'client');
  assert.match(model.error.message, /^Notebook URL /);
  model.setDraft({ shareText: NOTEBOOK_URL });
  assert.equal(model.error, null);
  model.dispose();
});

test('events move the instance; trouble upstream is a connection change only', async () => {
  const { server, model, changes } = await loaded();
  await model.open();
  await settle();
  assert.equal(model.connection, 'live');
  changes.length = 0;
  server.emit('upstream_error', { message: 'ModelArts is slow (APIG.0308)', error_code: 'APIG.0308' });
  assert.deepEqual(changes, ['connection']);
  assert.equal(model.upstreamMessage, 'ModelArts is slow (APIG.0308)');
  server.current = { ...server.current, status: 'RUNNING', url: 'https://lab', progress: 100, lease: lease(HOUR) };
  server.emit('ready');
  assert.equal(model.phase, 'running');
  assert.equal(model.upstreamMessage, null);
  assert.ok(Math.abs(model.remainingMs - HOUR) < 5000);
  assert.ok(changes.includes('notebook') && !changes.includes('draft'));
  model.dispose();
});

test('the clock ticks while the instance can change by itself', async () => {
  const { model } = await loaded();
  const tick = next(model.tick);
  await model.open();
  await tick; // a Poll started on the way to running: no tick before there is an instance
  model.dispose();
});

test('a vanished instance is dropped with a notice, back to the open form', async () => {
  const { server, model } = await loaded();
  await model.open();
  await settle();
  server.emit('deleted', { vanished: true });
  assert.equal(model.phase, 'none');
  assert.deepEqual(model.notice, { kind: 'vanished' });
  assert.equal(server.openSources.length, 0);
  model.dispose();
});

test("extend asks the server for the extend setting's hours more, on this browser's clock", async () => {
  const { server, model } = await loaded(s => {
    s.current = notebookJson({ status: 'RUNNING', lease: lease(30 * 60_000) });
  });
  model.updateSettings({ ...model.settings, extendHours: 2 });
  assert.ok(Math.abs(model.extendedDeadline - (model.deadline + 2 * HOUR)) < 5, 'the label: 2 h after the stop');
  let outcome = next(model.outcome);
  await model.extend();
  const route = `notebooks/${server.current.id}/lease`;
  const offset = -new Date().getTimezoneOffset() || 0; // east of UTC, as the server reads it
  assert.deepEqual(server.calls('PATCH', route)[0].body, { extend_hours: 2, utc_offset_minutes: offset });
  assert.deepEqual(await outcome, { kind: 'extended', deadline: model.deadline, note: null });
  assert.ok(!('note' in model.notebook.lease), 'the note is news, not part of the lease');
  const capped = 'ModelArts allows at most 72 h from now, so not Fri 10:00.';
  server.once.set(`PATCH ${route}`, [200, { ...lease(72 * HOUR), note: capped }]);
  outcome = next(model.outcome);
  await model.extend();
  assert.equal((await outcome).note, capped);
  server.once.set(`PATCH ${route}`, [400, { message: 'It already stops at Fri 09:00.', field: 'extend_hours' }]);
  await model.extend();
  assert.deepEqual([model.error.action, model.error.message], ['extend', 'It already stops at Fri 09:00.']);
  model.dispose();
});

test('an action on an instance that is gone drops it; a server error stays with its code', async () => {
  const { server, model } = await loaded(s => {
    s.current = notebookJson({ status: 'RUNNING', lease: lease(HOUR) });
  });
  server.once.set(`POST notebooks/${server.current.id}/stop`, [
    400,
    { message: 'Frozen: ModelArts.6326', error_code: 'ModelArts.6326', request_id: 'r-1' }
  ]);
  await model.stop();
  assert.equal(model.phase, 'running');
  assert.deepEqual(
    [model.error.action, model.error.errorCode, model.error.requestId],
    ['stop', 'ModelArts.6326', 'r-1']
  );
  server.once.set(`POST notebooks/${server.current.id}/stop`, [404, { message: 'The instance no longer exists.' }]);
  await model.stop();
  assert.equal(model.phase, 'none');
  assert.deepEqual(model.notice, { kind: 'vanished' });
  model.dispose();
});

test('the form follows a resumed instance, and forgets its notebook for another account', async () => {
  const { server, model } = await loaded(s => {
    s.current = notebookJson({
      status: 'STOPPED',
      description: RAW_URL,
      image: { id: IMAGE_GPU, name: 'gpu-image', tag: '1.0', type: null, swr_path: null }
    });
  });
  assert.equal(model.shareText, RAW_URL);
  assert.equal(model.selectedImageId, IMAGE_GPU);
  assert.equal(model.openIntent.kind, 'nothing', 'the same image and notebook: nothing to open');
  server.current = null; // the other account has no instance
  await model.reloadAfterModeSwitch({ ...model.config, mode: 'modelarts' });
  assert.equal(model.shareText, '', "the old account's notebook is never sent to the new one unasked");
  model.dispose();
});

test('the server unreachable at load: unavailable, and Retry loads again', async () => {
  const { server, model } = await loaded(s => {
    s.once.set('GET config', [503, { message: 'Cannot reach ModelArts.' }]);
  });
  assert.equal(model.phase, 'unavailable');
  assert.equal(model.error.action, 'load');
  await model.load();
  assert.equal(model.phase, 'none');
  assert.equal(server.calls('GET', 'config').length, 2);
  model.dispose();
});

test('a send job is read until it ends, each state reported', async () => {
  const server = new FakeServer();
  const job = state => ({ id: 'j1', state, name: 'a.ipynb', progress: 0 });
  server.jobs.set('j1', [job('uploading'), job('opening'), job('done')]);
  const seen = [];
  const last = await followJob(server.settings, job('checking'), next => seen.push(next.state));
  assert.equal(last.state, 'done');
  assert.deepEqual(seen, ['uploading', 'opening', 'done']);
  await assert.rejects(
    followJob(server.settings, { ...job('checking'), id: 'gone' }, () => undefined),
    /No such job/
  );
});
