"""Staff passports a company may use in its scan: members of the organisation who chose to share with it."""

from __future__ import annotations

from techtalent.orgs.models import Organisation


def staff_skill_sets(*, organisation: Organisation) -> tuple[dict[str, frozenset[str]], set[str]]:
    """Per consenting staff member (display name) their passport skills, and who may be named."""
    from techtalent.matching.models import Passport
    from techtalent.matching.selectors import passport_skills
    from techtalent.orgs.selectors import consenting_passport_ids, members

    member_ids = set(members(organisation=organisation).values_list("user_id", flat=True))
    allowed = consenting_passport_ids(organisation=organisation)
    sets: dict[str, frozenset[str]] = {}
    for passport in Passport.objects.filter(id__in=allowed, owner_id__in=member_ids).select_related("owner"):
        name = passport.owner.get_full_name() or passport.owner.get_username()
        sets[name] = frozenset(passport_skills(passport))
    # Staff shared their passport with this organisation by name or with all verified employers: HR may see
    # who has what; the aggregate (counts) is shown only from MIN_CONTRIBUTORS staff on.
    return sets, set(sets)
