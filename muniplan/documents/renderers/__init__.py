"""One renderer per format; each takes a `PlanDocument` (or a plan, for calendars) and returns bytes."""
