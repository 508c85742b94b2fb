"""Family 7: nothing crashes with exit 1. Edge dates, huge numbers, unwritable outputs, closed or
narrow stdouts, and any unexpected exception are one line and exit 2 (or the normal result)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, Invoke

from .helpers import EXAMPLE, HANG_GUARD, one_error_line, run_process


@pytest.mark.parametrize(
    "argv",
    [
        ["deadlines", "--on", "0001-01-01"],
        ["deadlines", "--on", "9999-12-31"],
        ["timeline", "--on", "9999-12-31"],
        ["timeline", "--on", "0001-01-02"],
        ["deadlines", "--on", "2026-09-30", "--event", "illegal-info-report=0001-01-01"],
        ["deadlines", "--format", "ics", "--on", "9999-12-31"],
        ["validity", "--on", "2026-06-01", "--warn-days", "99999999999999999999"],
        ["validity", "--on", "2026-06-01", "--warn-days", "3000000"],
        ["scope", "maichetong.com.cn", "--on", "1900-01-01"],
        ["business", "B25", "--on", "2200-01-01"],
    ],
)
def test_edge_dates_and_numbers_are_input_errors(argv: list[str], cli: Invoke) -> None:
    run = cli(*argv)
    assert run.exit_code == 2, run.stdout
    assert "outside the supported range" in one_error_line(run.stderr)


def test_a_licence_valid_to_9999_is_refused_with_its_position(tmp_path: Path, cli: Invoke) -> None:
    licence = tmp_path / "licence.yaml"
    licence.write_text(
        BUNDLED.read_text(encoding="utf-8").replace("valid_until: 2026-10-20", "valid_until: 9999-12-31"),
        encoding="utf-8",
    )
    for argv in (["deadlines"], ["timeline"], ["show"], ["validity"]):
        run = cli(*argv, "--licence", str(licence))
        assert run.exit_code == 2
        assert f"{licence}:" in one_error_line(run.stderr)


@pytest.mark.parametrize("encoding", ["ascii", "gbk", "cp1252", "latin-1"])
@pytest.mark.parametrize(
    "argv",
    [
        ["show", "--format", "json", "--on", "2026-06-01"],
        ["show", "--on", "2026-06-01"],
        ["deadlines", "--on", "2026-06-01", "--format", "json"],
        ["deadlines", "--on", "2026-06-01", "--format", "ics"],
        ["business", "--list", "--on", "2026-06-01"],
        ["gate", str(EXAMPLE / "licencecheck.yaml"), "--format", "junit"],
        ["scope", "maichetong.com.cn", "--on", "2026-06-01", "--format", "json"],
    ],
    ids=lambda a: " ".join(a)[:40] if isinstance(a, list) else a,
)
def test_a_narrow_stdout_gets_what_it_can_carry(argv: list[str], encoding: str) -> None:
    run = run_process(*argv, env={"PYTHONIOENCODING": encoding})
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    if "json" in argv:
        wide = run_process(*argv)
        assert json.loads(run.stdout) == json.loads(wide.stdout)
    if "junit" in argv:
        from xml.etree import ElementTree

        assert "渝B2-20210467" in ElementTree.tostring(ElementTree.fromstring(run.stdout), encoding="unicode")


def test_a_closed_stdout_is_one_line() -> None:
    code = (
        "import sys, runpy; sys.argv = ['licencecheck', 'show']; runpy.run_module('licencecheck', run_name='__main__')"
    )
    run = subprocess.run(
        ["sh", "-c", f'exec "$0" -c "{code}" >&-', sys.executable],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
    )
    assert run.returncode == 2
    assert "standard output is closed" in one_error_line(run.stderr)


def test_a_closed_stdout_does_not_matter_when_everything_goes_to_files(tmp_path: Path) -> None:
    out = tmp_path / "gate.json"
    code = (
        "import sys, runpy; sys.argv = ['licencecheck', 'gate', sys.argv[1], '-f', 'json', '-o', sys.argv[2]]; "
        "runpy.run_module('licencecheck', run_name='__main__')"
    )
    run = subprocess.run(
        [
            "sh",
            "-c",
            f'exec "$0" -c "{code}" "$1" "$2" >&-',
            sys.executable,
            str(EXAMPLE / "licencecheck.yaml"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["ok"] is True


def test_an_unexpected_exception_is_exit_2_and_one_line(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from licencecheck.checks import validity

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(validity, "check_validity", broken)
    run = cli("validity", "--on", "2026-06-01")
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert "internal error: RuntimeError: boom" in line and "--debug" in line


def test_debug_shows_the_traceback(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from licencecheck.checks import validity

    monkeypatch.setattr(validity, "check_validity", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        cli("--debug", "validity", "--on", "2026-06-01")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["scope", "--format", "xml", "x.com"], "Invalid value for '--format'"),
        (["deadlines", "--horizon", "-1"], "--horizon"),
        (["deadlines", "--horizon", "lots"], "--horizon"),
        (["no-such-command"], "No such command"),
        (["show", "--no-such-option"], "No such option"),
        (["gate", "-o"], "-o"),
    ],
)
def test_usage_errors_are_one_line(argv: list[str], expected: str, cli: Invoke) -> None:
    run = cli(*argv)
    assert run.exit_code == 2
    line = one_error_line(run.stderr)
    assert expected in line and "╭" not in run.stderr


@pytest.mark.parametrize(("signame", "code", "said"), [("SIGTERM", 143, "terminated"), ("SIGINT", 130, "interrupted")])
def test_a_signal_stops_the_run_with_one_line(signame: str, code: int, said: str) -> None:
    import signal
    import time

    with subprocess.Popen(
        [sys.executable, "-m", "licencecheck", "scope", "--from", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None
        process.stdin.write("maichetong.com.cn\n")
        process.stdin.flush()
        time.sleep(1.5)  # let it start and wait on the rest of its input
        process.send_signal(getattr(signal, signame))
        _, stderr = process.communicate(timeout=HANG_GUARD)
    assert process.returncode == code
    assert stderr.strip().splitlines()[-1] == f"licencecheck: {said}"
    assert "Traceback" not in stderr


def test_a_broken_pipe_is_exit_2_and_one_line(tmp_path: Path) -> None:
    targets = tmp_path / "targets.txt"
    targets.write_text("maichetong.com.cn\n" * 200_000, encoding="utf-8")
    command = f'"$0" -m licencecheck scope --from {targets} --on 2026-06-01'
    script = f'{command} | head -c 10 >/dev/null; echo "${{PIPESTATUS[0]}}" >&2'
    run = subprocess.run(
        ["bash", "-c", script, sys.executable], capture_output=True, text=True, timeout=HANG_GUARD, check=False
    )
    lines = run.stderr.strip().splitlines()
    assert lines[-1] == "2", run.stderr
    assert lines[:-1] == ["licencecheck: error: standard output was closed before the output was written (broken pipe)"]


FULL_DISK = "licencecheck: error: cannot write to standard output: No space left on device"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [
        ["validity", "--on", "2026-06-01"],
        ["deadlines", "--on", "2026-06-01", "--format", "json"],
        ["scope", "maichetong.com.cn", "--on", "2026-06-01"],
        ["scope", "maichetong.com.cn", "--on", "2026-06-01", "--format", "json"],
        ["scope", "--from", "{targets}", "--on", "2026-06-01"],
        ["scope", "--from", "{targets}", "--on", "2026-06-01", "--format", "json"],
    ],
)
def test_a_full_disk_on_stdout_is_exit_2_and_one_line(argv: list[str], tmp_path: Path) -> None:
    targets = tmp_path / "targets.txt"
    targets.write_text("maichetong.com.cn\n" * 50_000, encoding="utf-8")
    command = [sys.executable, "-m", "licencecheck", *(item.format(targets=targets) for item in argv)]
    with open("/dev/full", "w") as full:
        run = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=HANG_GUARD, check=False)
    assert (run.returncode, run.stderr) == (2, FULL_DISK + "\n")


@pytest.mark.parametrize("argv", [["scope", "--from", "-"], ["import", "-"]])
def test_a_closed_stdin_is_exit_2_and_one_line(argv: list[str]) -> None:
    script = f'"$0" -m licencecheck {" ".join(argv)} <&-; echo "$?" >&2'
    run = subprocess.run(
        ["bash", "-c", script, sys.executable], capture_output=True, text=True, timeout=HANG_GUARD, check=False
    )
    said = "standard input is closed; give a file name, or redirect the input from a file or a pipe"
    assert run.stderr.splitlines() == [f"licencecheck: error: {said}", "2"]
