"""Text from files and arguments made safe to print: control characters shown, never obeyed.

A file name or a page's text can carry ESC sequences (which a terminal would obey) or characters
that XML 1.0 cannot hold. Every renderer for people and every XML or annotation format passes
untrusted text through `printable`.
"""

from __future__ import annotations

import io
import os
import re
import sys

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with control characters (and, unless kept, line breaks and tabs) written as \\xNN."""
    pattern = _CONTROL if keep_newlines else _CONTROL_AND_BREAKS
    return pattern.sub(_escape, text)


_UNICODE_ENCODINGS = ("utf-8", "utf8", "utf-16", "utf-32", "gb18030")


def stream_is_unicode(stream: object) -> bool:
    """Can this text stream carry any character? (False for ascii, gbk, cp1252, …: then JSON is
    written with \\u escapes and text falls back to replacements.)"""
    encoding = str(getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding.startswith(_UNICODE_ENCODINGS)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def ascii_json(text: str) -> str:
    """JSON text with every non-ASCII character as a \\u escape (what ensure_ascii would give):
    outside strings JSON is ASCII, so escaping every such character only touches strings."""
    return _NON_ASCII.sub(_json_escape, text)


def ascii_xml(text: str) -> str:
    """XML text with every non-ASCII character as a character reference (&#x6e1d;)."""
    return _NON_ASCII.sub(lambda match: f"&#x{ord(match.group()):x};", text)


def silence_stdout() -> None:
    """After stdout failed (a broken pipe, a full disk), send what is left to /dev/null, so that
    the exit does not fail again on it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
    finally:
        os.close(devnull)
