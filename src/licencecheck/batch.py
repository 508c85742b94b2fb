"""Batch scope checks: blocks of targets, checked in order, on both cores when the input is large.

Every block goes through `process_job`, in this process for small inputs and in worker
processes (forked, so the licence index is shared, not re-read) for large files. Results come
back in input order; one block per worker is in flight, so memory stays flat. A block of a
target list is checked and formatted as bytes in the encoding of the sink's stream where it
can be (`FastPath`), and a worker's bytes go to the parent as they are, so that the parent only
writes them out.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import os
import pickle
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from licencecheck.i18n import _
from licencecheck.report import Finding, Verdict

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from licencecheck.checks.scope import Entry, RawBlock, ScopeIndex
    from licencecheck.render.stream import FindingSink

BLOCK_SIZE = 20_000


@dataclass
class Tally:
    checked: int = 0
    covered: int = 0
    not_covered: int = 0
    invalid: int = 0
    warned: int = 0
    matched: dict[str, None] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        self.checked += other.checked
        self.covered += other.covered
        self.not_covered += other.not_covered
        self.invalid += other.invalid
        self.warned += other.warned
        self.matched.update(other.matched)

    def verdicts(self) -> dict[str, int]:
        """How many findings have each verdict (the envelope's summary counts)."""
        return {
            Verdict.PASS.value: self.covered - self.warned,
            Verdict.WARN.value: self.warned,
            Verdict.FAIL.value: self.not_covered,
            Verdict.ERROR.value: self.invalid,
        }

    def summary(self) -> dict[str, int]:
        return {
            **self.verdicts(),
            "checked": self.checked,
            "covered": self.covered,
            "not_covered": self.not_covered,
            "invalid": self.invalid,
        }

    def exit_code(self, strict: bool) -> int:
        from licencecheck.report import exit_code_for

        return exit_code_for(self.verdicts(), strict=strict)

    def ok(self, strict: bool) -> bool:
        return self.exit_code(strict) == 0


BlockResult = tuple[str | bytes | memoryview, list[str], Tally]
"""The block's formatted findings (joined; encoded for the sink's stream where it takes bytes,
`FindingSink.binary`, and then from a worker a view of its buffer, good until its next result),
error messages for invalid targets, and counts."""


def process_job(index: ScopeIndex, sink: FindingSink, job: list[Entry] | RawBlock) -> BlockResult:
    """Parse (for a raw block of a file), check and format one block of targets."""
    from licencecheck.checks.scope import RawBlock

    binary = sink.binary
    if binary is not None and isinstance(job, RawBlock) and job.long_line is None:
        with contextlib.suppress(_NotEncodable):  # then as text, which the sink writes as it can
            return FastPath.of(index, sink, job.name, binary).run(job)
    return _process_text(index, sink, job)


def _process_text(index: ScopeIndex, sink: FindingSink, job: list[Entry] | RawBlock) -> BlockResult:
    """Every target the careful way, formatted as text."""
    from licencecheck.checks.scope import RawBlock, parse_block

    block = parse_block(job) if isinstance(job, RawBlock) else job
    source = job.name if isinstance(job, RawBlock) else None
    formatted: list[str] = []
    errors: list[str] = []
    tally = Tally()
    for line, target in block:
        formatted.append(_careful(index, sink, line, target, source, errors, tally))
    tally.checked = len(block)
    return sink.joiner.join(formatted), errors, tally


def _careful(
    index: ScopeIndex,
    sink: FindingSink,
    line: int | None,
    target: str | Finding,
    source: str | None,
    errors: list[str],
    tally: Tally,
) -> str:
    """One target checked by check_target (or the finding of a line that is not a target), counted
    into `tally` (but for `checked`) and formatted."""
    from licencecheck.checks.scope import INVALID, check_target

    # A line that could not be read as a target (not UTF-8, too long) comes as its finding.
    finding = target if isinstance(target, Finding) else check_target(index, target, line, source)
    data = finding.data
    if data["status"] == INVALID:
        tally.invalid += 1
        errors.append(finding.message)
    elif finding.verdict is Verdict.FAIL:
        tally.not_covered += 1
    else:
        tally.covered += 1
        tally.warned += finding.verdict is Verdict.WARN
    domain = data.get("matched_domain")
    if domain is not None:
        tally.matched[domain] = None
    return sink.format(finding)


class _NotEncodable(Exception):
    """A finding the sink's stream cannot encode: the block goes as text (`process_job`)."""


class _Template:
    """What every plain target with one outcome comes to (`FastPath`): its formatted line as a
    bytes %-template of (target, host, line), and how many targets of the block at hand had it."""

    __slots__ = ("count", "covered", "fill", "longest", "matched", "not_covered", "pick", "warned")

    def __init__(self, finding: Finding, template: bytes, fields: list[int], longest: int) -> None:
        self.fill = template.__mod__
        self.pick: Callable[[tuple[bytes, bytes, int]], Any] = operator.itemgetter(*fields) if fields else _no_fields
        self.longest = longest
        """Lines up to this long take the template (-1: none, the careful path)."""
        self.matched: str | None = finding.data.get("matched_domain")
        self.not_covered = finding.verdict is Verdict.FAIL
        self.covered = not self.not_covered
        self.warned = finding.verdict is Verdict.WARN
        self.count = 0


def _no_fields(values: tuple[bytes, bytes, int]) -> tuple[()]:
    return ()


class _Templates(dict[bytes | None, _Template]):
    """Templates by licensed domain (None: not listed), made when first needed."""

    def __init__(self, make: Callable[[bytes | None], _Template]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, matched: bytes | None) -> _Template:
        made = self[matched] = self.make(matched)
        return made


_SUBJECT, _HOST, _LINE = "\x01", "\x02", 918_273_645
"""Placeholders for the target, host and line of a finding made into a template."""
_FIELDS = {"0": b"%s", "1": b"%s", "2": b"%d"}


class FastPath:
    """A raw block of a target list (`RawBlock`) checked and formatted as bytes for the sink's
    stream. A plain line (`scope.PLAIN_LINE`: a lowercase ASCII name, or a URL of one) costs a
    regular expression, a look-up of its host's parent (`ParentMatches`) and a %-format: no
    decoding, no finding. Its template is made once per outcome (listed as, listed via a domain,
    not listed) from the sink's `line_template` of a finding with placeholders, and must give what
    the sink formats for a real finding, else that outcome takes the careful path. Every other line
    is read by parse_line, checked by check_target and formatted by the sink, as before."""

    _last: FastPath | None = None

    def __init__(self, index: ScopeIndex, sink: FindingSink, source: str, binary: tuple[str, str]) -> None:
        from licencecheck.checks.scope import ParentMatches

        self.index, self.sink, self.source, self.binary = index, sink, source, binary
        self.parents = ParentMatches(index.domains)
        self.as_itself = _Templates(lambda matched: self._template(matched, itself=True))
        self.via = _Templates(lambda matched: self._template(matched, itself=False))
        self.joiner = sink.joiner.encode(*binary)

    @classmethod
    def of(cls, index: ScopeIndex, sink: FindingSink, source: str, binary: tuple[str, str]) -> FastPath:
        """The fast path of a run, kept: templates are made once per run (and worker)."""
        last = cls._last
        if (
            last is None
            or last.index is not index
            or last.sink is not sink
            or last.source != source
            or last.binary != binary
        ):
            last = cls._last = cls(index, sink, source, binary)
        return last

    def _template(self, matched: bytes | None, *, itself: bool) -> _Template:
        from licencecheck.checks.scope import MAX_LINE_BYTES, name_finding

        index, sink, source = self.index, self.sink, self.source
        domain = None if matched is None else matched.decode("ascii")
        host = domain if itself and domain is not None else _HOST
        made = sink.line_template(name_finding(index, _SUBJECT, host, domain, _LINE, source), _SUBJECT, _HOST, _LINE)
        # A real finding must come out as the sink formats it, else the careful path it is.
        subject, line = "a.example", 4321
        host = domain if itself and domain is not None else f"b.{domain or 'example'}"
        real = name_finding(index, subject, host, domain, line, source)
        if made is not None:
            try:
                template, fields = _percent(made[0], self.binary)
                values = (subject.encode(), host.encode(), line)
                fill = template % operator.itemgetter(*fields)(values) if fields else template
                if len(subject) <= made[1] and fill == sink.format(real).encode(*self.binary):
                    return _Template(real, template, fields, min(made[1], MAX_LINE_BYTES))
            except (UnicodeError, ValueError, TypeError):
                pass
        return _Template(real, b"", [], -1)

    def run(self, job: RawBlock) -> BlockResult:
        """Check and format a block of lines, in order."""
        from licencecheck.checks.scope import PLAIN_HOST_MAX, PLAIN_LINE, parse_line

        plain = PLAIN_LINE.fullmatch
        domains, parents = self.parents.domains, self.parents
        as_itself, via = self.as_itself, self.via
        index, sink, source, binary = self.index, self.sink, self.source, self.binary
        formatted: list[bytes] = []
        append = formatted.append
        errors: list[str] = []
        tally = Tally()
        used: list[_Template] = []
        checked = 0
        try:
            for number, raw in enumerate(job.data.split(b"\n"), job.first_line):
                found = plain(raw)
                if found is not None:
                    host: bytes = found[3]
                    if len(host) <= PLAIN_HOST_MAX:
                        matched = host if host in domains else parents[host[host.find(b".") + 1 :]]
                        template = (as_itself if host == matched else via)[matched]
                        if len(raw) <= template.longest:
                            if not template.count:
                                used.append(template)
                                if template.matched is not None:
                                    tally.matched[template.matched] = None
                            template.count += 1
                            append(template.fill(template.pick((found[1], host, number))))
                            continue
                target = parse_line(source, number, raw)
                if target is None:  # a blank line or a comment
                    continue
                checked += 1
                text = _careful(index, sink, number, target, source, errors, tally)
                try:
                    append(text.encode(*binary))
                except UnicodeEncodeError:
                    raise _NotEncodable from None
        finally:
            for template in used:
                count, template.count = template.count, 0
                checked += count
                tally.covered += count * template.covered
                tally.not_covered += count * template.not_covered
                tally.warned += count * template.warned
        tally.checked = checked
        return self.joiner.join(formatted), errors, tally


def _percent(template: str, binary: tuple[str, str]) -> tuple[bytes, list[int]]:
    """A `str.format` template of (target, host, line) as a bytes %-template for the stream's
    encoding, and the fields it takes in order. Raises ValueError for a format it cannot carry."""
    import string

    pieces: list[bytes] = []
    fields: list[int] = []
    for literal, name, given, conversion in string.Formatter().parse(template):
        pieces.append(literal.encode(*binary).replace(b"%", b"%%"))
        if name is None:
            continue
        spec = given or ""
        padded = name == "0" and spec[:1] == "<" and spec[1:].isdigit()  # the target, padded
        if name not in _FIELDS or conversion or (spec and not padded):
            raise ValueError(f"a field the fast path cannot fill: {name}:{spec}")
        pieces.append(b"%-" + spec[1:].encode() + b"s" if spec else _FIELDS[name])
        fields.append(int(name))
    return b"".join(pieces), fields


def chunked(targets: Iterator[Entry]) -> Iterator[list[Entry]]:
    """Targets given one by one (arguments), in blocks."""
    while block := list(itertools.islice(targets, BLOCK_SIZE)):
        yield block


def usable_workers() -> int:
    """Worker processes for a large input: one per core, where fork is available."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, cores)


def run_jobs(
    index: ScopeIndex,
    sink: FindingSink,
    jobs: Iterator[list[Entry] | RawBlock],
    on_result: Callable[[BlockResult], None],
    *,
    workers: int,
) -> None:
    """Process every job and hand the results to `on_result` in input order. If anything stops
    the run (Ctrl-C, SIGTERM, an error, a worker killed), the workers are killed and reaped
    before the exception goes on."""
    if workers <= 1:
        for job in jobs:
            on_result(process_job(index, sink, job))
        return
    crew = _start_workers(index, sink, workers)
    try:
        _run_in_order(crew, jobs, on_result)
    except BaseException:
        for worker in crew:
            worker.stop(kill=True)
        raise
    for worker in crew:
        worker.stop(kill=False)


def _run_in_order(crew: list[_Worker], jobs: Iterator[Any], on_result: Callable[[BlockResult], None]) -> None:
    """Job N goes to worker N mod len(crew), one job in flight per worker; a worker gets its next
    job as soon as its last result is in, before that result is written out."""
    in_flight: deque[_Worker] = deque()
    for number, job in enumerate(jobs):
        worker = crew[number % len(crew)]
        # All workers busy: the oldest job in flight is this worker's; take its result first.
        done = in_flight.popleft().receive() if len(in_flight) == len(crew) else None
        worker.send(job)
        in_flight.append(worker)
        if done is not None:
            on_result(done)
    while in_flight:
        on_result(in_flight.popleft().receive())


_STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


def _start_workers(index: ScopeIndex, sink: FindingSink, count: int) -> list[_Worker]:
    """Worker processes, forked (they share the licence index as it is) with nothing buffered on
    stdout or stderr (a worker would write it again at exit), and with Ctrl-C and SIGTERM
    blocked from the fork until each worker has reset the handlers it inherited."""
    import multiprocessing

    sys.stdout.flush()
    sys.stderr.flush()
    context = multiprocessing.get_context("fork")
    crew: list[_Worker] = []
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        for _ in range(count):
            crew.append(_Worker(context, index, sink, [end for worker in crew for end in worker.ends]))
    except BaseException:
        for worker in crew:
            worker.stop(kill=True)
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return crew


class _Worker:
    """One forked worker process with a pipe for jobs and one for results, nothing shared: a
    worker that dies (killed by anyone, at any moment) cannot leave a lock held, as it can in
    multiprocessing.Pool, whose teardown then waits for ever."""

    def __init__(self, context: Any, index: ScopeIndex, sink: FindingSink, others: list[Connection]) -> None:
        job_end, self.jobs = context.Pipe(duplex=False)
        self.results, result_end = context.Pipe(duplex=False)
        _widen(result_end)
        self.buffer = bytearray()
        self.ends = [self.jobs, self.results]
        arguments = (job_end, result_end, index, sink, [*others, *self.ends])
        self.process = context.Process(target=_serve, args=arguments, daemon=True)
        self.process.start()
        job_end.close()  # this process keeps only its own ends: a dead worker is an end of file
        result_end.close()

    def send(self, job: Any) -> None:
        try:
            self.jobs.send_bytes(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
        except OSError:
            self._died()

    def receive(self) -> BlockResult:
        """The worker's next result; encoded findings come after it, as they are (`_serve`), read
        into this worker's buffer (valid until the next receive)."""
        try:
            done, payload = pickle.loads(self.results.recv_bytes())
            if done and isinstance(payload[0], int):
                payload = (self._read(payload[0]), *payload[1:])
        except (EOFError, OSError):
            self._died()
        if not done:
            raise RuntimeError(_("in a worker process: {error}").format(error=payload))
        return payload  # type: ignore[no-any-return]

    def _read(self, size: int) -> memoryview:
        if len(self.buffer) < size:
            self.buffer = bytearray(size + (size >> 3))
        view = memoryview(self.buffer)[:size]
        got, fd = 0, self.results.fileno()
        while got < size:
            read = os.readv(fd, [view[got:]])
            if read == 0:
                raise EOFError
            got += read
        return view

    def _died(self) -> NoReturn:
        """A worker that stopped on its own was killed: SIGTERM stops the run as it would have
        stopped this process; anything else (the out-of-memory killer, a crash) is an error."""
        from licencecheck.errors import LicenceCheckError, Terminated

        self.process.join(1)
        code = self.process.exitcode
        if code == -signal.SIGTERM:
            raise Terminated
        if code is not None and code < 0:
            message = _(
                "a worker process was killed by {signal} before the batch was checked; "
                "LICENCECHECK_WORKERS=1 checks in one process"
            ).format(signal=signal.Signals(-code).name)
        else:
            message = _(
                "a worker process exited ({code}) before the batch was checked; "
                "LICENCECHECK_WORKERS=1 checks in one process"
            ).format(code=code)
        raise LicenceCheckError(message)

    def stop(self, *, kill: bool) -> None:
        """End the worker (an end of file on its jobs, or SIGKILL) and reap it."""
        self.jobs.close()
        if kill:
            self.process.kill()
        self.process.join(None if kill else 5)
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join()
        self.results.close()


def _widen(end: Connection) -> None:
    """A pipe that carries a block's findings in a few writes (Linux: 1 MiB, where allowed)."""
    import fcntl

    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)


def _serve(jobs: Connection, results: Connection, index: ScopeIndex, sink: FindingSink, ends: list[Connection]) -> None:
    """A worker's life: jobs in, results out, until the jobs end or this process's parent is gone.
    Ctrl-C is for the parent alone; SIGTERM, which the parent's handler would turn into an
    exception (and a traceback here), ends a worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    for end in ends:  # the parent's ends, inherited in the fork
        end.close()
    while True:
        try:
            job = pickle.loads(jobs.recv_bytes())
        except (EOFError, OSError):
            return
        encoded: bytes | memoryview = b""
        try:
            formatted, errors, tally = process_job(index, sink, job)
            if isinstance(formatted, str):
                reply: tuple[bool, Any] = (True, (formatted, errors, tally))
            else:  # its size in the reply, then itself as it is
                encoded, reply = formatted, (True, (len(formatted), errors, tally))
        except Exception as exc:  # sent to the parent, which raises it
            reply = (False, f"{type(exc).__name__}: {exc}")
        try:
            results.send_bytes(pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))
            view, fd = memoryview(encoded), results.fileno()
            while view:
                view = view[os.write(fd, view) :]
        except OSError:
            return
