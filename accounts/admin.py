"""The admin of organisations, users, local grants and the audit log, for Udir staff."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accounts import audit, identity, orgnr
from accounts.models import AltinnGrant, AuditEvent, LocalGrant, Organisation, User

admin.site.site_header = "Lærlingundersøkelsen – Udir"
admin.site.site_title = "Lærlingundersøkelsen"


@admin.register(User)
class LaerlingUserAdmin(UserAdmin):
    pass


class OrganisationForm(forms.ModelForm):
    # Room for "971 045 698" as Brønnøysundregistrene writes it; the spaces are dropped.
    orgnr = forms.CharField(label=_("organisasjonsnummer"), max_length=20)

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "orgnr",
            "name",
            "county_number",
            "valid_from",
            "valid_to",
            "predecessors",
            "main_unit",
            "training_office",
            "nlr_approved",
            "nor_approved",
        ]

    def clean_orgnr(self):
        return orgnr.normalise(self.cleaned_data["orgnr"])


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
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


class LocalGrantForm(forms.ModelForm):
    """Udir types the person's identity number; only its keyed hash is stored."""

    pid = forms.CharField(
        label=_("Fødselsnummer"),
        min_length=11,
        max_length=11,
        help_text=_("11 siffer. Lagres ikke: bare en nøkkelhash av det."),
    )

    class Meta:
        model = LocalGrant
        fields = ["pid", "organisation", "valid_until", "reason"]

    def clean_pid(self):
        pid = self.cleaned_data["pid"].strip()
        if not identity.is_pid(pid):
            raise forms.ValidationError(_("Et fødselsnummer har 11 siffer."))
        return pid

    def save(self, commit=True):
        self.instance.pid_hash = identity.pid_hash(self.cleaned_data["pid"])
        return super().save(commit)


class LocalGrantChangeForm(forms.ModelForm):
    class Meta:
        model = LocalGrant
        fields = ["organisation", "valid_until", "reason"]


def _audit_local_grant_deleted(request, obj):
    audit.record(
        "accounts.local_grant.deleted",
        actor=request.user,
        organisation=obj.organisation,
        target=obj,
        valid_until=obj.valid_until.isoformat(),
    )


@admin.register(LocalGrant)
class LocalGrantAdmin(admin.ModelAdmin):
    form = LocalGrantForm
    list_display = ["organisation", "valid_until", "reason", "created_at", "created_by"]
    list_filter = ["valid_until"]
    autocomplete_fields = ["organisation"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:  # the hash cannot be shown back as a number; change the rest only
            kwargs["form"] = LocalGrantChangeForm
            kwargs["fields"] = ["organisation", "valid_until", "reason"]
        return super().get_form(request, obj, **kwargs)

    def delete_model(self, request, obj):
        _audit_local_grant_deleted(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            _audit_local_grant_deleted(request, obj)
        super().delete_queryset(request, queryset)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        audit.record(
            "accounts.local_grant.changed" if change else "accounts.local_grant.added",
            actor=request.user,
            organisation=obj.organisation,
            target=obj,
            valid_until=obj.valid_until.isoformat(),
        )


@admin.register(AltinnGrant)
class AltinnGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "synced_at"]
    list_select_related = ["user", "organisation"]
    search_fields = ["organisation__name", "organisation__orgnr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# allauth's own models mean nothing to Udir's operators: logins come from ID-porten only,
# and no e-mail address or provider app is managed by hand.
for _model in (
    "socialaccount.SocialApp",
    "socialaccount.SocialToken",
    "socialaccount.SocialAccount",
    "account.EmailAddress",
):
    from django.apps import apps as _apps

    _model_class = _apps.get_model(_model)
    if admin.site.is_registered(_model_class):
        admin.site.unregister(_model_class)
