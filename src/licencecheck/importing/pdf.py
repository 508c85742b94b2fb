"""A PDF's text layer, read fail closed and on a budget.

pypdf reads strictly (a dangling object is an error, not a page silently skipped), every warning
it gives while reading or extracting means the file is damaged, and the page tree must hold the
pages it says it holds. A licence is a handful of pages of text, so what a PDF may cost is
bounded: its pages, each page's decoded content, the drawing operations and the text extracted,
and the time taken. Anything over is refused (exit 2), never read in part."""

from __future__ import annotations

import contextlib
import io
import logging
import time
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from licencecheck.errors import InputError, UnreadableError
from licencecheck.i18n import _
from licencecheck.inputs import MAX_BYTES

if TYPE_CHECKING:
    import pypdf

MAX_PAGES = 200
MAX_PAGE_CONTENT = 1 << 20
"""Decoded bytes of one page's content streams (a licence page holds tens of KiB)."""
MAX_OPERATIONS = 100_000
"""Drawing operations executed over all pages, forms included."""
MAX_TEXT = MAX_BYTES
"""UTF-8 bytes of extracted text: what a text file may hold."""
MAX_SECONDS = 3.0
"""A last resort against what the counts above miss: extraction takes well under a second."""

_READER_LIMITS = {
    "zlib_maximum_output_length": 8 << 20,
    "lzw_maximum_output_length": 8 << 20,
    "run_length_maximum_output_length": 8 << 20,
    "brotli_maximum_output_length": 8 << 20,
    "array_based_stream_maximum_output_length": 8 << 20,
    "stream_decoding_work_maximum_length": 32 << 20,
    "stream_parsing_work_maximum_count": 150_000,
    "page_tree_maximum_entries": 10_000,
    "page_tree_maximum_page_entries": 10_000,
    "xform_maximum_invocations_per_extraction": 500,
}
"""pypdf's own limits (pypdf 7 and later), tightened to what a licence needs."""


class _OverBudget(BaseException):
    """Raised from inside pypdf's extraction; a BaseException so that pypdf's `except Exception`
    (around each form XObject) cannot swallow it."""


class _Damaged(BaseException):
    """Extraction stopped at a problem the reader reported (the problem says what)."""


class _Budget:
    """What extraction has cost so far; each visitor call checks it, and stops at the first
    problem the reader reports (it would go on past a form it could not read)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.operations = 0
        self.text = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def operation(self, operator: Any, operands: Any, cm: Any, tm: Any) -> None:
        if self.problems:
            raise _Damaged
        self.operations += 1
        if self.operations > MAX_OPERATIONS:
            raise _OverBudget(
                _("its pages hold more than {count} drawing operations").format(count=f"{MAX_OPERATIONS:,}")
            )
        if time.monotonic() > self.deadline:
            raise _OverBudget(
                _("its text takes more than {seconds} seconds to extract").format(seconds=f"{MAX_SECONDS:g}")
            )

    def shown(self, text: Any, cm: Any, tm: Any, font: Any, size: Any) -> None:
        self.text += len(str(text).encode("utf-8", "surrogatepass"))
        if self.text > MAX_TEXT:
            raise _OverBudget(_("its text is larger than {size} KiB").format(size=MAX_TEXT // 1024))


def pdf_text(raw: bytes, name: str) -> str:
    """The text layer of every page, page after page; a PDF with none needs OCR first."""
    import pypdf

    problems: list[str] = []
    try:
        with _reader_limits(pypdf), _problems(problems):
            pages = _read_pages(pypdf.PdfReader(io.BytesIO(raw), strict=True), name, problems)
    except _Damaged:
        pages = []
    except InputError:
        raise
    except _OverBudget as over:
        said = _("{name}: the PDF is refused: {reason}; a licence is a few pages of text")
        raise InputError(said.format(name=name, reason=over)) from None
    except Exception as exc:  # pypdf raises many kinds of errors on a damaged file
        raise UnreadableError(_why(name, exc)) from None
    if problems:
        raise InputError(_problem(name, problems[0]))
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(
            _("{name}: the PDF has no text layer (a scan?); run OCR first and import the text").format(name=name)
        )
    return text


def _problem(name: str, problem: str) -> str:
    """What the reader warned about first: one of its own limits reached, or damage."""
    if any(word in problem.lower() for word in ("maximum", "limit", "exceeded")):
        said = _(
            "{name}: the PDF is refused: the reader stopped at a limit ({problem}); a licence is a few pages of text"
        )
    else:
        said = _("{name}: the PDF is damaged: {problem}; re-export it")
    return said.format(name=name, problem=_short(problem))


def _why(name: str, exc: Exception) -> str:
    from pypdf.errors import LimitReachedError

    if isinstance(exc, LimitReachedError):
        said = _(
            "{name}: not a readable PDF: it goes past the reader's limits ({error}); a licence is a few pages of text"
        )
    else:
        said = _("{name}: not a readable PDF: it is damaged or not a PDF ({error}); re-export it")
    return said.format(name=name, error=_short(f"{type(exc).__name__}: {exc}"))


def _short(message: str) -> str:
    """A reader's message in one short line (some quote whole dictionaries)."""
    line = " ".join(message.split())
    return line if len(line) <= 160 else line[:159] + "…"


def _read_pages(reader: pypdf.PdfReader, name: str, problems: list[str]) -> list[str]:
    if reader.is_encrypted and not reader.decrypt(""):
        raise InputError(_("{name}: the PDF is encrypted; save an unencrypted copy first").format(name=name))
    root: Any = reader.trailer["/Root"]
    count, declared = len(reader.pages), root["/Pages"]["/Count"]
    if count != declared:
        said = _("{name}: the PDF is damaged: its page tree counts {declared} pages but holds {count}; re-export it")
        raise InputError(said.format(name=name, declared=declared, count=count))
    if count > MAX_PAGES:
        raise _OverBudget(
            _("it has {count} pages (at most {limit} are read)").format(count=f"{count:,}", limit=MAX_PAGES)
        )
    budget, pages = _Budget(problems), []
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        if size > MAX_PAGE_CONTENT:
            said = _("page {number}'s content is {size} bytes decoded (at most {limit})")
            raise _OverBudget(said.format(number=number, size=f"{size:,}", limit=f"{MAX_PAGE_CONTENT:,}"))
        pages.append(page.extract_text(visitor_operand_before=budget.operation, visitor_text=budget.shown) or "")
    return pages


@contextlib.contextmanager
def _reader_limits(pypdf: Any) -> Iterator[None]:
    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:  # pypdf before 7: its defaults, and the budget above
        yield
        return
    known = vars(pypdf.get_configuration())
    with apply(**{key: value for key, value in _READER_LIMITS.items() if key in known}):
        yield


class _Collect(logging.Handler):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        self.problems.append(record.getMessage())


@contextlib.contextmanager
def _problems(problems: list[str]) -> Iterator[None]:
    """What pypdf warns about while reading (its logger and its PdfReadWarning), collected into
    `problems` instead of printed: each means the file is damaged."""
    from pypdf.errors import PdfReadWarning

    logger, handler = logging.getLogger("pypdf"), _Collect(problems)
    saved = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate, logger.level = False, logging.WARNING
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PdfReadWarning)
            try:
                yield
            finally:
                problems += [str(w.message) for w in caught if issubclass(w.category, PdfReadWarning)]
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = saved
