#!/bin/sh
# Install configurable-http-proxy (JupyterHub's proxy, an npm package) once,
# into a cache directory outside the repo, and print the path of its binary.
# Idempotent: a second run only prints the path. Needs node and npm (registry).
#   CHP_PREFIX  where to install (default: ${XDG_CACHE_HOME:-~/.cache}/jupyter-codelab/chp)
#   CHP_VERSION npm version spec (default: ^5)
set -eu
prefix="${CHP_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/jupyter-codelab/chp}"
version="${CHP_VERSION:-^5}"
bin="$prefix/node_modules/.bin/configurable-http-proxy"

if [ ! -x "$bin" ]; then
    command -v npm >/dev/null 2>&1 || { echo "install_chp.sh: npm is not installed (apt-get install npm)" >&2; exit 1; }
    mkdir -p "$prefix"
    # A private prefix: nothing global changes, and a half-done install is retried next time.
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
        "configurable-http-proxy@$version" >&2
fi
"$bin" --version >/dev/null
echo "$bin"
