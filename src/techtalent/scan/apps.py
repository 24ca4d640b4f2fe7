from django.apps import AppConfig


class ScanConfig(AppConfig):
    name = "techtalent.scan"
    label = "scan"
    verbose_name = "SME scans"
    default_auto_field = "django.db.models.BigAutoField"
