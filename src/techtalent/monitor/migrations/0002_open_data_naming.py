from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_initial")]

    operations = [
        migrations.AddField(
            "indicator",
            "source_table",
            models.CharField(blank=True, help_text="e.g. CBS 83599NED", max_length=300),
        ),
        migrations.AddField(
            "indicator",
            "licence",
            models.CharField(blank=True, help_text="e.g. CC-BY 4.0, Bron: CBS", max_length=100),
        ),
        migrations.AddField(
            "indicator",
            "derivation_nl",
            models.TextField(blank=True, help_text="how a derived figure is computed, '' if sourced"),
        ),
        migrations.AddField("indicator", "derivation_en", models.TextField(blank=True)),
        migrations.AddField("source", "title", models.CharField(blank=True, max_length=300)),
        migrations.AddField("source", "publisher", models.CharField(blank=True, max_length=200)),
        migrations.AddField("source", "year", models.CharField(blank=True, max_length=10)),
        migrations.AddField("source", "licence", models.CharField(blank=True, max_length=100)),
    ]
