"""Headless Chromium for page tests: offline, throwaway profile, fails (never skips) when missing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

INSTALL = "apt-get update && apt-get install -y chromium fonts-noto-cjk"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=127.0.0.1:9",  # no network: every fetch would fail
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1200,900",
    "--virtual-time-budget=30000",
)


def chromium() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail(f"headless Chromium not found; install it with: {INSTALL}")


def browse(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Open `page` offline with extra Chromium `args` (--dump-dom, --screenshot=…); returns the run."""
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done
