"""The draft table rewritten once its answers are sealed (0010): the row versions that held
them in clear are gone from its pages (surveys/storage.py). Outside a transaction, as
VACUUM FULL must be."""

from django.db import migrations


def rewrite(apps, schema_editor):
    from surveys import storage

    storage.rewrite("surveys_draft")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("surveys", "0011_sealed_drafts_stored_responses")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
