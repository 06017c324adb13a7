"""Drafts back from their stable JSON form (kept on the uploaded document between preview and confirm)."""

from __future__ import annotations

from muniplan.periods.schedule import Frequency, Schedule
from muniplan.readers.draft import (
    ActivityDraft,
    Addressee,
    Participants,
    PlanDraft,
    Recommendation,
    ResolutionDraft,
    SectionDraft,
)


def schedule_from_json(data: dict) -> Schedule:
    frequency = data.get("frequency")
    return Schedule(
        text=data.get("text", ""),
        months=tuple(data.get("months", ())),
        frequency=Frequency(per=frequency["per"], min=frequency["min"]) if frequency else None,
        condition=data.get("condition"),
        dates=tuple(data.get("dates", ())),
        needs_review=bool(data.get("needs_review")),
    )


def activity_from_json(data: dict) -> ActivityDraft:
    return ActivityDraft(
        number=data["number"],
        title=data["title"],
        description=data.get("description", ""),
        period=schedule_from_json(data.get("period", {})),
        responsible=list(data.get("responsible", [])),
        funding=data.get("funding"),
        participants=[
            Participants(p["count"], p["category"]) for p in data.get("participants", [])
        ],
        partners=list(data.get("partners", [])),
        location=data.get("location"),
        needs_review=list(data.get("needs_review", [])),
        children=[activity_from_json(c) for c in data.get("children", [])],
    )


def plan_from_json(data: dict) -> PlanDraft:
    return PlanDraft(
        title=data["title"],
        organization=data.get("organization"),
        year=data.get("year"),
        sections=[
            SectionDraft(s["title"], [activity_from_json(a) for a in s["activities"]])
            for s in data["sections"]
        ],
        warnings=list(data.get("warnings", [])),
        notes=data.get("notes", ""),
    )


def resolution_from_json(data: dict) -> ResolutionDraft:
    return ResolutionDraft(
        title=data["title"],
        date=data.get("date"),
        place=data.get("place"),
        participants=data.get("participants"),
        preamble=data.get("preamble", ""),
        closing=data.get("closing", ""),
        event=data.get("event"),
        participants_count=data.get("participants_count"),
        warnings=list(data.get("warnings", [])),
        addressees=[
            Addressee(
                a["name"], [Recommendation(r["number"], r["text"]) for r in a["recommendations"]]
            )
            for a in data["addressees"]
        ],
    )


def draft_from_json(data: dict) -> PlanDraft | ResolutionDraft:
    return resolution_from_json(data) if data.get("kind") == "resolution" else plan_from_json(data)
