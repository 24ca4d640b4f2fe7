"""Passports opted in before consents existed ("employers may find this passport") keep that choice as a
consent for all verified employers."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    passport = apps.get_model("matching", "Passport")
    consent = apps.get_model("orgs", "Consent")
    consent.objects.bulk_create(
        consent(passport_id=pid, all_verified=True, what="matching")
        for pid in passport.objects.filter(findable=True).values_list("id", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial"), ("matching", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
