from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "techtalent.matching"
    label = "matching"
    verbose_name = _("Skills passports and matching")
    default_auto_field = "django.db.models.BigAutoField"
