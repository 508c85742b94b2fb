"""Shared helpers: run the CLI the way a user does, with stdout and stderr apart."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licencecheck.cli import app

TESTS = Path(__file__).parent
EXAMPLES = TESTS / "examples"
REPO = TESTS.parent
BUNDLED = REPO / "data" / "licence_yu_B2_20210467.yaml"

for _name in ("LICENCECHECK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):  # English, whatever the machine's
    os.environ.pop(_name, None)  # locale, for subprocesses too; Chinese only where a test asks for it
os.environ["LANG"] = "C.UTF-8"
if "LICENCECHECK_CACHE_DIR" not in os.environ:  # never the user's own cache; subprocesses share this one
    import tempfile

    os.environ["LICENCECHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="licencecheck-test-cache-")
os.environ.pop("LICENCECHECK_NO_CACHE", None)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


Invoke = Callable[..., Run]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Invoke licencecheck; exceptions are not swallowed, so a traceback fails the test."""
    monkeypatch.delenv("LICENCECHECK_LICENCE", raising=False)
    for name in ("LICENCECHECK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):  # English unless a test asks
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("COLUMNS", "FORCE_COLOR", "CLICOLOR"):  # text is as wide as a pipe's: 100 columns
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Run:
        runner = CliRunner(env=env)
        result = runner.invoke(app, list(args), input=stdin, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture(autouse=True)
def _english_after_each_test() -> object:
    """A run in Chinese leaves the language set for the process; the next test starts in English."""
    yield
    from licencecheck import i18n

    if i18n.ACTIVE.language != "en":
        i18n.activate("en")


@pytest.fixture(autouse=True)
def _no_subprocess_under_mutmut(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under mutmut a subprocess would run the installed package, not the mutant: skip such tests."""
    import os
    import subprocess

    if "MUTANT_UNDER_TEST" in os.environ:

        def refuse(*args: object, **kwargs: object) -> None:
            pytest.skip("a subprocess runs the installed package, not the mutant")

        monkeypatch.setattr(subprocess, "run", refuse)
        monkeypatch.setattr(subprocess, "Popen", refuse)
