"""Browser tests run in a real headless Chromium. Without one they skip, saying why and how to get
one; under CI (`CI` set) they fail instead, since CI installs Chromium and must run them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -e '.[test]'"
    from licencecheck.browser.locate import HOW_TO_GET_ONE, pick_browser
    from licencecheck.errors import InputError

    try:
        pick_browser(None, None)
    except InputError:
        return f"no Chromium found: {HOW_TO_GET_ONE}"
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
        if not fonts.stdout.strip():
            return "no CJK font, so Chinese text renders as boxes: apt-get install fonts-noto-cjk"
    return None


def require_browser(what: str = "browser tests") -> None:
    """Skip, saying why, where the browser cannot run; fail under CI, which installs it."""
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{what} cannot run under CI: {reason}")
        pytest.skip(f"{what} skipped: {reason}")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The Chromium the tests drive (as the gate would find it)."""
    require_browser()
    from licencecheck.browser.locate import pick_browser

    return pick_browser(None, None)
