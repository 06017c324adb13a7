"""Quotas in an activity's text («не менее 1 новости в неделю и 1 статьи в месяц») read into
`Quota`s: how many items of which kind per week, month, quarter, half-year or year. Plain Python:
no Django here. `read_quotas(text)` is the entry point; `muniplan quota` prints its JSON."""

from .lexicon import ITEMS, plural
from .reader import Quota, QuotaReading, read_quotas

__all__ = ["ITEMS", "Quota", "QuotaReading", "plural", "read_quotas"]
