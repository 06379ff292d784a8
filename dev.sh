#!/usr/bin/env bash
# The project's one entry point. Usage:
#   bash dev.sh start   set up .venv if needed, then open JupyterLab at the start notebook
#   bash dev.sh test    set up .venv if needed, then lint, format-check and run every test
# Set-up is idempotent: it rebuilds .venv only when pyproject.toml or the lock changes,
# so a second run starts in a second or two. It needs only Python 3.11, pip and apt (as root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

VENV=.venv
LOCK=requirements/lock.txt
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}

say() { printf '\033[1m[dev]\033[0m %s\n' "$*" >&2; }

apt_install() {
    # Debian packages the project needs; installed only when missing.
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

make_venv() {
    say "creating $1 with $PYTHON"
    if ! "$PYTHON" -m venv "$1" 2>/dev/null; then
        # Debian's python3 ships venv/ensurepip in a separate package.
        rm -rf "$1"
        apt_install python3-venv
        "$PYTHON" -m venv "$1"
    fi
}

setup() {
    # The exact development set is the lock (requirements/lock.txt, made with uv from
    # pyproject.toml: docs/maintaining.md); pip installs it, so nothing but pip is needed.
    local stamp
    stamp="$VENV/.installed-$(cat pyproject.toml "$LOCK" assets/jupyterlab/overrides.json | sha256sum | cut -c1-16)"
    [ -f "$stamp" ] && return 0
    if [ -d "$VENV" ]; then
        # A fresh venv, so that nothing the old set had and the lock dropped stays behind.
        say "pyproject.toml, the lock or the settings changed: rebuilding $VENV"
        rm -rf "$VENV"
    fi
    make_venv "$VENV"
    say "installing the lock ($LOCK) and the project into $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -r "$LOCK"
    "$VENV/bin/python" -m pip install --quiet --no-deps -e .
    "$VENV/bin/python" -m pip check
    # JupyterLab settings for offline use: no news feed, no update check.
    mkdir -p "$VENV/share/jupyter/lab/settings"
    cp assets/jupyterlab/overrides.json "$VENV/share/jupyter/lab/settings/overrides.json"
    touch "$stamp"
}

cmd=${1:-}
case "$cmd" in
start)
    setup
    args=(--no-browser)
    [ "$(id -u)" -eq 0 ] && args+=(--allow-root)
    exec "$VENV/bin/jupyter" lab "${args[@]}" notebooks/00_start_here.ipynb
    ;;
test)
    setup
    # The browser tests drive Debian's chromium (no browser download).
    [ -x /usr/bin/chromium ] || apt_install chromium
    say "ruff: lint and format check"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    say "pytest: unit tests and notebooks (nbval)"
    exec "$VENV/bin/python" -m pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg "${@:2}"
    ;;
*)
    echo "usage: bash dev.sh start | test" >&2
    exit 2
    ;;
esac
