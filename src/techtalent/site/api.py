"""The one NinjaAPI: every domain attaches its router here; errors come back as {"detail": ...} with 4xx."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import Throttled, ValidationError

from techtalent import __version__
from techtalent.catalog.api import router as catalog_router
from techtalent.core.errors import UserError
from techtalent.extraction.api import router as extraction_router
from techtalent.matching.api import match_router
from techtalent.matching.api import router as passports_router
from techtalent.monitor.api import router as monitor_router
from techtalent.orgs.api import router as orgs_router
from techtalent.orgs.auth import public_auth
from techtalent.scan.api import router as scan_router
from techtalent.taxonomy.api import router as taxonomy_router
from techtalent.vacancies.api import router as vacancies_router
from techtalent.web.request_limits import max_upload_bytes, too_large_message
from techtalent.web.throttling import retry_after

API_DESCRIPTION = """Skills taxonomy (ESCO nl/en and sector frameworks), extraction, matching, passports
and the labour-market monitor of the techtalent platform.

**Authentication.** Public operations need nothing. Passports, consents and candidates need your browser
session or an API token: create one on the page *API tokens* (`/orgs/tokens/`) or with
`techtalent tokens create --user NAME --scope monitor:read`, and send it as `Authorization: Bearer <token>`.
Scopes: `taxonomy:read`, `monitor:read`, `passport:read`, `passport:write`, `org:candidates`, `org:vacancies`.
A token sent to any operation must be live (unknown or revoked: 401) and hold its scope (else 403).

**From pandas, in three lines:**

```python
import pandas as pd
auth = {"Authorization": "Bearer tt_your_token"}
obs = pd.read_csv("https://HOST/api/monitor/observations?format=csv", storage_options=auth)
```

(`pd.json_normalize(pd.read_json("https://HOST/api/esco/search?q=lassen", storage_options=auth)["items"])`
gives ESCO search results the same way.)
"""

api = NinjaAPI(
    title="techtalent API",
    version=__version__,
    description=API_DESCRIPTION,
    urls_namespace="api",
)


@api.exception_handler(UserError)
def _user_error(request: HttpRequest, exc: UserError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    seconds = retry_after(exc.wait)
    message = _("Too many requests; try again in %(seconds)d seconds.") % {"seconds": seconds}
    response = api.create_response(request, {"detail": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": too_large_message(max_upload_bytes())}, status=413)


# Public routers let anyone in, but a token that is sent must be live and (for /esco, /monitor) scoped.
api.add_router("/esco", taxonomy_router, auth=public_auth("taxonomy:read"))
api.add_router("/extract", extraction_router, auth=public_auth())
api.add_router("/monitor", monitor_router, auth=public_auth("monitor:read"))
api.add_router("/passports", passports_router)
api.add_router("/match", match_router, auth=public_auth())
api.add_router("/orgs", orgs_router)
api.add_router("/orgs", vacancies_router)
api.add_router("/catalog", catalog_router, auth=public_auth())
api.add_router("/scan", scan_router, auth=public_auth())
