"""A base for commands that read texts the way `muniplan period` and `muniplan quota` do."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from django.core.management.base import BaseCommand


class TextsCommand(BaseCommand):
    """TEXT from the arguments (words joined with spaces), or one text a line from standard input."""

    # Tests hand in their own standard input through call_command(stdin=...).
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="*", help="текст (слова соединяются пробелом)")

    def texts(self, text: list[str], options: dict) -> Iterable[str]:
        if text:
            return [" ".join(text)]
        return (line.rstrip("\r\n") for line in options.get("stdin") or sys.stdin)
