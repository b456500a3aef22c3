"""Frozen dataclasses returned by the parser."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reference:
    """Another document cited by number in the text."""

    number: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Task:
    """One directive addressed to one group of units.

    ``start``/``end`` are character offsets into ``ParsedDocument.text``.
    """

    text: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    due: dt.date | None
    due_text: str | None
    recurring: bool
    start: int
    end: int


@dataclass(frozen=True)
class DocumentFields:
    """The header and signature fields of an official document."""

    kind: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_on: dt.date | None = None
    subject: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class ParsedDocument:
    """A parsed document: the normalised text, its fields and its tasks."""

    text: str
    document: DocumentFields
    tasks: tuple[Task, ...] = field(default_factory=tuple)
