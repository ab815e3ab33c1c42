// Install node_modules from package-lock.json when missing, so that a wheel
// build on a fresh machine (hatch-jupyter-builder runs `npm run build:prod`)
// needs nothing but node and npm.
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
// The builder, eslint for `npm run lint:check` and openapi-typescript for the contract (a
// node_modules from before them lacks them).
const markers = [
  path.join(root, 'node_modules', '@jupyter', 'builder', 'package.json'),
  path.join(root, 'node_modules', 'eslint', 'package.json'),
  path.join(root, 'node_modules', 'openapi-typescript', 'package.json')
];
if (!markers.every(marker => fs.existsSync(marker))) {
  const cmd = fs.existsSync(path.join(root, 'package-lock.json')) ? 'npm ci' : 'npm install';
  console.log(`jupyter-codelab: node_modules missing, running ${cmd}`);
  execSync(`${cmd} --no-audit --no-fund`, { cwd: root, stdio: 'inherit' });
}
