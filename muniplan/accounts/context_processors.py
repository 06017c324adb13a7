from __future__ import annotations

from .access import Role, is_federal_admin, memberships


def roles(request) -> dict:
    """What the navigation may offer: uploading is for administrators only."""
    user = request.user
    if not user.is_authenticated:
        return {"can_import": False}
    return {"can_import": is_federal_admin(user) or any(m.role == Role.ADMIN for m in memberships(user).values())}
