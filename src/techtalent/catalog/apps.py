from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "techtalent.catalog"
    label = "catalog"
    verbose_name = "Learning offers"
    default_auto_field = "django.db.models.BigAutoField"
