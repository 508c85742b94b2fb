"""Is a host covered by the licence on a day? Listed (on label boundaries) and in force.

Built for batches of a million names: the licence is indexed once, plain ASCII names take a
regex fast path, and every target yields one small finding whose shared details (website,
grants, server, access provider) live once in `ScopeIndex.details`. The messages are translated
and filled with what they say of each licensed domain once per run (`_fill`); a target only
puts its host in. In a target list, a plain line (`PLAIN_LINE`) is not even decoded: its host is
matched as bytes (`ParentMatches`) and its finding never made (see `batch.FastPath`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

from licencecheck.checks.validity import check_validity
from licencecheck.hostnames import HostError, host_of, is_ip_address, listed_under, normalise_name
from licencecheck.i18n import N_, _, day, join, listing, quote
from licencecheck.models import Licence
from licencecheck.report import Finding, Status, Verdict

CHECK = "scope"

COVERED = Status.COVERED.value
NOT_LISTED = Status.NOT_LISTED.value
NOT_IN_FORCE = Status.NOT_IN_FORCE.value
IP_ADDRESS = Status.IP_ADDRESS.value
INVALID = Status.INVALID.value

READ_BLOCK_BYTES = 1 << 18
"""Target files are read and checked in blocks of about this size (some 10,000 names): large
enough to amortise handing a block to a worker, small enough to keep memory flat."""
MAX_LINE_BYTES = 1 << 16
"""A target line longer than this is not a host or a URL anyone serves; refuse, keep memory flat."""

_LDH_CHARS = re.compile(r"[a-z0-9.-]+")
_LONG_LABEL = re.compile(r"[^.]{64}")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")

_PLAIN_LABEL = rb"[a-z0-9]++(?:-[a-z0-9]++)*+"
PLAIN_LINE = re.compile(
    rb"[ \t\r]*+("  # 1: the target, without the blanks around it
    rb"(?:([a-z][a-z0-9+.-]*+://))?+"  # 2: a lowercase scheme, which makes it a URL
    rb"((?:" + _PLAIN_LABEL + rb"\.)*+" + _PLAIN_LABEL + rb"(?<=[a-z]))"  # 3: the host, its last character a letter
    rb"(?(2)(?:[/?#][!#-\[\]-~]*+)?+)"  # a URL's path, query and fragment: printable ASCII, no quote or backslash
    rb")[ \t\r]*+"
)
"""A line of a target list whose host is found without the careful path: a lowercase LDH name
(letters and digits, single hyphens inside labels, no empty label, the last character a letter:
neither numeric nor an IP address, and no A-label, which needs "--"), or such a name as the whole
authority of a URL with a lowercase scheme, followed by printable ASCII with no space, quote or
backslash. With a host of at most 63 characters (so no label is longer, see `plain_line`),
parse_line reads the line as its target and normalise_target gives ("name", host); they are the
judges of everything else."""
PLAIN_HOST_MAX = 63


def plain_line(raw: bytes) -> tuple[bytes, bytes] | None:
    """(target, host) of a line of a target list that `PLAIN_LINE` takes, else None."""
    found = PLAIN_LINE.fullmatch(raw)
    return None if found is None or len(found[3]) > PLAIN_HOST_MAX else (found[1], found[3])


Said = tuple[str, ...]
"""A message with everything but the host filled in: its pieces around the host (`_fill`)."""


def _fill(template: str, **fixed: str) -> Said:
    """`template` translated and filled with `fixed` once; `host.join(said)` puts a host in (a
    str.format of every field per target would cost a third of a large batch)."""
    return tuple(piece.format(**fixed) for piece in _(template).split("{host}"))


@dataclass(frozen=True)
class Holder:
    """A licence that lists a domain, its state on the day checked, and what a target listed
    under the domain is told: `listed_as` for the domain itself, `listed_via` for a subdomain."""

    number: str
    website: str
    clause: str
    in_force: bool
    warning: str | None
    listed_as: Said
    listed_via: Said


@dataclass(frozen=True)
class ScopeIndex:
    """The licences' websites, indexed by domain: for each, the licences listing it, the one to
    cite first (in force before in its renewal window before not in force)."""

    licence_number: str
    domains: frozenset[str]
    details: dict[str, dict[str, Any]]
    validities: tuple[Finding, ...]
    listing_clause: str
    holders: dict[str, tuple[Holder, ...]]
    not_listed: Said
    ip_address: Said

    @classmethod
    def build(cls, licences: Sequence[Licence], on: date, renewals: dict[str, date] | None = None) -> ScopeIndex:
        """`renewals`: when each licence's renewal application was filed, by the records."""
        filed = renewals or {}
        validities = tuple(check_validity(licence, on, None, filed.get(licence.number)) for licence in licences)
        details: dict[str, dict[str, Any]] = {}
        holders: dict[str, list[Holder]] = {}
        for licence, validity in zip(licences, validities, strict=True):
            for domain, entry in website_details(licence).items():
                _merge_details(details, domain, entry, licence.number)
                clause = join([*dict.fromkeys(entry["sources"]), validity.clause])
                holders.setdefault(domain, []).append(_holder(licence, validity, domain, entry["website"], clause))
        sources = list(dict.fromkeys(source for entry in details.values() for source in entry["sources"]))
        numbers = listing(licence.number for licence in licences)
        return cls(
            licence_number=", ".join(licence.number for licence in licences),
            domains=frozenset(details),
            details=details,
            validities=validities,
            listing_clause=join(sources) or "-",
            holders={domain: tuple(sorted(found, key=_holder_rank)) for domain, found in holders.items()},
            not_listed=_fill(N_("{host} is not listed on {licence}"), licence=numbers),
            ip_address=_fill(
                N_("{host} is an IP address, not a licensed domain: {licence} lists domain names only"),
                licence=numbers,
            ),
        )

    @property
    def several(self) -> bool:
        return len(self.validities) > 1


def _holder_rank(holder: Holder) -> int:
    return 2 if not holder.in_force else 1 if holder.warning is not None else 0


_LISTED = {
    Status.IN_FORCE: (
        N_("{host} is covered: listed on {licence} as {host} ({website})"),
        N_("{host} is covered: listed on {licence} via {domain} ({website})"),
    ),
    Status.EXPIRED: (
        N_("{host} is listed on {licence}, but the licence expired on {day} (listed as {host} ({website}))"),
        N_("{host} is listed on {licence}, but the licence expired on {day} (listed via {domain} ({website}))"),
    ),
    Status.NOT_YET_IN_FORCE: (
        N_(
            "{host} is listed on {licence}, but the licence is not yet in force (valid from {day}) "
            "(listed as {host} ({website}))"
        ),
        N_(
            "{host} is listed on {licence}, but the licence is not yet in force (valid from {day}) "
            "(listed via {domain} ({website}))"
        ),
    ),
}
"""What a listed host is told, by the state of the licence listing it: listed as itself, or
under a licensed domain (a renewal pending is in force, with a warning)."""


def _holder(licence: Licence, validity: Finding, domain: str, website: str, clause: str) -> Holder:
    state = validity.data["state"]
    in_force = state not in (Status.EXPIRED, Status.NOT_YET_IN_FORCE)
    as_itself, via_domain = _LISTED[Status.IN_FORCE if in_force else Status(state)]
    since = licence.validity.start if state == Status.NOT_YET_IN_FORCE else licence.validity.valid_until
    fixed = {"licence": licence.number, "domain": domain, "website": website, "day": day(since)}
    warning = _warning(licence, validity)
    return Holder(
        licence.number,
        website,
        clause,
        in_force,
        None if warning is None else _("; ") + warning,
        _fill(as_itself, **fixed),
        _fill(via_domain, **fixed),
    )


def _merge_details(details: dict[str, dict[str, Any]], domain: str, entry: dict[str, Any], number: str) -> None:
    """One entry per domain across licences; each grant names its licence, `licences` lists them."""
    grants = [{**grant, "licence": number} for grant in entry["grants"]]
    if domain not in details:
        details[domain] = {**entry, "grants": grants, "licences": [number]}
        return
    merged = details[domain]
    merged["grants"] = [*merged["grants"], *grants]
    merged["sources"] = [*merged["sources"], *entry["sources"]]
    merged["licences"] = [*merged["licences"], number]


def _warning(licence: Licence, validity: Finding) -> str | None:
    if validity.verdict is not Verdict.WARN:
        return None
    data = validity.data
    if data["state"] == Status.RENEWAL_PENDING:
        return _(
            "{licence} reached its validity end on {end}; renewal pending "
            "(applied on {filed}, in time: deemed extended unless the authority refused)"
        ).format(licence=licence.number, end=day(licence.validity.valid_until), filed=_day(data["renewal_filed_on"]))
    return _("{licence} ends on {end}, {days} days left (renewal application due by {deadline})").format(
        licence=licence.number,
        end=day(licence.validity.valid_until),
        days=data["days_left"],
        deadline=_day(data["renewal_deadline"]),
    )


def _day(iso: str | None) -> str:
    """A date of a finding's data (ISO, or None) as people read it."""
    return str(iso) if iso is None else day(date.fromisoformat(iso))


def website_details(licence: Licence) -> dict[str, dict[str, Any]]:
    """Each licensed domain: its website, server, access provider, grants and where it is listed."""
    details: dict[str, dict[str, Any]] = {}
    for grant in licence.grants:
        for site in grant.websites:
            entry = details.setdefault(
                site.domain,
                {
                    "domain": site.domain,
                    "website": site.name,
                    "server_location": site.server_location,
                    "access_provider": site.access_provider,
                    "grants": [],
                    "sources": [],
                },
            )
            entry["grants"].append(
                {
                    "code": grant.code,
                    "name": grant.name,
                    "limited_to": grant.limited_to,
                    "excluding": grant.excluding,
                    "conditions": grant.conditions,
                    "clause": grant.source,
                }
            )
            entry["sources"].append(site.source)
    return details


def normalise_target(target: str) -> tuple[str, str]:
    """(status, host): status is COVERED-candidate "name", IP_ADDRESS, or raises HostError."""
    text = target.strip(" \t\r\n\u3000")
    if not text:
        raise HostError(_("empty target"))
    lowered = text.lower()
    if lowered.endswith(".") and not lowered.endswith(".."):
        lowered = lowered[:-1]
    if _is_plain_ldh_name(lowered):
        if lowered[-1].isdigit() and lowered.rsplit(".", 1)[-1].isdigit():
            return _numeric(lowered)
        return "name", lowered
    if _SPACE_OR_CONTROL.search(text):
        raise HostError(_("white space or control characters are not allowed in a host name or URL"))
    if "\\" in text:
        raise HostError(_("a backslash in a URL: browsers read it as '/', so the host is ambiguous"))
    host = host_of(text)
    if is_ip_address(host):
        return IP_ADDRESS, host
    name = normalise_name(host)
    if name.rsplit(".", 1)[-1].isdigit():
        return _numeric(name)
    return "name", name


def _is_plain_ldh_name(name: str) -> bool:
    """The fast path: a valid lowercase LDH name with no A-label, checked with string
    operations (no backtracking regex). Anything it rejects takes the careful path."""
    return (
        len(name) <= 253
        and _LDH_CHARS.fullmatch(name) is not None
        and name[0] not in ".-"
        and name[-1] not in ".-"
        and ".." not in name
        and ".-" not in name
        and "-." not in name
        and "xn--" not in name
        and _LONG_LABEL.search(name) is None
    )


def _numeric(name: str) -> tuple[str, str]:
    if is_ip_address(name):
        return IP_ADDRESS, name
    raise HostError(_("the last label is all digits: neither a domain name nor an IP address"))


class ParentMatches(dict[bytes, bytes | None]):
    """`listed_under` for plain hosts (`PLAIN_LINE`, ASCII bytes), by their parent domain: a
    batch's hosts share a few parents, and a host is listed under what its parent is listed
    under unless it is a licensed domain itself (`match`). Forgets everything past `LIMIT`
    parents, so memory stays flat."""

    LIMIT = 4096

    def __init__(self, domains: frozenset[str]) -> None:
        super().__init__()
        self.names = domains
        self.domains = frozenset(domain.encode("ascii") for domain in domains if domain.isascii())
        """The domains an ASCII host can be or be under."""

    def __missing__(self, parent: bytes) -> bytes | None:
        if len(self) >= self.LIMIT:
            self.clear()
        matched = listed_under(parent.decode("ascii"), self.names)
        found = self[parent] = None if matched is None else matched.encode("ascii")
        return found

    def match(self, host: bytes) -> bytes | None:
        """listed_under(host, domains), as bytes. The parent is what follows the first dot (the
        host itself when it has none, which is then not listed: it is not a licensed domain)."""
        return host if host in self.domains else self[host[host.find(b".") + 1 :]]


def _where(line: int | None, source: str | None) -> str:
    # A place in a file is said as compilers say it (`hosts.txt:3: `), in every language.
    return "" if line is None else (f"{source}:{line}: " if source else _("line {line}: ").format(line=line))


def check_target(index: ScopeIndex, target: str, line: int | None = None, source: str | None = None) -> Finding:
    """One finding for one target; `line` is its line in the target list `source`, for messages
    (`FILE:LINE: …`, as every other error names a place). A listed host rests on the licence
    listing it that is in force (the first such in a portfolio)."""
    subject = target.strip()
    try:
        kind, host = normalise_target(target)
    except HostError as exc:
        data: dict[str, Any] = {"status": INVALID, "host": None, "line": line, "error": str(exc)}
        message = _where(line, source) + _("invalid target {target}: {error}").format(target=quote(subject), error=exc)
        return Finding(CHECK, subject, Verdict.ERROR, message, "-", data)
    if kind == IP_ADDRESS:
        data = {"status": IP_ADDRESS, "host": host, "line": line}
        message = _where(line, source) + host.join(index.ip_address)
        return Finding(CHECK, subject, Verdict.FAIL, message, index.listing_clause, data)
    return name_finding(index, subject, host, listed_under(host, index.domains), line, source)


def name_finding(
    index: ScopeIndex, subject: str, host: str, matched: str | None, line: int | None, source: str | None
) -> Finding:
    """The finding for a valid host name, listed under `matched` (None: not listed)."""
    where = _where(line, source)
    data: dict[str, Any]
    if matched is None:
        data = {"status": NOT_LISTED, "host": host, "line": line}
        return Finding(CHECK, subject, Verdict.FAIL, where + host.join(index.not_listed), index.listing_clause, data)
    holder = index.holders[matched][0]
    message = where + host.join(holder.listed_as if host == matched else holder.listed_via)
    data = {"status": COVERED, "host": host, "line": line, "matched_domain": matched, "website": holder.website}
    if not holder.in_force:
        data["status"] = NOT_IN_FORCE
        return Finding(CHECK, subject, Verdict.FAIL, message, holder.clause, data, holder.number)
    if holder.warning is not None:
        return Finding(CHECK, subject, Verdict.WARN, message + holder.warning, holder.clause, data, holder.number)
    return Finding(CHECK, subject, Verdict.PASS, message, holder.clause, data, holder.number)


@dataclass(frozen=True)
class RawBlock:
    """Whole lines of a target file, undecoded, and the number of the first; parsed where checked.
    `long_line` is set (to its first bytes) when the block stands for one over-long line."""

    data: bytes
    first_line: int
    name: str
    long_line: bytes | None = None


Entry = tuple[int | None, str | Finding]
"""(line number, target) to check, or (line number, finding) for a line that is not a target."""

_BOM = b"\xef\xbb\xbf"
_BLANKS = " \t\r\u3000"
NOT_UTF8 = N_("not UTF-8 text; save the target list as UTF-8")
_TOO_LONG = N_("line is longer than {size} KiB; not a host name or URL")
_LIMIT_KIB = MAX_LINE_BYTES // 1024
TOO_LONG = _TOO_LONG.format(size=_LIMIT_KIB)
"""Why a line is not a target (NOT_UTF8, TOO_LONG), in English; a finding says it in the
language of the run (`_reason`)."""
LONG_LINE_SHOWN = 40
"""Bytes of an over-long line kept to show it (the rest is skipped, never held)."""


def raw_blocks(stream: BinaryIO, name: str, chunk_size: int = READ_BLOCK_BYTES) -> Iterator[RawBlock]:
    """Cut a stream into blocks of whole lines without decoding it (cheap: the caller may hand
    the blocks to worker processes). A line longer than MAX_LINE_BYTES is skipped to its end as
    it is read and stands as a block of its own."""
    next_line = 1
    pending: bytes | None = b""
    while pending is not None:
        chunk = _read(stream, name, next_line, chunk_size)
        data = pending + chunk
        if not data:
            return
        cut = data.rfind(b"\n") + 1 if chunk else len(data)
        if cut == 0 and len(data) > MAX_LINE_BYTES:
            yield RawBlock(b"", next_line, name, long_line=data[:LONG_LINE_SHOWN])
            pending = _skip_line(stream, name, next_line, data, chunk_size)
            next_line += 1
        elif cut == 0:
            pending = data
        else:
            yield RawBlock(data[:cut], next_line, name)
            next_line += data.count(b"\n", 0, cut)
            pending = data[cut:] if chunk else None


def _read(stream: BinaryIO, name: str, line: int, size: int) -> bytes:
    from licencecheck.errors import UnreadableError, os_reason

    try:
        return stream.read(size)
    except OSError as exc:
        reason = _("cannot read the target list: {error}").format(error=os_reason(exc))
        raise UnreadableError(f"{name}:{line}: {reason}") from None


def _skip_line(stream: BinaryIO, name: str, line: int, data: bytes, chunk_size: int) -> bytes | None:
    """What follows the end of the line that `data` begins, or None at the end of the stream."""
    while (end := data.find(b"\n")) < 0:
        data = _read(stream, name, line, chunk_size)
        if not data:
            return None
    return data[end + 1 :]


def parse_block(block: RawBlock) -> list[Entry]:
    """(line number, target) for each line that is not blank or a `#` comment; a line that is not
    UTF-8 or is too long becomes (line number, invalid finding) and the others are still read."""
    if block.long_line is not None:
        return [(block.first_line, _line_finding(block.name, block.first_line, block.long_line, TOO_LONG))]
    try:
        text = block.data.decode("utf-8-sig" if block.first_line == 1 else "utf-8")
    except UnicodeDecodeError:
        return _parse_lines(block)
    lines = text.split("\n")
    if max(map(len, lines)) > MAX_LINE_BYTES // 4:  # some line may be over the limit in bytes
        return _parse_lines(block)
    targets: list[Entry] = []
    for number, raw in enumerate(lines, start=block.first_line):
        stripped = raw.strip(_BLANKS)
        if stripped and stripped[0] != "#":
            targets.append((number, stripped))
    return targets


def _parse_lines(block: RawBlock) -> list[Entry]:
    """`parse_block` line by line, for a block with a line that is not UTF-8 or may be too long."""
    targets: list[Entry] = []
    for number, raw in enumerate(block.data.split(b"\n"), start=block.first_line):
        entry = parse_line(block.name, number, raw)
        if entry is not None:
            targets.append((number, entry))
    return targets


def parse_line(name: str, number: int, raw: bytes) -> str | Finding | None:
    """Line `number` of the target list `name`: its target, the finding of a line that is not
    one (not UTF-8, too long), or None for a blank line or a comment."""
    if len(raw) > MAX_LINE_BYTES:
        return _line_finding(name, number, raw[:LONG_LINE_SHOWN], TOO_LONG)
    if number == 1:
        raw = raw.removeprefix(_BOM)
    try:
        stripped = raw.decode("utf-8").strip(_BLANKS)
    except UnicodeDecodeError:
        if raw.decode("utf-8", "replace").strip(_BLANKS).startswith("#"):
            return None  # a comment, whatever its encoding
        return _line_finding(name, number, raw, NOT_UTF8)
    return stripped if stripped and stripped[0] != "#" else None


def _line_finding(name: str, line: int, raw: bytes, reason: str) -> Finding:
    """An invalid target for a line that could not be read as one: `FILE:LINE: reason`."""
    subject = raw.decode("utf-8", "backslashreplace").strip(_BLANKS)
    if reason == TOO_LONG:
        subject += "…"
    said = _reason(reason)
    data = {"status": INVALID, "host": None, "line": line, "error": said}
    return Finding(CHECK, subject, Verdict.ERROR, f"{name}:{line}: {said}", "-", data)


def _reason(reason: str) -> str:
    """NOT_UTF8 or TOO_LONG in the language of the run."""
    if reason == TOO_LONG:
        return _(_TOO_LONG).format(size=_LIMIT_KIB)
    return _(reason)


_SURROGATE = re.compile("[\ud800-\udfff]")


def argument_target(argument: str) -> str | Finding:
    """A command-line argument as a target; one that is not UTF-8 (its bytes arrive as lone
    surrogates) is an invalid target showing those bytes as \\xNN, never written raw."""
    if _SURROGATE.search(argument) is None:
        return argument
    try:
        subject = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        subject = argument.encode("utf-8", "backslashreplace").decode("utf-8")
    error = _("not UTF-8 text")
    data = {"status": INVALID, "host": None, "line": None, "error": error}
    message = _("invalid target {target}: {error}").format(target=f"'{subject}'", error=error)
    return Finding(CHECK, subject, Verdict.ERROR, message, "-", data)


def read_targets(stream: BinaryIO, name: str, chunk_size: int = READ_BLOCK_BYTES) -> Iterator[Entry]:
    """Every target of a stream, in order (see `raw_blocks` and `parse_block`)."""
    for block in raw_blocks(stream, name, chunk_size):
        yield from parse_block(block)
