"""Pages of organisations: my organisations (and create one), an organisation with its members (owners
and admins manage them and invite), accepting an invitation, and verification by platform admins.
An organisation you are not a member of is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techtalent.core.errors import UserError
from techtalent.orgs import selectors, services
from techtalent.orgs.forms import InvitationForm, OrganisationForm, RoleForm
from techtalent.orgs.models import MANAGERS, Membership, Organisation, Role


def _member_of(request: HttpRequest, slug: str) -> tuple[Organisation, str]:
    organisation = Organisation.objects.filter(slug=slug).first()
    role = selectors.role_of(user=request.user, organisation=organisation) if organisation else None
    if organisation is None or role is None:
        raise Http404("no such organisation")
    return organisation, role


def _manager_of(request: HttpRequest, slug: str) -> Organisation:
    organisation, role = _member_of(request, slug)
    if role not in MANAGERS:
        raise Http404("no such organisation")
    return organisation


def _mine(request: HttpRequest) -> list[dict[str, object]]:
    rows = []
    for o in selectors.organisations_for_user(user=request.user).order_by("name"):
        role = selectors.role_of(user=request.user, organisation=o) or Role.MEMBER
        rows.append({"org": o, "role": role, "role_label": Role(role).label})
    return rows


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My organisations with my role in each, and a form to create one."""
    return render(request, "orgs/mine.html", {"organisations": _mine(request), "form": OrganisationForm()})


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    """Create an organisation; I become its owner. It stays unverified until a platform admin verifies it."""
    form = OrganisationForm(request.POST)
    if form.is_valid():
        try:
            organisation = services.organisation_create(owner=request.user, **form.cleaned_data)
        except UserError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Organisation created. A platform admin verifies it."))
            return redirect("orgs:detail", slug=organisation.slug)
    return render(request, "orgs/mine.html", {"organisations": _mine(request), "form": form}, status=400)


def _detail(
    request: HttpRequest, organisation: Organisation, role: str, *, invite: InvitationForm | None = None
) -> dict[str, object]:
    manager = role in MANAGERS
    return {
        "org": organisation,
        "role": role,
        "manager": manager,
        "members": list(selectors.members(organisation=organisation)),
        "invitations": [i for i in organisation.invitations.all() if i.open] if manager else [],
        "invite_form": invite or InvitationForm(),
        "role_form": RoleForm(),
        "recruits": selectors.may_see_candidates(user=request.user, organisation=organisation),
    }


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation of mine: its members and roles; owners and admins manage them and invite."""
    organisation, role = _member_of(request, slug)
    return render(request, "orgs/detail.html", _detail(request, organisation, role))


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite someone by user name or e-mail: the link is shown once, to pass on."""
    organisation = _manager_of(request, slug)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, secret = services.invitation_create(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except UserError as error:
            form.add_error(None, str(error))
        else:
            link = request.build_absolute_uri(reverse("orgs:invitation", args=[secret]))
            return render(
                request, "orgs/invited.html", {"org": organisation, "inv": invitation, "link": link}
            )
    role = selectors.role_of(user=request.user, organisation=organisation) or ""
    return render(request, "orgs/detail.html", _detail(request, organisation, role, invite=form), status=400)


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """Change a member's role (the rules are in services.member_role_set)."""
    organisation = _manager_of(request, slug)
    membership = get_object_or_404(Membership, id=membership_id, organisation=organisation)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("orgs:detail", slug=organisation.slug)
    try:
        services.member_role_set(
            organisation=organisation, by=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except (PermissionError, UserError) as error:
        messages.error(request, str(error))
    return redirect("orgs:detail", slug=organisation.slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """Remove a member, or leave (the rules are in services.member_remove); not allowed is a 404."""
    organisation, _role = _member_of(request, slug)
    membership = get_object_or_404(Membership, id=membership_id, organisation=organisation)
    leaving = membership.user_id == request.user.pk
    try:
        services.member_remove(organisation=organisation, by=request.user, membership=membership)
    except PermissionError as error:
        raise Http404("no such member") from error
    except UserError as error:
        messages.error(request, str(error))
        return redirect("orgs:detail", slug=organisation.slug)
    return redirect(
        "orgs:mine" if leaving else "orgs:detail", **({} if leaving else {"slug": organisation.slug})
    )


@login_required
def invitation(request: HttpRequest, secret: str) -> HttpResponse:
    """An invitation link: GET shows what it is, POST accepts it (only for the account it was made for)."""
    found = selectors.invitation_lookup(secret=secret)
    if request.method == "POST":
        try:
            membership = services.invitation_accept(secret=secret, user=request.user)
        except UserError as error:
            return render(request, "orgs/invitation.html", {"error": str(error)}, status=404)
        messages.success(request, _("You joined %(org)s.") % {"org": membership.organisation.name})
        return redirect("orgs:detail", slug=membership.organisation.slug)
    if found is None or not services.invitation_meant_for(found, request.user):
        return render(
            request,
            "orgs/invitation.html",
            {"error": _("this invitation link is unknown or not meant for your account")},
            status=404,
        )
    return render(request, "orgs/invitation.html", {"inv": found, "open": found.open})


@staff_member_required
def verification(request: HttpRequest) -> HttpResponse:
    """For platform admins: organisations waiting for verification, and those verified."""
    everything = Organisation.objects.order_by("verified_at", "name")
    return render(
        request,
        "orgs/verification.html",
        {
            "waiting": [o for o in everything if not o.verified],
            "verified": [o for o in everything if o.verified],
        },
    )


@staff_member_required
@require_POST
def verify(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Verify an organisation as the signed-in platform admin: it may see candidates from now on."""
    organisation = get_object_or_404(Organisation, id=organisation_id)
    services.organisation_verify(organisation=organisation, by=request.user)
    return redirect("orgs:verification")


@staff_member_required
@require_POST
def unverify(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Withdraw an organisation's verification: it no longer sees candidates."""
    services.organisation_unverify(organisation=get_object_or_404(Organisation, id=organisation_id))
    return redirect("orgs:verification")
