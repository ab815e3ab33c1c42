// Build the prebuilt extension with @jupyter/builder against the JupyterLab
// core metadata pinned in package-lock.json (@jupyterlab/core-meta). This is
// what `jupyter-builder build .` runs, minus its Python and network lookups,
// so the wheel build hook works in pip's isolated build environment.
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const builder = require.resolve('@jupyter/builder/lib/build-labextension.js', { paths: [root] });
const coreMeta = require.resolve('@jupyterlab/core-meta/core.package.json', {
  paths: [path.dirname(builder)]
});
const args = [builder, '--core-package-file', coreMeta, ...process.argv.slice(2), root];
execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
