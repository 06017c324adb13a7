"""The one shape every table-like document is brought to before its cells are understood.

Readers of Word, Excel, CSV, tab text and PDF produce a `Table`; `plan_table.plan_from_table`
turns it into a `PlanDraft`. Keeping this neutral shape lets each reader care only about its
format and the mapper only about meaning.

Conventions for readers filling a Table:

* `rows` hold cell texts, header rows included, in document order. Every row may have its own
  length; the mapper pads short rows with empty strings.
* A cell merged horizontally is written ONCE, in its first (leftmost) grid column, and the
  columns it covers get empty strings. A reader that cannot tell (e.g. python-docx, which
  returns the same cell for every covered column) may repeat the text instead: the mapper
  accepts both, treating a row whose non-empty cells all carry the same text as one merged
  cell.
* A cell merged vertically is repeated in every row it covers: a period or a responsible unit
  merged over several activities applies to each of them. (The mapper reads a row repeating
  the previous row's number as the continuation of that activity.)
* A cell of several paragraphs or lines keeps them joined with "\\n"; the mapper strips HTML
  fragments and markdown emphasis itself, so readers pass the text as found.
* `preamble` is the text before the table (title, organization, year), one paragraph or line
  per item; `trailer` is the text after it (signatures, loose funding lines a reader could not
  attach to a row).
* `source` is the file name, used in every error message shown to the user.
* `warnings` are what the reader itself must tell the user (rows beyond its limit left out),
  carried into the plan's warnings.
* `review` is set by readers that guess at the text itself (OCR): every cell of every activity
  is then marked for review in the preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    rows: list[list[str]]
    preamble: list[str]
    source: str
    trailer: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    review: bool = False

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)
