"""The telecom business catalogue as a vocabulary: entries, a tree, and term lookup.

The entries are data (`data/catalogue_2015.yaml`); this module only indexes them. Terms are
matched after NFKC normalisation (full-width letters and brackets become half-width) and case
folding, so `Ｂ２１`, `b21` and `B21` are one term.
"""

from __future__ import annotations

import unicodedata
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from licencecheck.i18n import N_, _, aside, listing, quote
from licencecheck.models import Note, SchemaVersion, StrictModel, said

Text = Annotated[str, StringConstraints(min_length=1)]


class Entry(StrictModel):
    id: Text
    name: Text
    kind: Literal["category", "service", "sub-service", "kind", "type", "qualifier", "approval", "activity"]
    parent: str | None = None
    variants: list[Text] = Field(default_factory=list)
    aliases: list[Text] = Field(default_factory=list)
    approval: Text | None = Field(default=None, description="The sector approval an `approval` entry needs.")
    authority: Text | None = Field(default=None, description="Who grants the approval.")
    regulation: Text | None = Field(default=None, description="The rule that requires the approval.")
    note: Note | None = Field(
        default=None,
        description="A further duty, shown when a grant permits the entry (a string, or {en: ..., zh: ...}).",
    )
    unverified: bool = Field(
        default=False, description="The approval, authority, regulation or note was not checked: shown as such."
    )

    @model_validator(mode="after")
    def _approval_fields(self) -> Entry:
        if (self.kind == "approval") != (self.approval is not None):
            raise ValueError(
                _("entry {id}: `approval` is given exactly for entries of kind approval").format(id=self.id)
            )
        if self.approval is not None and self.authority is None:
            raise ValueError(_("entry {id}: an approval needs the `authority` that grants it").format(id=self.id))
        if self.approval is None and (self.authority is not None or self.regulation is not None):
            raise ValueError(_("entry {id}: `authority` and `regulation` belong to an approval").format(id=self.id))
        if self.unverified and self.approval is None and self.note is None:
            raise ValueError(
                _("entry {id}: `unverified` qualifies an approval or a note; it has neither").format(id=self.id)
            )
        if self.kind in ("approval", "activity") and self.parent is None:
            raise ValueError(
                _("entry {id}: an {kind} sits under the entry it falls within (`parent`)").format(
                    id=self.id, kind=self.kind
                )
            )
        return self

    @property
    def approval_text(self) -> str | None:
        """`信息网络传播视听节目许可证 from 国家广播电视总局 (《…》)`, marked when unverified."""
        if self.approval is None:
            return None
        approval = _("{approval} from {authority}").format(approval=self.approval, authority=self.authority)
        regulation = aside(self.regulation) if self.regulation else ""
        return f"{approval}{regulation}{_(UNVERIFIED) if self.unverified else ''}"

    @property
    def note_text(self) -> str | None:
        if self.note is None:
            return None
        return f"{said(self.note)}{_(UNVERIFIED) if self.unverified else ''}"


# TRANSLATORS: after an approval or a duty taken from a rule that was not checked.
UNVERIFIED = N_(" [unverified]")


class Catalogue(StrictModel):
    schema_version: SchemaVersion
    entries: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _tree_and_unique_terms(self) -> Catalogue:
        ids = [entry.id for entry in self.entries]
        if len(set(ids)) != len(ids):
            raise ValueError(_("duplicate entry ids"))
        known = set(ids)
        seen: dict[str, str] = {}
        for entry in self.entries:
            if entry.parent is not None and entry.parent not in known:
                raise ValueError(_("entry {id} names unknown parent {parent}").format(id=entry.id, parent=entry.parent))
            for term in terms_of(entry):
                key = normalise_term(term)
                if seen.setdefault(key, entry.id) != entry.id:
                    raise ValueError(
                        _("term {term} names both {first} and {second}").format(
                            term=quote(term), first=seen[key], second=entry.id
                        )
                    )
        return self

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.entries}

    @cached_property
    def by_term(self) -> dict[str, Entry]:
        return {normalise_term(term): entry for entry in self.entries for term in terms_of(entry)}

    @cached_property
    def children(self) -> dict[str | None, list[Entry]]:
        tree: dict[str | None, list[Entry]] = {}
        for entry in self.entries:
            tree.setdefault(entry.parent, []).append(entry)
        return tree

    def lookup(self, term: str) -> Entry | None:
        return self.by_term.get(normalise_term(term))

    def entry_for_name(self, name: str) -> Entry | None:
        """The entry a licence's wording names (names and variants, not aliases)."""
        entry = self.lookup(name)
        return entry if entry is not None and normalise_term(name) in _names(entry) else None

    def ancestors(self, entry: Entry) -> list[Entry]:
        chain = []
        while entry.parent is not None:
            entry = self.by_id[entry.parent]
            chain.append(entry)
        return chain

    def descendants(self, entry: Entry) -> list[Entry]:
        found = []
        for child in self.children.get(entry.id, []):
            found += [child, *self.descendants(child)]
        return found

    def suggestions(self, term: str, limit: int = 3) -> list[str]:
        import difflib

        keys = {normalise_term(t): t for entry in self.entries for t in terms_of(entry)}
        close = difflib.get_close_matches(normalise_term(term), list(keys), n=limit, cutoff=0.5)
        return [keys[key] for key in close]

    def unknown_term_message(self, what: Literal["term", "service"], term: str) -> str:
        """`unknown term 'x'; did you mean …? (see …)`: the one wording for the CLI and the gate."""
        close = self.suggestions(term)
        unknown, suggesting = _UNKNOWN[what]
        if close:
            return _(suggesting).format(term=quote(term), suggestions=listing(close))
        return _(unknown).format(term=quote(term))


_UNKNOWN = {
    "term": (
        N_("unknown term {term} (see `licencecheck business --list`)"),
        N_("unknown term {term}; did you mean {suggestions}? (see `licencecheck business --list`)"),
    ),
    "service": (
        N_("unknown service {term} (see `licencecheck business --list`)"),
        N_("unknown service {term}; did you mean {suggestions}? (see `licencecheck business --list`)"),
    ),
}
"""An unknown business term (`business TERM`) or service (a gate manifest's), with suggestions or without."""


def terms_of(entry: Entry) -> list[str]:
    return [entry.id, entry.name, *entry.variants, *entry.aliases]


def _names(entry: Entry) -> set[str]:
    return {normalise_term(t) for t in (entry.name, *entry.variants)}


def normalise_term(term: str) -> str:
    """NFKC (full-width to half-width), case-folded, inner white space removed."""
    folded = unicodedata.normalize("NFKC", term).casefold()
    return "".join(folded.split())


def load_catalogue() -> Catalogue:
    from licencecheck.datafiles import CATALOGUE_FILE, data_file, load_model

    return load_model(data_file(CATALOGUE_FILE), Catalogue, what="business catalogue")
