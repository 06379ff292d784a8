"""Real-browser fixtures: Debian's chromium through Playwright, and servers on 127.0.0.1.

Each server serves a temporary copy of the notebooks, so running cells in the
browser (and JupyterLab's autosave) never touches the committed notebooks.
Screenshots go to ``test-output/browser/``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import SHOTS, watch

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server not up at {url}:\n{log.read_text()[-3000:]}")


def start(command: list[str], url: str, log: Path, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1"}
    handle = log.open("w")
    process = subprocess.Popen(command, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, env=env)
    wait_for(url, process, log)
    return process


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> Path:
    """A throw-away copy of the notebooks to serve."""
    folder = tmp_path_factory.mktemp("served")
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)
    return folder


@pytest.fixture(scope="session")
def lab(served, tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 with a token: yields (base url, token)."""
    port, token = free_port(), secrets.token_hex(16)
    log = tmp_path_factory.mktemp("logs") / "lab.log"
    command = [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={served}",
        "--ServerApp.open_browser=False",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    base = f"http://127.0.0.1:{port}"
    process = start(command, f"{base}/api/status?token={token}", log, served)
    yield base, token
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def voila(served, tmp_path_factory):
    """Voila serving the lecture view on 127.0.0.1: yields its url."""
    port = free_port()
    log = tmp_path_factory.mktemp("logs") / "voila.log"
    command = [
        str(BIN / "voila"),
        str(served / "lecture.ipynb"),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
    ]
    base = f"http://127.0.0.1:{port}"
    process = start(command, f"{base}/", log, served)
    yield base
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: 'bash dev.sh test' installs Debian's chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, request):
    """A fresh page; errors of every kind are collected; a screenshot is saved at the end."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = watch(context.new_page())
    yield page
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{request.node.name}.png"))
    context.close()
