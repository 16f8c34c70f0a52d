"""The admin of questionnaire versions, themes and items: read-only once a round using the
version has opened (the models refuse a change too)."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from surveys.models import FrozenQuestionnaire, Item, QuestionnaireVersion, Theme

FROZEN_NOTICE = _(
    "Spørreskjemaet er låst fordi en gjennomføring som bruker det, har åpnet. Du kan se det, "
    "men ikke endre det."
)


class NoBulkDeleteMixin:
    """Deleting goes through each object's own page, where its rules are checked."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class FrozenQuestionnaireMixin(NoBulkDeleteMixin):
    """Read-only pages for anything in a frozen questionnaire; a change posted anyway is
    refused with a message and nothing saved (the models refuse it too)."""

    def version_of(self, obj) -> QuestionnaireVersion | None:
        raise NotImplementedError

    def _frozen(self, obj) -> bool:
        version = self.version_of(obj) if obj is not None else None
        return version is not None and version.is_frozen()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._frozen(obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        if self._frozen(obj):
            if request.method == "POST":
                messages.error(request, FrozenQuestionnaire(self.version_of(obj)).messages[0])
                return HttpResponseRedirect(request.path)
            messages.warning(request, FROZEN_NOTICE)
        return super().changeform_view(request, object_id, form_url, extra_context)


class PartOfFrozenInlineMixin:
    """Inlines of a frozen questionnaire show their rows and allow nothing else."""

    def _parent_frozen(self, obj) -> bool:
        if obj is None:
            return False
        version = obj if isinstance(obj, QuestionnaireVersion) else obj.version
        return version.is_frozen()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._parent_frozen(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._parent_frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._parent_frozen(obj)


class ThemeInline(PartOfFrozenInlineMixin, admin.TabularInline):
    model = Theme
    fields = ["order", "key", "title_nb", "title_nn", "title_en", "items_link"]
    readonly_fields = ["items_link"]
    extra = 0
    show_change_link = True

    @admin.display(description=_("spørsmål"))
    def items_link(self, theme: Theme) -> str:
        if theme.pk is None:
            return ""
        url = reverse("admin:surveys_theme_change", args=[theme.pk])
        return format_html('<a href="{}">{}</a>', url, theme.items.count())


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(FrozenQuestionnaireMixin, admin.ModelAdmin):
    list_display = ["__str__", "survey", "year", "frozen"]
    list_filter = ["survey"]
    fields = ["survey", "year", "note"]
    inlines = [ThemeInline]

    def version_of(self, obj):
        return obj

    @admin.display(description=_("låst"), boolean=True)
    def frozen(self, version: QuestionnaireVersion) -> bool:
        return version.is_frozen()


class ItemInline(PartOfFrozenInlineMixin, admin.StackedInline):
    model = Item
    fields = [
        "order",
        "text_nb",
        "text_nn",
        "text_en",
        ("scale", "high_is_good", "comparability_key"),
    ]
    extra = 0


@admin.register(Theme)
class ThemeAdmin(FrozenQuestionnaireMixin, admin.ModelAdmin):
    list_display = ["__str__", "version", "order", "key"]
    list_filter = ["version"]
    list_select_related = ["version"]
    fields = [
        "version",
        ("order", "key"),
        "title_nb",
        "title_nn",
        "title_en",
        "intro_nb",
        "intro_nn",
        "intro_en",
    ]
    inlines = [ItemInline]

    def version_of(self, obj):
        return obj.version


@admin.register(Item)
class ItemAdmin(FrozenQuestionnaireMixin, admin.ModelAdmin):
    list_display = ["text_nb", "theme", "scale", "high_is_good", "comparability_key"]
    list_filter = ["theme__version", "scale", "high_is_good"]
    list_select_related = ["theme__version"]
    search_fields = ["text_nb", "text_nn", "text_en", "comparability_key"]
    fields = [
        "theme",
        "order",
        "text_nb",
        "text_nn",
        "text_en",
        ("scale", "high_is_good", "comparability_key"),
    ]

    def version_of(self, obj):
        return obj.theme.version
