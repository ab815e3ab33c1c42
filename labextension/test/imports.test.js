// The frontend's modules form no import cycle (type-only imports included): tokens.ts sits
// above the pure modules and contracts.ts,, and nothing it imports imports it back.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const SRC = path.join(__dirname, '..', 'src');

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Each module's relative imports and re-exports, as paths relative to src/ without `.ts`. */
function importGraph() {
  const graph = new Map();
  for (const file of sources(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)].map(m =>
      path.relative(SRC, path.resolve(path.dirname(file), m[1]))
    );
    graph.set(path.relative(SRC, file).replace(/\.ts$/, ''), targets);
  }
  return graph;
}

function findCycle(graph) {
  const state = new Map(); // 1: on the current path, 2: done
  const stack = [];
  const visit = node => {
    if (state.get(node) === 2) return null;
    if (state.get(node) === 1) return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 1);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 2);
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

test('the graph is read: index imports the model and tokens', () => {
  const graph = importGraph();
  assert.ok(graph.get('index').includes('model'));
  assert.ok(graph.get('index').includes('tokens'));
});

test('no import cycle among the frontend modules', () => {
  assert.equal(findCycle(importGraph()), null);
});

test('the token carries the interface: tokens.ts does not import model.ts', () => {
  assert.ok(!importGraph().get('tokens').includes('model'));
});

test('a cycle is found when there is one', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']]
  ]);
  assert.deepEqual(findCycle(graph), ['a', 'b', 'c', 'a']);
});
