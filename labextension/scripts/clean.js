// Remove build outputs (the compiled lib/ and the prebuilt extension).
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
for (const rel of ['lib', 'tsconfig.tsbuildinfo', '../jupyter_codelab/labextension']) {
  fs.rmSync(path.join(root, rel), { recursive: true, force: true });
}
