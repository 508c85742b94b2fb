"""Pages as a person sees them: a loopback server, headless Chromium driven by Playwright (the
optional extra `licencecheck[browser]`), and the script that measures what a page shows."""

from __future__ import annotations

from functools import cache


@cache
def visibility_script() -> str:
    """The measuring script evaluated in each page (`visibility.js`, beside this module)."""
    from importlib.resources import files

    return files(__name__).joinpath("visibility.js").read_text(encoding="utf-8")
