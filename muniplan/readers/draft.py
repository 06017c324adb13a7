"""What a reader understood from a document, before anything is saved.

The JSON form of these classes is the stable `muniplan import --dry-run --json` format
(see ../shared/INTERFACES.md and README.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from muniplan.periods.schedule import Schedule


@dataclass
class Participants:
    count: int | None
    category: str

    def to_json(self) -> dict:
        return {"count": self.count, "category": self.category}


@dataclass
class ActivityDraft:
    number: str
    title: str
    description: str = ""
    period: Schedule = field(default_factory=lambda: Schedule(text=""))
    responsible: list[str] = field(default_factory=list)
    funding: str | None = None
    participants: list[Participants] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    location: str | None = None
    needs_review: list[str] = field(
        default_factory=list
    )  # names of the fields the reader is unsure of
    children: list[ActivityDraft] = field(default_factory=list)
    source_row: int | None = None  # row of the source table, for error messages and preview

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "description": self.description,
            "period": self.period.to_json(),
            "responsible": list(self.responsible),
            "funding": self.funding,
            "participants": [p.to_json() for p in self.participants],
            "partners": list(self.partners),
            "location": self.location,
            "needs_review": list(self.needs_review),
            "children": [c.to_json() for c in self.children],
        }


# The title of the section that holds activities standing before any section band, or in a
# document with no bands at all: «без раздела». It stays empty rather than a made-up heading,
# so that a plan exported and read back keeps the sections it had; whoever shows or saves the
# plan names it (e.g. «Без раздела») where it needs a name.
UNSECTIONED = ""


@dataclass
class SectionDraft:
    """A section of the plan as its band row names it; `title == UNSECTIONED` is the part of
    the plan before (or without) any band, given only when it holds activities."""

    title: str
    activities: list[ActivityDraft] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"title": self.title, "activities": [a.to_json() for a in self.activities]}


@dataclass
class PlanDraft:
    title: str
    organization: str | None
    year: int | None
    sections: list[SectionDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: str = ""  # text below the table: who prepared the plan, signatures
    kind: str = "plan"

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "organization": self.organization,
            "year": self.year,
            "sections": [s.to_json() for s in self.sections],
            "warnings": list(self.warnings),
            "notes": self.notes,
        }


@dataclass
class Recommendation:
    number: str
    text: str

    def to_json(self) -> dict:
        return {"number": self.number, "text": self.text}


@dataclass
class Addressee:
    name: str
    recommendations: list[Recommendation] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"name": self.name, "recommendations": [r.to_json() for r in self.recommendations]}


@dataclass
class ResolutionDraft:
    title: str
    date: str | None  # ISO date
    place: str | None
    participants: str | None  # as written, e.g. "более 200 человек"
    preamble: str = ""
    addressees: list[Addressee] = field(default_factory=list)
    closing: str = ""
    event: str | None = None
    participants_count: int | None = None
    warnings: list[str] = field(default_factory=list)
    kind: str = "resolution"

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "event": self.event,
            "date": self.date,
            "place": self.place,
            "participants": self.participants,
            "participants_count": self.participants_count,
            "preamble": self.preamble,
            "addressees": [a.to_json() for a in self.addressees],
            "closing": self.closing,
            "warnings": list(self.warnings),
        }


class ReadError(Exception):
    """A document that cannot be read; the message is Russian and names the file and the problem."""


class HeaderError(ReadError):
    """The table was found but its columns were not recognized: a person may map them by hand."""
