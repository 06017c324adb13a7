from django.urls import path

from . import views

urlpatterns = [
    path("", views.resolution_list, name="resolutions-list"),
    path("<int:pk>/", views.resolution_detail, name="resolutions-detail"),
]
