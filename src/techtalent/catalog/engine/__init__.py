"""Pure engines of the catalog: learning routes and credentials (no Django, no I/O)."""

from techtalent.catalog.engine.credential import Award, elm_credential, open_badge
from techtalent.catalog.engine.proof import did_key, sign, verify
from techtalent.catalog.engine.route import Filters, Route, Station, Step, find_route, weight

__all__ = [
    "Award",
    "Filters",
    "Route",
    "Station",
    "Step",
    "did_key",
    "elm_credential",
    "find_route",
    "open_badge",
    "sign",
    "verify",
    "weight",
]
