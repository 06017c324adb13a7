from django.contrib import admin
from django.urls import include, path

from muniplan.publishing.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("muniplan.accounts.urls")),
    path("", include("muniplan.plans.urls")),
    path("resolutions/", include("muniplan.resolutions.urls")),
    path("import/", include("muniplan.transfer.urls")),
    path("execution/", include("muniplan.execution.urls")),
    path("control/", include("muniplan.control.urls")),
    path("", include("muniplan.publishing.urls")),
    path("api/v1/", api.urls),
    path("", include("muniplan.reports.urls")),
    path("", include("muniplan.documents.urls")),
    path("", include("muniplan.search.urls")),
]
