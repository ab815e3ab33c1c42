// Unit checks of the "Connect your account" form's rules (src/accountForm.ts).
const assert = require('node:assert/strict');
const { test } = require('node:test');

const {
  accountControls,
  checkDraft,
  connectBody,
  formFieldOf,
  regionChoices,
  sourceInWords,
  REGIONS
} = require('../lib/node/accountForm.js');

const DRAFT = {
  accessKey: ' AK123 ',
  secretKey: 'sk-value',
  securityToken: '',
  region: 'cn-north-4',
  projectId: '  ',
  remember: false
};

test('blank optional strings are left out of the body, the keys are trimmed', () => {
  assert.deepEqual(connectBody(DRAFT), { access_key: 'AK123', secret_key: 'sk-value', region: 'cn-north-4' });
  const full = connectBody({ ...DRAFT, securityToken: ' tok ', projectId: 'a'.repeat(32), remember: true, region: '' });
  assert.deepEqual(full, {
    access_key: 'AK123',
    secret_key: 'sk-value',
    security_token: 'tok',
    project_id: 'a'.repeat(32),
    remember: true
  });
});

test('both keys are required, and the missing one is named', () => {
  assert.equal(checkDraft(DRAFT), null);
  assert.equal(checkDraft({ ...DRAFT, accessKey: ' ' }).field, 'access_key');
  const missingSk = checkDraft({ ...DRAFT, secretKey: '' });
  assert.equal(missingSk.field, 'secret_key');
  assert.match(missingSk.message, /^Secret key \(SK\)/);
});

test('an error lands on the field it names, else on the form', () => {
  for (const field of ['access_key', 'secret_key', 'security_token', 'region', 'project_id', 'remember']) {
    assert.equal(formFieldOf(field), field);
  }
  assert.equal(formFieldOf(null), null);
  assert.equal(formFieldOf('iam_password'), null);
  assert.equal(formFieldOf('forget'), null);
});

test('the region list starts with cn-north-4 and keeps an unlisted current region', () => {
  assert.equal(REGIONS[0], 'cn-north-4');
  assert.deepEqual(regionChoices('cn-north-4'), [...REGIONS]);
  assert.deepEqual(regionChoices('eu-west-101').slice(0, 2), ['eu-west-101', 'cn-north-4']);
  assert.deepEqual(regionChoices(null), [...REGIONS]);
});

test('which account controls the header shows', () => {
  const base = { region: 'cn-north-4', project_id: 'p', can_change_credentials: true, remembered: false };
  assert.deepEqual(accountControls(null), { connect: false, signOut: false, forget: false, locked: false });
  assert.deepEqual(accountControls({ ...base, mode: 'simulated', source: null }), {
    connect: true,
    signOut: false,
    forget: false,
    locked: false
  });
  assert.deepEqual(accountControls({ ...base, mode: 'modelarts', source: 'session' }), {
    connect: false,
    signOut: true,
    forget: false,
    locked: false
  });
  assert.deepEqual(accountControls({ ...base, mode: 'modelarts', source: 'session', remembered: true }), {
    connect: false,
    signOut: true,
    forget: true,
    locked: false
  });
  // Remembered keys in use: signing out alone would bring them back; only "forget" is offered.
  assert.deepEqual(accountControls({ ...base, mode: 'modelarts', source: 'file', remembered: true }), {
    connect: false,
    signOut: false,
    forget: true,
    locked: false
  });
  assert.deepEqual(accountControls({ ...base, mode: 'modelarts', source: 'env' }), {
    connect: false,
    signOut: false,
    forget: false,
    locked: false
  });
  for (const mode of ['simulated', 'modelarts']) {
    assert.deepEqual(
      accountControls({ ...base, mode, source: 'session', can_change_credentials: false, remembered: true }),
      {
        connect: false,
        signOut: false,
        forget: false,
        locked: true
      }
    );
  }
});

test('every source has words; simulated has none', () => {
  for (const source of ['session', 'file', 'env', 'config']) {
    assert.ok(sourceInWords(source).length > 10, source);
  }
  assert.equal(sourceInWords(null), '');
});
