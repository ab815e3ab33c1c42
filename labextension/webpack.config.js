// Merged into @jupyter/builder's config (package.json: jupyterlab.webpackConfig).
// - The CSS is minified (rspack's built-in Lightning CSS loader, before css-loader).
// - lib/chunks.json records what each built chunk holds and which import asked for
//   it, so that a test can tell that the lazy modules stay out of what JupyterLab
//   fetches at start (tests/e2e/test_labextension_chunks.py). It is git-ignored
//   build output, written in a stable order with paths relative to this folder.
const fs = require('fs');
const path = require('path');

/**
 * A module's name without the machine's paths: `./lib/a.js` -> `lib/a.js`,
 * `../node_modules/css-loader/dist/cjs.js!./style/b.css` -> `style/b.css`.
 */
function sourceName(name) {
  const last = name.split('!').pop().split(`${__dirname}${path.sep}`).join('');
  const inPackage = last.lastIndexOf('node_modules/');
  return inPackage >= 0 ? last.slice(inPackage) : last.replace(/^\.\//, '');
}

/** What asked for a chunk: `container entry` (JupyterLab), or `lib/a.js ./b` for `import('./b')` in a.js. */
function originName(origin) {
  return origin.request ? `${sourceName(origin.moduleName)} ${origin.request}` : sourceName(origin.moduleName);
}

/** The modules of a chunk, concatenated ones opened up. */
function leafModules(modules, out = new Set()) {
  for (const module of modules ?? []) {
    if (module.modules?.length) {
      leafModules(module.modules, out);
    } else if (module.name && !module.name.startsWith('consume shared module')) {
      out.add(sourceName(module.name));
    }
  }
  return out;
}

class ChunkManifestPlugin {
  apply(compiler) {
    compiler.hooks.done.tap('ChunkManifestPlugin', stats => {
      const json = stats.toJson({
        all: false,
        chunks: true,
        chunkModules: true,
        chunkOrigins: true,
        dependentModules: true,
        nestedModules: true,
        orphanModules: true,
        ids: true
      });
      const chunks = json.chunks
        .map(chunk => ({
          id: chunk.id,
          file: chunk.files.map(file => file.split('?')[0]).join(' '),
          entry: chunk.entry,
          origins: [...new Set(chunk.origins.map(originName))].sort(),
          modules: [...leafModules(chunk.modules)].sort()
        }))
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
      const out = path.join(__dirname, 'lib', 'chunks.json');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify({ chunks }, null, 1) + '\n');
    });
  }
}

module.exports = {
  module: {
    rules: [{ test: /(?<!\.raw)\.css$/, use: [{ loader: 'builtin:lightningcss-loader', options: { minify: true } }] }]
  },
  plugins: [new ChunkManifestPlugin()]
};
