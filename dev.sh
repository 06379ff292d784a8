#!/usr/bin/env bash
# The project's one entry point. Usage:
#   bash dev.sh start   set up .venv if needed, then open JupyterLab at the start notebook
#   bash dev.sh test    set up .venv if needed, then lint, format-check and run every test
# Set-up is idempotent: it reinstalls only when pyproject.toml changes, so a second
# run starts in a second or two. It needs only Python 3.11, pip and apt (as root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

VENV=.venv
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

setup() {
    local stamp
    stamp="$VENV/.installed-$(cat pyproject.toml assets/jupyterlab/overrides.json | sha256sum | cut -c1-16)"
    [ -f "$stamp" ] && return 0
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating $VENV with $PYTHON"
        if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
            # Debian's python3 ships venv/ensurepip in a separate package.
            rm -rf "$VENV"
            apt_install python3-venv
            "$PYTHON" -m venv "$VENV"
        fi
    fi
    say "installing the project and its pinned dependencies into $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[test]"
    # JupyterLab settings for offline use: no news feed, no update check.
    mkdir -p "$VENV/share/jupyter/lab/settings"
    cp assets/jupyterlab/overrides.json "$VENV/share/jupyter/lab/settings/overrides.json"
    rm -f "$VENV"/.installed-*
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
