"""An exported plan edited the way a person edits it in Excel (for the round-trip tests)."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from muniplan.documents.renderers.sheet import ID_HEADER


class EditedSheet:
    def __init__(self, data: bytes):
        self.rows = [
            list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)
        ]
        self.header = next(i for i, r in enumerate(self.rows) if ID_HEADER in r)
        self.columns = {name: i for i, name in enumerate(self.rows[self.header]) if name}

    def _index(self, code: int) -> int:
        column = self.columns[ID_HEADER]
        return next(i for i, r in enumerate(self.rows) if r[column] == code)

    def set(self, code: int, header: str, value) -> None:
        self.rows[self._index(code)][self.columns[header]] = value

    def delete(self, code: int) -> None:
        del self.rows[self._index(code)]

    def move_after(self, code: int, after: int) -> None:
        row = self.rows.pop(self._index(code))
        self.rows.insert(self._index(after) + 1, row)

    def insert_after(
        self, code: int | None, values: dict[str, object], *, band: str | None = None
    ) -> None:
        row = [None] * len(self.rows[self.header])
        for header, value in values.items():
            row[self.columns[header]] = value
        self.rows.insert((self._index(code) if code else self._band(band)) + 1, row)

    def _band(self, title: str) -> int:
        return next(i for i, r in enumerate(self.rows) if r[0] == title)

    def rename_band(self, title: str, new: str) -> None:
        self.rows[self._band(title)][0] = new

    def insert_band_after(self, code: int, title: str) -> None:
        row = [None] * len(self.rows[self.header])
        row[0] = title
        self.rows.insert(self._index(code) + 1, row)

    def save(self) -> bytes:
        workbook = Workbook()
        for row in self.rows:
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
