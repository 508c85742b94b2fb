"""Family 1: special files as inputs never hang; every input path refuses them in one line.

FIFO cases run in a real process with a hang guard: before the fix they blocked forever."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, Invoke

from .helpers import copy_release, make_fifo, one_error_line, run_process

CHAR_DEVICE = Path("/dev/zero")  # endless: reading it would never finish


def _argv(where: str, special: Path, release: Path) -> tuple[list[str], dict[str, str]]:
    records, manifest = str(release / "compliance" / "records.yaml"), str(release / "licencecheck.yaml")
    table = {
        "--licence": (["show", "--licence", str(special)], {}),
        "LICENCECHECK_LICENCE": (["validity", "--on", "2026-06-01"], {"LICENCECHECK_LICENCE": str(special)}),
        "validate PATH": (["validate", str(special)], {}),
        "--records": (["deadlines", "--on", "2026-06-01", "--records", str(special)], {}),
        "--calendar": (["deadlines", "--on", "2026-06-01", "--calendar", str(special)], {}),
        "gate manifest": (["gate", str(special)], {}),
        "gate records": (["gate", manifest], {}),
        "scope --from": (["scope", "--from", str(special), "--on", "2026-06-01"], {}),
    }
    if where == "gate records":
        text = Path(manifest).read_text(encoding="utf-8").replace("compliance/records.yaml", str(special))
        Path(manifest).write_text(text, encoding="utf-8")
    del records
    argv, env = table[where]
    return argv, env


WHERE = [
    "--licence",
    "LICENCECHECK_LICENCE",
    "validate PATH",
    "--records",
    "--calendar",
    "gate manifest",
    "gate records",
    "scope --from",
]


@pytest.mark.parametrize("where", WHERE)
def test_a_fifo_is_refused_at_once(where: str, tmp_path: Path) -> None:
    release = copy_release(tmp_path)
    fifo = make_fifo(tmp_path)
    argv, env = _argv(where, fifo, release)
    run = run_process(*argv, env=env)
    assert run.returncode == 2, run.stderr
    said = run.stdout + run.stderr if where == "validate PATH" else run.stderr  # validate reports each file
    assert "FIFO" in said and str(fifo) in said and "Traceback" not in run.stderr


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("kind", ["directory", "character device"])
def test_directories_and_devices_are_refused(where: str, kind: str, tmp_path: Path, cli: Invoke) -> None:
    release = copy_release(tmp_path)
    special = tmp_path if kind == "directory" else CHAR_DEVICE
    argv, env = _argv(where, special, release)
    run = cli(*argv, env=env)
    assert run.exit_code == 2
    if where == "validate PATH":  # validate lists every file it was given, in the report
        assert f"{special}: is a {kind}" in run.stdout
    else:
        line = one_error_line(run.stderr)
        assert str(special) in line and kind in line


def test_a_page_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    release = copy_release(tmp_path)
    page = release / "dist" / "index.html"
    page.unlink()
    os.mkfifo(page)
    run = run_process("gate", str(release / "licencecheck.yaml"))
    assert run.returncode == 2
    assert "FIFO" in one_error_line(run.stderr)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"# only a comment\n", "is empty"),
        (b"\xd6\xd0\xce\xc4: x\n", "not UTF-8"),
        (b"a: 1\n" + b"#" * (1 << 20), "larger than 1024 KiB"),
        (b"\x00\x01\x02", "invalid YAML"),
    ],
    ids=["empty", "comment-only", "gbk", "huge", "binary"],
)
@pytest.mark.parametrize("option", ["--licence", "--records", "--calendar"])
def test_bad_files_are_one_line(content: bytes, expected: str, option: str, tmp_path: Path, cli: Invoke) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    run = cli("deadlines", "--on", "2026-06-01", option, str(bad))
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert str(bad) in line and expected in line


def test_standard_input_is_read_as_dev_stdin(cli: Invoke) -> None:
    run = cli("scope", "--from", "/dev/stdin", "--on", "2026-06-01", stdin="maichetong.com.cn\n")
    assert run.exit_code == 0, run.stderr
    assert "maichetong.com.cn" in run.stdout


def test_the_bundled_licence_is_still_read(cli: Invoke) -> None:
    assert cli("validate", str(BUNDLED)).exit_code == 0
