from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_instruments(sender: AppConfig, **kwargs: object) -> None:
    from techtalent.scan.services import instruments_load

    instruments_load()


class ScanConfig(AppConfig):
    name = "techtalent.scan"
    label = "scan"
    verbose_name = "SME scans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_load_instruments, sender=self)
