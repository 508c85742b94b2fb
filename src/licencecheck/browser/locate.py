"""Which Chromium to drive: `--browser PATH`, else $LICENCECHECK_BROWSER, else Playwright's own
download, else `chromium`, `chromium-browser`, `google-chrome` or `google-chrome-stable` on
PATH. None found is an error that says how to get one; never a silent static fallback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from licencecheck.errors import InputError
from licencecheck.i18n import N_, _, listing

BROWSER_ENV_VAR = "LICENCECHECK_BROWSER"
ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_GET_ONE = N_(
    "install one (Debian/Ubuntu: `apt-get install chromium`; or `python -m playwright install chromium`), "
    "or give --browser PATH or $LICENCECHECK_BROWSER"
)
"""How to get a browser (translate it with `_` where it is shown)."""
PLAYWRIGHT_MISSING = N_(
    "--render needs Playwright: pip install 'licencecheck[browser]' "
    "(and a Chromium: Debian/Ubuntu: `apt-get install chromium`)"
)


def require_playwright() -> None:
    """Fail with how to install it when the `browser` extra is missing."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        raise InputError(_(PLAYWRIGHT_MISSING)) from None


def _executable(path: Path, what: str) -> Path:
    if not path.is_file() or not os.access(path, os.X_OK):
        problem = (
            _("{what} {path}: is not an executable file; {how}")
            if path.exists()
            else _("{what} {path}: does not exist; {how}")
        )
        raise InputError(problem.format(what=what, path=path, how=_(HOW_TO_GET_ONE)))
    return path.absolute()  # Playwright would look a bare name up on PATH


def pick_browser(option: Path | None, playwright_own: str | None) -> Path:
    """The browser to drive, in the documented order."""
    if option is not None:
        return _executable(option, "--browser")
    if from_env := os.environ.get(BROWSER_ENV_VAR, "").strip():
        return _executable(Path(from_env), f"${BROWSER_ENV_VAR}")
    if playwright_own and Path(playwright_own).is_file():
        return Path(playwright_own)
    for name in ON_PATH:
        if found := shutil.which(name):
            return Path(found)
    raise InputError(
        _("--render: no Chromium found (not Playwright's own, none of {names} on PATH); {how}").format(
            names=listing(ON_PATH), how=_(HOW_TO_GET_ONE)
        )
    )


def launch_arguments() -> list[str]:
    """Flags for a quiet headless run with no connection beyond loopback."""
    return [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--disable-quic",
        "--disable-gpu",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ]
