"""Shares by user name: the name is stored (whether or not the account exists) and binds to the account."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def names_of_existing_shares(apps: Any, schema_editor: Any) -> None:
    """Shares made before this migration were bound to an account at once: keep its name and the time."""
    share_model = apps.get_model("matching", "PassportShare")
    for share in share_model.objects.filter(user__isnull=False).select_related("user"):
        share.username, share.bound_at = share.user.username, share.created
        share.save(update_fields=["username", "bound_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="passportshare", name="share_has_target"),
        migrations.AddField(
            model_name="passportshare",
            name="username",
            field=models.CharField(blank=True, default="", max_length=150),
        ),
        migrations.AddField(
            model_name="passportshare",
            name="bound_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(names_of_existing_shares, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="passportshare",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="shared_passports",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="passportshare",
            constraint=models.CheckConstraint(
                condition=~models.Q(username="") | models.Q(token__isnull=False),
                name="share_has_name_or_link",
            ),
        ),
    ]
