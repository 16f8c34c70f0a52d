"""Loads the shipped questionnaires (both surveys, 2018 and 2020) from surveys.questionnaires.data."""

from django.db import migrations


def load(apps, schema_editor):
    from surveys.questionnaires.loading import load_shipped

    load_shipped(
        apps.get_model("surveys", "QuestionnaireVersion"),
        apps.get_model("surveys", "Theme"),
        apps.get_model("surveys", "Item"),
    )


def unload(apps, schema_editor):
    apps.get_model("surveys", "QuestionnaireVersion").objects.filter(
        year__in=[2018, 2020], rounds__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
