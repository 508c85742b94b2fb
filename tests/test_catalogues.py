"""The catalogues against the code: every message the code marks is in both, every zh entry is
translated (not fuzzy, not empty, the same placeholders), the compiled .mo files are those the
.po files compile to, and every help text typer shows is a catalogue message."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
TEMPLATE = TOOL.extract()
ZH = TOOL.read("zh_CN")


def _ids(catalog: Any) -> set[tuple[str, str | None]]:
    return {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}


def test_every_marked_message_is_in_the_zh_catalogue() -> None:
    missing = _ids(TEMPLATE) - _ids(ZH)
    assert not missing, f"run `python tools/catalogues.py`, then translate: {sorted(missing, key=str)[:20]}"


def test_the_zh_catalogue_has_no_message_the_code_lost() -> None:
    stale = _ids(ZH) - _ids(TEMPLATE)
    assert not stale, f"run `python tools/catalogues.py`: {sorted(stale, key=str)[:20]}"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_compiled_catalogues_are_those_the_po_files_compile_to(language: str) -> None:
    mo = TOOL.po_path(language).with_suffix(".mo")
    assert mo.read_bytes() == TOOL.compiled(language), f"run `python tools/catalogues.py` ({mo})"


def test_the_english_catalogue_says_what_the_code_says() -> None:
    en = TOOL.read("en")
    assert _ids(en) == _ids(TEMPLATE)
    for message in en:
        if message.id:
            wanted = message.id if isinstance(message.id, str) else tuple(message.id)
            assert (message.string if isinstance(message.string, str) else tuple(message.string)) == wanted


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _zh_entries() -> list[Any]:
    return [m for m in ZH if m.id]


@pytest.mark.parametrize("message", _zh_entries(), ids=lambda m: (m.id if isinstance(m.id, str) else m.id[0])[:40])
def test_zh_entry_is_translated_with_the_same_placeholders(message: Any) -> None:
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    assert not message.fuzzy, "fuzzy"
    assert all(s.strip() or not i.strip() for s, i in zip(strings, ids, strict=False)), "untranslated"
    wanted = set().union(*(_placeholders(i) for i in ids))
    for text in strings:
        assert _placeholders(text) <= wanted, f"{text!r} has a placeholder the code does not give"
        if isinstance(message.id, str):
            assert _placeholders(text) == wanted, f"{text!r} drops a placeholder of {message.id!r}"


def test_zh_sentences_use_full_width_punctuation() -> None:
    """Half-width `,;:()` between Chinese characters read as a word-for-word translation."""
    bad = re.compile(r"[\u4e00-\u9fff][,;:?!]|[\u4e00-\u9fff] ?\((?![A-Za-z0-9_-]+\))")
    wrong = [m.string for m in _zh_entries() if isinstance(m.string, str) and bad.search(m.string)]
    assert not wrong, wrong[:10]


def _help_texts() -> list[str]:
    import typer.main

    from licencecheck.cli import app

    texts: list[str] = []

    def walk(command: Any) -> None:
        texts.extend(t for t in (command.help, command.short_help, command.epilog) if t)
        texts.extend(p.help for p in command.params if getattr(p, "help", None))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return texts


def test_every_help_text_is_a_catalogue_message() -> None:
    ids = {i for i, _ in _ids(ZH)}
    missing = [text for text in _help_texts() if text not in ids and text.strip()]
    assert not missing, f"mark these with N_(...) where they are written: {missing[:10]}"
