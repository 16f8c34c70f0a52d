"""The admin of the development outbox and of Udir's message templates."""

from django import forms
from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from accounts import audit
from distribution import message_templates
from distribution.models import MessageTemplate, OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "channel", "recipient", "subject"]
    list_filter = ["channel"]
    search_fields = ["recipient", "subject"]


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["survey", "purpose", "channel", "language", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14, "cols": 90})}

    def clean(self):
        data = super().clean()
        if not {"purpose", "channel", "body"} <= set(data):
            return data
        found = message_templates.problems(
            data["purpose"], data["channel"], data.get("subject", ""), data["body"]
        )
        if found:
            raise forms.ValidationError(found)
        return data


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """Udir's texts. A new one starts from the shipped text of the kind asked for (the
    list's filters carry over); the page shows the saved text as the channel shows it."""

    form = MessageTemplateForm
    list_display = ["survey", "purpose", "channel", "language", "updated_at", "updated_by"]
    list_filter = ["survey", "purpose", "channel", "language"]
    readonly_fields = ["placeholders", "preview"]
    fieldsets = [
        (None, {"fields": ["survey", "purpose", "channel", "language"]}),
        (_("Tekst"), {"fields": ["subject", "body", "placeholders"]}),
        (_("Forhåndsvisning"), {"fields": ["preview"]}),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        kind = {
            "survey": initial.get("survey") or "apprentice",
            "purpose": initial.get("purpose") or "invitation",
            "channel": initial.get("channel") or "email",
            "language": initial.get("language") or "nb",
        }
        subject, body = message_templates.shipped(
            kind["purpose"], kind["survey"], kind["channel"], kind["language"]
        )
        return {**kind, "subject": subject, "body": body, **initial}

    @admin.display(description=_("felt du kan bruke"))
    def placeholders(self, template):
        return format_html_join(
            "",
            "<div><code>{{{}}}</code> – {}</div>",
            ((name, label) for name, label in message_templates.PLACEHOLDERS.items()),
        )

    @admin.display(description=_("slik blir meldingen"))
    def preview(self, template):
        if template.pk is None:
            return _("Lagre for å se forhåndsvisningen.")
        return render_to_string(
            "admin/distribution/messagetemplate/_preview.html",
            {"template": template, **message_templates.preview(template)},
        )

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        audit.record(
            "distribution.template.saved",
            actor=request.user,
            target=obj,
            kind=str(obj),
        )
