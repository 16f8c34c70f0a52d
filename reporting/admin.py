"""Udir's settings for the results in the Django admin: the rules for findings that need
follow-up at once (reporting/findings.py reads them)."""

from __future__ import annotations

from django.contrib import admin

from accounts import audit
from reporting.models import FindingRule


@admin.register(FindingRule)
class FindingRuleAdmin(admin.ModelAdmin):
    list_display = ("theme", "direction", "threshold", "active")
    list_filter = ("active",)
    list_editable = ("active",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            "reporting.finding_rule.saved",
            actor=request.user,
            target=obj,
            theme=obj.theme,
            threshold=str(obj.threshold),
            direction=obj.direction,
            active=obj.active,
        )
