# Shared by scripts/start and scripts/test: a virtual environment in .venv with this package.
# (sourced, not run)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

say() { printf '\033[1m[codelab]\033[0m %s\n' "$*" >&2; }

need() {
    command -v "$1" >/dev/null 2>&1 || { say "$1 is required but not found: $2"; exit 1; }
}

ensure_venv() {
    need python3 "install Python 3.10 or newer"
    need node "install Node.js 18 or newer (it builds the JupyterLab extension once)"
    need npm "install npm (it comes with Node.js)"
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { say "Python 3.10 or newer is required"; exit 1; }
    if [ ! -x .venv/bin/python ]; then
        say "creating the virtual environment in .venv"
        python3 -m venv .venv
    fi
    # shellcheck disable=SC1091
    . .venv/bin/activate
    python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || say "could not upgrade pip; going on with $(python -m pip --version)"
}

# Install this package (editable) with the given extras; the labextension is built on the way.
install_package() {
    local extras="$1"
    say "installing jupyter-codelab[$extras] (first run: about a minute, it builds the JupyterLab extension)"
    local log
    log="$(mktemp)"
    if ! python -m pip install --quiet -e ".[$extras]" >"$log" 2>&1; then
        grep -v '^WARNING: Location' "$log" >&2 || true
        say "pip could not install jupyter-codelab: see its output above"
        exit 1
    fi
    rm -f "$log"
}
