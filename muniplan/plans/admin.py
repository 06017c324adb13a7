from django.contrib import admin

from .models import Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    """Read-only here: plans change through the product's pages, which record history."""

    list_display = ["organization", "year", "status", "approved_on"]
    list_filter = ["status", "year", "organization"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
