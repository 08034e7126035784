"""Headless Chromium for page tests: offline, throwaway profile; skips (saying how to install it) when absent.

Two ways in: `browse` runs the chromium command line (--dump-dom, --screenshot) and `Explorer` drives a page
with Playwright for Python, pointed at the system Chromium (no browser download), every request outside
file:// refused and counted.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

INSTALL = "apt-get update && apt-get install -y chromium fonts-noto-cjk"
OFFLINE = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=127.0.0.1:9",  # no network: every fetch would fail
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
FLAGS = (*OFFLINE, "--window-size=1200,900", "--virtual-time-budget=30000")
VIEWPORT = {"width": 1200, "height": 900}


def chromium() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.skip(f"headless Chromium not found; install it with: {INSTALL}")


def browse(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Open `page` offline with extra Chromium `args` (--dump-dom, --screenshot=…); returns the run."""
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@contextmanager
def launch() -> Iterator[Any]:
    """A Playwright Chromium browser (the system executable, offline flags)."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(OFFLINE))
        try:
            yield browser
        finally:
            browser.close()


class Explorer:
    """One graph.html open in a fresh context: the page, its errors, and requests it tried to make."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def visible(self) -> set[str]:
        """Ids of the nodes on the canvas now."""
        return set(self.js("kgExplorer.visible()"))

    def highlighted(self) -> set[str]:
        return set(self.js("kgExplorer.highlighted()"))

    def search(self, text: str) -> list[str]:
        """Type into the search box; the names listed, in order."""
        self.page.fill("#kg-search", text)
        return self.page.locator("#kg-search-results li .kg-hit-name").all_inner_texts()

    def select(self, node_id: str) -> None:
        assert self.js("id => kgExplorer.select(id)", node_id) >= 0, node_id

    def set_range(self, first: str, last: str) -> None:
        self.page.fill("#kg-date-from", first)
        self.page.fill("#kg-date-to", last)
        self.settle()

    def settle(self) -> None:
        """Let the page apply what was just changed (filters apply on the next animation frame)."""
        self.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def status(self) -> str:
        return self.page.inner_text("#kg-status")

    def close(self) -> None:
        self.context.close()


@contextmanager
def explorer(browser: Any, path: Path) -> Iterator[Explorer]:
    opened = Explorer(browser, path)
    try:
        yield opened
        assert not opened.errors, opened.errors
        assert not opened.requests, opened.requests
    finally:
        opened.close()
