"""CSV plans (Excel's «CSV (разделители — точка с запятой)», exports of other trackers)."""

from __future__ import annotations

import csv
import io

from muniplan.readers.intake.decode import decode_text
from muniplan.readers.sources.xlsx import MAX_COLUMNS, MAX_ROWS, rows_beyond_limit
from muniplan.readers.table import Table


def csv_table(filename: str, data: bytes) -> Table:
    text = decode_text(filename, data)
    table = Table(rows=[], preamble=[], source=filename)
    for row in csv.reader(io.StringIO(text), _dialect(text)):
        if len(table.rows) == MAX_ROWS:
            table.warnings.append(rows_beyond_limit(filename, " в нём"))
            break
        table.rows.append(row[:MAX_COLUMNS])
    return table


def _dialect(text: str):
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        # Too few rows to sniff: take the separator that occurs most.
        delimiter = max(";,\t", key=sample.count)

        class Fallback(csv.excel):
            pass

        Fallback.delimiter = delimiter
        return Fallback
