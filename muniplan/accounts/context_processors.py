from __future__ import annotations

from .access import administers_any


def roles(request) -> dict:
    """What the navigation may offer: uploading is for administrators only."""
    return {"can_import": administers_any(request.user)}
