"""Logging filters: a refused or missing page is one line in the log, a server error keeps its traceback."""

from __future__ import annotations

import logging


class ClientErrorsOneLine(logging.Filter):
    """Drop the traceback of 4xx records (Http404, PermissionDenied): they are answers, not failures."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
