from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "techtalent.catalog"
    label = "catalog"
    verbose_name = "Learning offers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Renew the catalog stamp on every write the learning-route cache depends on."""
        from techtalent.catalog.stamp import connect

        connect()
