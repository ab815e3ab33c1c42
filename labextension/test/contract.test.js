// The sidebar's types of the server's JSON are generated from jupyter_codelab/server/openapi.json
// (scripts/generate-contract.mjs): the committed file must be what the generator writes now.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const GENERATOR = path.join(__dirname, '..', 'scripts', 'generate-contract.mjs');
const SCHEMA = path.join(__dirname, '..', '..', 'jupyter_codelab', 'server', 'openapi.json');
const GENERATED = path.join(__dirname, '..', 'src', 'generated', 'contract.ts');

test('the committed contract is what the generator writes from openapi.json now', () => {
  const run = spawnSync(process.execPath, [GENERATOR, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('a change of the schema changes the generated contract', async () => {
  const { render } = await import(GENERATOR);
  const document = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
  const committed = fs.readFileSync(GENERATED, 'utf8');
  assert.equal(await render(document), committed);
  document.components.schemas.Lease.properties.remaining_ms.nullable = false;
  assert.notEqual(await render(document), committed);
});

test('the names the sidebar uses are the schema components', () => {
  const text = fs.readFileSync(path.join(__dirname, '..', 'src', 'contracts.ts'), 'utf8');
  const schemas = Object.keys(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')).components.schemas);
  for (const [, name] of text.matchAll(/= Schemas\['(\w+)'\]/g)) {
    assert.ok(schemas.includes(name), name);
  }
  assert.doesNotMatch(text, /^export interface /m, 'contracts.ts declares no shape of its own');
});
