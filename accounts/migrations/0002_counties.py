from django.db import migrations


def load_counties(apps, schema_editor):
    from accounts import counties

    counties.load(apps.get_model("accounts", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load_counties, migrations.RunPython.noop)]
