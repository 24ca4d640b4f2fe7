"""List-order indexes for observations, and fresh planner statistics so the new indexes are chosen."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitor", "0002_open_data_naming"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="observation",
            name="obs_ind_reg_per",
        ),
        migrations.RemoveIndex(
            model_name="observation",
            name="obs_reg_ind",
        ),
        migrations.AddIndex(
            model_name="observation",
            index=models.Index(
                fields=["indicator", "region", "period_start", "period", "breakdown_key", "id"],
                name="obs_ind_reg_order",
            ),
        ),
        migrations.AddIndex(
            model_name="observation",
            index=models.Index(
                fields=["region", "indicator", "period_start", "period", "breakdown_key", "id"],
                name="obs_reg_ind_order",
            ),
        ),
        # Without fresh statistics SQLite keeps planning with the dropped indexes' figures and may sort a
        # million rows; ANALYZE <table> is the same statement on SQLite and PostgreSQL.
        migrations.RunSQL("ANALYZE monitor_observation", migrations.RunSQL.noop),
    ]
