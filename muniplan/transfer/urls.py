from django.urls import path

from . import views

urlpatterns = [
    path("", views.upload, name="transfer-upload"),
    path("<int:pk>/", views.preview, name="transfer-preview"),
    path("<int:pk>/columns/", views.columns, name="transfer-columns"),
    path("<int:pk>/original/", views.download, name="transfer-download"),
    path("<int:pk>/drop/", views.drop, name="transfer-drop"),
    path("batch/<int:pk>/", views.batch, name="transfer-batch"),
    path("plans/<int:pk>/excel/", views.excel_upload, name="transfer-excel-upload"),
    path("<int:pk>/changes/", views.excel_preview, name="transfer-excel-preview"),
]
