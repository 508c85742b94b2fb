"""Reading the TEXT argument: a file opened as every input is (regular files only, at most
1 MiB, UTF-8), or standard input for `-`; a PDF (by its `%PDF-` magic) through its text layer
(`pdf.pdf_text`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from licencecheck.errors import UnreadableError, os_reason
from licencecheck.i18n import _
from licencecheck.importing.pdf import pdf_text
from licencecheck.inputs import MAX_BYTES, decode_utf8

PDF_MAGIC = b"%PDF-"
WHAT = "licence text"
"""What the file is, as `inputs` names it (`inputs.what_name` says it in the language of the run)."""


@dataclass(frozen=True)
class Source:
    """The text to import, where it came from, and what kind of text it was."""

    name: str
    text: str
    kind: str  # "text" or "PDF text layer" (`core.kind_name` says it in the language of the run)


def read_source(argument: str) -> Source:
    """The text behind TEXT: `-` is standard input, anything else a path."""
    if argument == "-":
        name, raw = "<stdin>", _read_stdin()
    else:
        from licencecheck.inputs import read_bytes

        name, raw = argument, read_bytes(Path(argument), what=WHAT, limit=MAX_BYTES)
    if raw.startswith(PDF_MAGIC):
        return Source(name, pdf_text(raw, name), "PDF text layer")
    return Source(name, decode_utf8(raw, name), "text")


def _read_stdin() -> bytes:
    from licencecheck.inputs import stdin_buffer

    stream = stdin_buffer()
    try:
        raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        said = _("<stdin>: cannot read the licence text: {error}")
        raise UnreadableError(said.format(error=os_reason(exc))) from None
    if len(raw) > MAX_BYTES:
        said = _("<stdin>: the licence text is larger than {size} KiB; refusing to read it")
        raise UnreadableError(said.format(size=MAX_BYTES // 1024))
    return raw
