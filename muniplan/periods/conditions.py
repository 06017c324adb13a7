"""Condition codes: what an activity waits for besides the calendar.

Every code `parse_period` can put in `Schedule.condition`:

- ``as_needed`` — happens only if a need arises: «по мере необходимости (и возможности)»,
  «при (возникновении) необходимости», «в случае необходимости», «по необходимости»,
  «по мере возможности».
- ``on_request`` — someone has to ask: «по запросу/запросам …», «по обращению/обращениям …»,
  «по заявкам …».
- ``on_instruction`` — someone has to order it: «по поручению …».
- ``as_scheduled`` — follows events someone else schedules: «по мере проведения заседаний»,
  «при проведении указанных мероприятий», «по графику …», «согласно графику»,
  «в соответствии с графиком …».
- ``per_deadlines`` — follows deadlines set elsewhere: «в соответствии со сроками исполнения
  рекомендаций», «в установленные сроки», «в сроки, установленные …», «согласно срокам».
- ``as_received`` — follows incoming material: «по мере поступления …».
- ``by_agreement`` — when the parties agree: «по согласованию …».
- ``separate_plan`` — the dates live in another document: «по отдельному плану/графику»,
  «согласно отдельному плану».

Phrases whose object follows them («по запросу муниципалитетов») take up to five more words
up to the end of the clause: the object names who asks or what happens, not when.
"""

from __future__ import annotations

import re

# The object of a phrase: words of three letters or more, so a stray «с», «до» or «по» that
# changes the meaning of a nearby month is never swallowed and still gets flagged.
_TAIL = r"(?:\s+(?!но(?!\w))[а-яa-z][а-яa-z-]{2,}){0,5}"

_PHRASES = (
    ("as_needed", r"по\s+мере\s+необходимости(?:\s+и\s+возможности)?"),
    ("as_needed", r"(?:при|в\s+случае)\s+(?:возникновении\s+)?необходимости"),
    ("as_needed", r"по\s+необходимости"),
    ("as_needed", r"по\s+мере\s+возможности"),
    ("separate_plan", r"(?:по|согласно)\s+отдельн[а-я]*\s+(?:план|график)[а-я]*"),
    ("on_request", r"по\s+(?:запрос|обращени|заявк)[а-я]*" + _TAIL),
    ("on_instruction", r"по\s+поручени[а-я]*" + _TAIL),
    ("as_scheduled", r"(?:по\s+мере|при)\s+проведени[а-я]*" + _TAIL),
    ("as_scheduled", r"(?:по|согласно)\s+график[а-я]*" + _TAIL),
    ("as_scheduled", r"в\s+соответствии\s+с\s+график[а-я]*" + _TAIL),
    (
        "per_deadlines",
        r"(?:в\s+соответствии\s+со|согласно)\s+(?:установленн[а-я]*\s+)?срок[а-я]*" + _TAIL,
    ),
    ("per_deadlines", r"в\s+(?:установленные\s+)?сроки(?:\s*,?\s+установленн[а-я]*" + _TAIL + ")?"),
    ("as_received", r"по\s+мере\s+поступлени[а-я]*" + _TAIL),
    ("by_agreement", r"по\s+согласовани[а-я]*(?:\s+со?)?" + _TAIL),
)

CONDITION_CODES = tuple(dict.fromkeys(code for code, _ in _PHRASES))

CONDITIONS = tuple((code, re.compile(rf"(?<!\w){phrase}(?!\w)")) for code, phrase in _PHRASES)
