"""What a Bearer token costs per API request: p50/p95 of in-process requests to one cheap operation,
anonymous, with a personal token and with an organisation token (which also checks the membership).

Runs Django's test client in one process (no network) against an operation that reads the database
anyway, so the difference is the token lookup (sha256 and one indexed query; plus one membership query
for organisation tokens). On SQLite an operation that reads nothing else would also pay for opening the
connection (CONN_MAX_AGE is 0 there). Makes its users, organisation
and tokens once (names starting with "bench-").

Usage: TECHTALENT_DATA_DIR=/tmp/bench-tokens python bench/token_auth.py [REQUESTS]
"""

from __future__ import annotations

import statistics
import sys
import time

from techtalent.core.django_setup import ensure_database


def _times(client: object, url: str, n: int, headers: dict[str, str]) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url, **headers)  # type: ignore[attr-defined]
        out.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    return out


def main(n: int) -> None:
    ensure_database()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from techtalent.orgs import selectors, services

    user, _ = get_user_model().objects.get_or_create(username="bench-owner")
    organisation = selectors.organisation_get(key="bench-org") or services.organisation_create(
        name="bench org", kind="employer", owner=user
    )
    if organisation.slug != "bench-org":
        organisation.slug = "bench-org"
        organisation.save(update_fields=["slug"])
    _t, personal = services.token_create(user=user, name="bench", scopes=["monitor:read"])
    _t, org_token = services.token_create(
        user=user, name="bench", scopes=["monitor:read"], organisation=organisation
    )
    client, url = Client(), "/api/monitor/indicators"  # reads the database anyway, like most operations
    _times(client, url, 50, {})  # warm up
    rows = {
        "anonymous": _times(client, url, n, {}),
        "personal token": _times(client, url, n, {"HTTP_AUTHORIZATION": f"Bearer {personal}"}),
        "organisation token": _times(client, url, n, {"HTTP_AUTHORIZATION": f"Bearer {org_token}"}),
    }
    print(f"GET {url}, {n} requests each, in process (ms)")
    for name, times in rows.items():
        cuts = statistics.quantiles(times, n=20)
        print(f"{name:>20}: p50 {statistics.median(times):.2f}  p95 {cuts[18]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
