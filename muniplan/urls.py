from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("muniplan.accounts.urls")),
    path("", include("muniplan.plans.urls")),
    path("resolutions/", include("muniplan.resolutions.urls")),
    path("import/", include("muniplan.transfer.urls")),
    path("", include("muniplan.documents.urls")),
]
