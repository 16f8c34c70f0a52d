from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import AuditEvent, Organisation, User

admin.site.site_header = "Lærlingundersøkelsen – Udir"
admin.site.site_title = "Lærlingundersøkelsen"


@admin.register(User)
class LaerlingUserAdmin(UserAdmin):
    pass


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "orgnr",
        "kind",
        "county_number",
        "valid_from",
        "valid_to",
        "nlr_approved",
        "nor_approved",
    ]
    list_filter = ["kind", "nlr_approved", "nor_approved"]
    search_fields = ["name", "orgnr", "county_number"]
    autocomplete_fields = ["main_unit", "training_office", "predecessors"]
    fieldsets = [
        (None, {"fields": ["kind", "orgnr", "name"]}),
        ("Fylke", {"fields": ["county_number", "valid_from", "valid_to", "predecessors"]}),
        ("Register", {"fields": ["main_unit", "training_office", "nlr_approved", "nor_approved"]}),
    ]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by accounts.audit.record() and never edited."""

    list_display = ["created_at", "action", "actor_label", "organisation", "target"]
    list_filter = ["action", "created_at", ("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["action", "actor_label", "target", "organisation__name"]
    date_hierarchy = "created_at"
    list_select_related = ["organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
