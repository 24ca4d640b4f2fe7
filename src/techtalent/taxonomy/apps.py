from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "techtalent.taxonomy"
    label = "taxonomy"
    verbose_name = _("Skills taxonomy")
    default_auto_field = "django.db.models.BigAutoField"
