"""Staff passports a company may use in its scan: members of the organisation who chose to share with it."""

from __future__ import annotations

from techtalent.orgs.models import Organisation


def staff_skill_sets(*, organisation: Organisation) -> tuple[dict[str, frozenset[str]], set[str]]:
    """Per consenting staff member (display name) their passport skills, and who may be named."""
    from techtalent.matching.selectors import skill_sets_of_owners
    from techtalent.orgs.selectors import consenting_passport_ids, members

    member_ids = set(members(organisation=organisation).values_list("user_id", flat=True))
    allowed = consenting_passport_ids(organisation=organisation)
    sets = skill_sets_of_owners(passport_ids=allowed, owner_ids=member_ids)
    # Staff shared their passport with this organisation by name or with all verified employers: HR may see
    # who has what; the aggregate (counts) is shown only from MIN_CONTRIBUTORS staff on.
    return sets, set(sets)
