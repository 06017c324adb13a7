from muniplan.plans.tests.conftest import analytics_activity, plan  # noqa: F401  the activity to lock
