"""Loads the shipped questionnaires (both surveys, 2018 and 2020) from surveys.questionnaire_data."""

from django.db import migrations


def load(apps, schema_editor):
    from surveys.questionnaire_data import VERSIONS

    Version = apps.get_model("surveys", "QuestionnaireVersion")
    Theme = apps.get_model("surveys", "Theme")
    Item = apps.get_model("surveys", "Item")
    for data in VERSIONS:
        version, created = Version.objects.get_or_create(
            survey=data["survey"], year=data["year"], defaults={"note": data["note"]}
        )
        if not created:
            continue  # never overwrite what Udir may have edited
        for theme_order, theme in enumerate(data["themes"], start=1):
            intro_nb, intro_nn, intro_en = theme["intro"]
            theme_row = Theme.objects.create(
                version=version,
                key=theme["key"],
                order=theme_order,
                title_nb=theme["nb"],
                title_nn=theme["nn"],
                title_en=theme["en"],
                intro_nb=intro_nb,
                intro_nn=intro_nn,
                intro_en=intro_en,
            )
            Item.objects.bulk_create(
                Item(
                    theme=theme_row,
                    order=item_order,
                    text_nb=item["nb"],
                    text_nn=item["nn"],
                    text_en=item["en"],
                    scale=item["scale"],
                    high_is_good=item["high_is_good"],
                    comparability_key=item["key"],
                )
                for item_order, item in enumerate(theme["items"], start=1)
            )


def unload(apps, schema_editor):
    apps.get_model("surveys", "QuestionnaireVersion").objects.filter(
        year__in=[2018, 2020], rounds__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
