"""User accounts made by administrators and scripts (`techtalent users create`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError

__all__ = ["user_create"]


@transaction.atomic
def user_create(*, username: str, password: str | None = None, email: str = "", staff: bool = False) -> Any:
    """A new user account (password validated; without one the account cannot sign in with a password)."""
    users = get_user_model()
    username = username.strip()
    if not username or len(username) > 150:
        raise UserError(_("a user name has 1 to 150 characters"))
    if users.objects.filter(username=username).exists():
        raise UserError(_("the user name %(name)s is taken") % {"name": repr(username)})
    user = users(username=username, email=email.strip(), is_staff=staff)
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise UserError(" ".join(error.messages)) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user
