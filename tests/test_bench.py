"""The benchmarks fail loudly: a timed command that fails stops them with exit 1 and one line
naming the command and its stderr, never a time or a ratio of a failure. (No timings here.)"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO

NO_PACKAGE = [sys.executable, "-c", "import sys; sys.exit('python3: No module named licencecheck')"]
"""What `python -m licencecheck` does under a Python without the package: exit 1, one line."""


def bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def stop_line(stop: pytest.ExceptionInfo[SystemExit]) -> str:
    """The message a benchmark exits with (SystemExit with a text: printed to stderr, exit 1)."""
    assert isinstance(stop.value.code, str)
    assert "\n" not in stop.value.code
    return stop.value.code


def test_startup_stops_at_a_command_that_fails() -> None:
    with pytest.raises(SystemExit) as stop:
        bench("startup").wall_time(NO_PACKAGE)
    line = stop_line(stop)
    assert line.startswith(f"bench: {sys.executable} -c ") and "(exit 1)" in line
    assert line.endswith("python3: No module named licencecheck")


def test_startup_stops_at_a_command_that_exits_0_but_says_something_on_stderr() -> None:
    with pytest.raises(SystemExit) as stop:
        bench("startup").wall_time([sys.executable, "-c", "import sys; print('a\\nTraceback', file=sys.stderr)"])
    assert stop_line(stop).endswith("(exit 0): a | Traceback")


def test_startup_times_a_command_that_passes() -> None:
    assert bench("startup").wall_time([sys.executable, "-c", "pass"]) >= 0


def test_startup_as_a_script_exits_1_with_one_line_for_a_failing_command() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "startup.py"), "--runs", "1", "--", "show", "--no-such-option"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "show --no-such-option failed (exit 2)" in done.stderr and "No such option" in done.stderr


def test_scope_batch_stops_at_a_refused_input(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        bench("scope_batch").run(tmp_path / "missing.txt", "text")
    line = stop_line(stop)
    assert "scope --from" in line and "missing.txt" in line and "(exit 2)" in line and "licencecheck: error:" in line


def test_scope_batch_expects_exit_1_once_its_input_has_names_the_licence_does_not_cover(tmp_path: Path) -> None:
    scope_batch = bench("scope_batch")
    hosts = tmp_path / "hosts.txt"
    scope_batch.generate(hosts, 2)  # covered names only: exit 0, which is not what run() expects
    with pytest.raises(SystemExit) as stop:
        scope_batch.run(hosts, "text", expect=1)
    assert "(exit 0): nothing on stderr" in stop_line(stop)
    assert scope_batch.expected_exit(2) == 0 and scope_batch.expected_exit(3) == 1
    scope_batch.run(hosts, "text", expect=scope_batch.expected_exit(2))


def test_ratios_stop_at_a_command_that_fails() -> None:
    with pytest.raises(SystemExit) as stop:
        bench("ratios").wall_time(NO_PACKAGE, 0)
    assert stop_line(stop).endswith("(exit 1): python3: No module named licencecheck")


def test_ratios_stop_at_a_command_that_exits_otherwise_than_expected() -> None:
    with pytest.raises(SystemExit) as stop:
        bench("ratios").wall_time([sys.executable, "-c", "pass"], 1)
    assert "(exit 0): nothing on stderr" in stop_line(stop)


def test_ratios_targets_are_a_quarter_of_each_kind(tmp_path: Path) -> None:
    targets = tmp_path / "targets.txt"
    bench("ratios").generate(targets, 400)
    lines = targets.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 400
    assert sum(line.endswith(".maichetong.com.cn") for line in lines) == 100
    assert sum(line.startswith("https://") and "/cars/" in line for line in lines) == 100
    assert (
        sum(line.endswith("maichetong.com.cn") and "." not in line.removesuffix("maichetong.com.cn") for line in lines)
        == 100
    )


def test_the_hello_world_and_the_naive_loop_run(tmp_path: Path) -> None:
    hello = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "hello.py"),
            "check",
            "a.example",
            "--on",
            "2026-06-01",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert hello.stdout.count("\n") == 1
    targets = tmp_path / "targets.txt"
    targets.write_text("www.maichetong.com.cn\nhttps://x.autoengine.com/a?b\nxmaichetong.com.cn\n", encoding="utf-8")
    loop = subprocess.run(
        [sys.executable, str(REPO / "bench" / "naive_scope.py"), str(targets)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert loop.returncode == 1
    assert [line.split()[0] for line in loop.stdout.splitlines()] == ["PASS", "PASS", "FAIL"]
