from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "techtalent.matching"
    label = "matching"
    verbose_name = _("Skills passports and matching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Shares waiting for a user name reach the account once it is created (sign-up, CLI or admin)."""
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        post_save.connect(_bind_shares, sender=get_user_model(), dispatch_uid="matching_bind_shares")


def _bind_shares(sender: object, instance: object, created: bool = False, **kwargs: object) -> None:
    """Bind waiting shares to a newly saved account."""
    fields = kwargs.get("update_fields")
    if kwargs.get("raw") or (fields is not None and "username" not in fields):  # e.g. last_login
        return
    from techtalent.matching.services import shares_bind

    shares_bind(user=instance)
