"""Request handling shared by every app."""

from __future__ import annotations

from django.http import Http404


class HugeNumberMiddleware:
    """A number beyond the database's integer range, typed into an address or a hand-made form, names
    nothing: SQLite refuses to bind it (OverflowError) where PostgreSQL finds no row. Either way the
    answer is «not found», not a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            raise Http404("Не найдено.") from exception
        return None
