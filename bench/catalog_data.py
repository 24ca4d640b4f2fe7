"""A synthetic catalog for the catalog benchmarks: providers, offers with accepted skills, lines.

Deterministic for a seed. Titles are built from Dutch course words, skills are drawn from a pool of
ESCO-shaped URIs (Zipf-like: some skills are taught often, most rarely), fees and hours vary per kind,
and a tenth of the offers are stations on sequential or prerequisite-linked lines.
"""

from __future__ import annotations

import random

E = "http://data.europa.eu/esco/skill/bench-"
WORDS = (
    "lassen frezen draaien onderhoud elektrotechniek besturing plc robotica data python veiligheid "
    "hydrauliek pneumatiek mechatronica sensoren digitale tweeling kwaliteit lean cnc tekenen cad "
    "installatie zonnepanelen warmtepomp ict netwerken cloud ai projectleiding communicatie"
).split()
KINDS = ("module", "course", "masterclass", "minor", "programme")
LEVELS = ("mbo2", "mbo3", "mbo4", "ad", "bachelor", "master", "")
FORMS = ("fulltime", "parttime", "dual", "online", "blended", "classroom")


def skill_pool(n: int) -> list[str]:
    """``n`` ESCO-shaped skill URIs."""
    return [f"{E}{i:05d}" for i in range(n)]


def build(n_offers: int = 10_000, n_skills: int = 2_000, seed: int = 7) -> None:
    """Fill the (empty) database with ``n_offers`` synthetic offers."""
    from techtalent.catalog.models import Line, Offer, OfferSkill, Provider, Station

    rng = random.Random(seed)
    pool = skill_pool(n_skills)
    weights = [1 / (i + 1) ** 0.8 for i in range(n_skills)]
    providers = Provider.objects.bulk_create([Provider(name=f"Aanbieder {i:03d}") for i in range(200)])
    offers = []
    for i in range(n_offers):
        words = rng.sample(WORDS, 3)
        kind = rng.choice(KINDS)
        title = f"{words[0].capitalize()} en {words[1]} {i}"
        hours = rng.choice((8, 16, 24, 40, 80, 160)) if kind != "programme" else None
        provider = rng.choice(providers)
        offers.append(
            Offer(
                provider=provider,
                title=title,
                kind=kind,
                level=rng.choice(LEVELS),
                form=rng.choice(FORMS),
                hours=hours,
                cost_eur=rng.choice((0, 95, 250, 450, 900, 1500, 2500)),
                region=rng.choice(("", "", "GM0363", "GM0014", "GM0344", "PV20")),
                language="nl",
                description=f"In deze {kind} werk je aan {' '.join(words)}.",
                source="synthetic (bench)",
                search_text=f"{title} {provider.name} {' '.join(words)}".lower(),
            )
        )
    offers = Offer.objects.bulk_create(offers, batch_size=1000)
    rows = []
    for offer in offers:
        for uri in set(rng.choices(pool, weights=weights, k=rng.randint(1, 6))):
            rows.append(OfferSkill(offer=offer, uri=uri, status="accepted", method="stated"))
    OfferSkill.objects.bulk_create(rows, batch_size=5000)
    owner = providers[0]
    for number in range(100):
        line = Line.objects.create(name=f"Lijn {number}", owner=owner, sequential=number % 3 == 0)
        chosen = rng.sample(offers, 10)
        stations = Station.objects.bulk_create(
            [Station(line=line, offer=o, position=p) for p, o in enumerate(chosen, start=1)]
        )
        if not line.sequential:
            for station in stations[3:]:
                if rng.random() < 0.3:
                    station.prerequisites.add(rng.choice(stations[: station.position - 1]))
    from techtalent.catalog.stamp import bump

    bump()  # bulk writes send no signals
