"""Small curated word lists: the Dutch→English bridge and the labels too generic to mean anything alone.

ESCO v1.1.1 has Dutch labels for all occupations but only for ~2,200 skills, so a Dutch text is also
matched against the English labels. Words that Dutch vacancies use for technical work are bridged to
their English counterpart here (one Dutch word → one or more English words); the matcher stems both
sides, so one inflected form per word is enough. Words already shared by both languages (software,
Python, SQL, management) need no entry.
"""

from __future__ import annotations

__all__ = ["NL_EN", "GENERIC_LABELS", "ABBREVIATIONS"]

NL_EN: dict[str, str] = {
    # metalworking and production
    "lassen": "welding",
    "frezen": "milling",
    "frees": "milling",
    "draaien": "turning",
    "solderen": "soldering",
    "slijpen": "grinding",
    "boren": "drilling",
    "zagen": "sawing",
    "snijden": "cutting",
    "buigen": "bending",
    "plaatwerk": "sheet metal",
    "metaalbewerking": "metalworking",
    "verspanen": "machining",
    "verspaning": "machining",
    "monteren": "assembling",
    "montage": "assembly",
    "assemblage": "assembly",
    "gieten": "casting",
    "spuiten": "spraying",
    "lakken": "painting",
    "verven": "painting",
    "schilderen": "painting",
    "hijsen": "hoisting",
    "heftruck": "forklift",
    "kraan": "crane",
    "machine": "machine",
    "machines": "machines",
    "bediening": "operation",
    "bedienen": "operate",
    "productie": "production",
    "kwaliteitscontrole": "quality control",
    "kwaliteit": "quality",
    "inspectie": "inspection",
    "onderhoud": "maintenance",
    "storingen": "malfunctions",
    "storing": "malfunction",
    "technische": "technical",
    "tekening": "drawing",
    "tekeningen": "drawings",
    "tekenen": "drawing",
    "lezen": "read",
    "meten": "measure",
    "meetinstrumenten": "measuring instruments",
    "gereedschap": "tools",
    "veiligheid": "safety",
    "hydrauliek": "hydraulics",
    "pneumatiek": "pneumatics",
    "elektrotechniek": "electrical engineering",
    "werktuigbouwkunde": "mechanical engineering",
    "besturingstechniek": "control engineering",
    "installatie": "installation",
    "installaties": "installations",
    "installeren": "install",
    "bekabeling": "cabling",
    "elektrische": "electrical",
    "elektronica": "electronics",
    "schema": "diagram",
    "schema's": "diagrams",
    "koeltechniek": "refrigeration",
    "verwarming": "heating",
    "ventilatie": "ventilation",
    "loodgieterswerk": "plumbing",
    "timmeren": "carpentry",
    "metselen": "bricklaying",
    "bouwkunde": "architecture",
    "procesautomatisering": "process automation",
    # software, data and IT
    "programmeren": "programming",
    "programmeertaal": "programming language",
    "programmeertalen": "programming languages",
    "ontwikkelen": "develop",
    "ontwikkeling": "development",
    "ontwerpen": "design",
    "ontwerp": "design",
    "testen": "testing",
    "beheer": "management",
    "beheren": "manage",
    "netwerk": "network",
    "netwerken": "networks",
    "netwerkbeheer": "network management",
    "beveiliging": "security",
    "informatiebeveiliging": "information security",
    "gegevens": "data",
    "databank": "database",
    "databanken": "databases",
    "analyseren": "analyse",
    "analyse": "analysis",
    "besturingssysteem": "operating system",
    "besturingssystemen": "operating systems",
    "webontwikkeling": "web development",
    "toepassingen": "applications",
    "toepassing": "application",
    "kunstmatige": "artificial",
    "intelligentie": "intelligence",
    "rekenkunde": "arithmetic",
    "wiskunde": "mathematics",
    "statistiek": "statistics",
    "natuurkunde": "physics",
    "scheikunde": "chemistry",
    "procesbeheersing": "process control",
    "automatisering": "automation",
    "systemen": "systems",
    "systeem": "system",
    "gebruikers": "users",
    "gebruiker": "user",
    "klanten": "customers",
    "klant": "customer",
    "klantenservice": "customer service",
    # work and management
    "projectmanagement": "project management",
    "projectleiding": "project management",
    "planning": "planning",
    "plannen": "plan",
    "begroting": "budget",
    "boekhouding": "accounting",
    "financiële": "financial",
    "administratie": "administration",
    "inkoop": "purchasing",
    "verkoop": "sales",
    "onderhandelen": "negotiate",
    "leidinggeven": "lead",
    "coachen": "coach",
    "samenwerken": "teamwork",
    "communiceren": "communicate",
    "communicatie": "communication",
    "rapporteren": "report",
    "rapportage": "reporting",
    "presenteren": "present",
    "adviseren": "advise",
    "advies": "advice",
    "risicobeheer": "risk management",
    "wetgeving": "legislation",
    "logistiek": "logistics",
    "voorraadbeheer": "stock control",
    "duurzaamheid": "sustainability",
    "energie": "energy",
    "engels": "english",
    "nederlands": "dutch",
    "duits": "german",
    "frans": "french",
    # Dutch certificates that no ESCO label names, glossed with what they certify (an acronym keeps
    # itself and gains the gloss): VCA = "Veiligheid, Gezondheid en Milieu Checklist Aannemers", the
    # contractors' health-and-safety certificate; a driving licence says the holder may drive vehicles.
    "rijbewijs": "driving licence drive vehicles",
    "vca": "health and safety standards certificate",
    "autorijden": "drive",
    "zorg": "care",
    "verpleging": "nursing",
    "onderwijs": "education",
    "lesgeven": "teaching",
    "opleiden": "training",
    "training": "training",
}

# Technical abbreviations that ESCO spells out ("perform tungsten inert gas welding"); expanded the same way
# in labels and texts. Only unambiguous ones: no "MAG" (Dutch "mag" = may), no two-letter ones.
ABBREVIATIONS: dict[str, str] = {
    "tig": "tungsten inert gas",
    "mig": "metal inert gas",
    "plc": "programmable logic controller",
    "plcs": "programmable logic controllers",
    "cad": "computer-aided design",
    "cnc": "cnc",
}

# Labels that pass the data-driven rules but still mean nothing on their own in a text. Kept short on
# purpose: the general rules (length, stopwords, labels shared by many concepts, very common words)
# do most of the work. Compared after folding.
GENERIC_LABELS: frozenset[str] = frozenset(
    """
    work working works job jobs team teams support help service services office use using apply
    manage management plan planning develop development design report reports test tests data
    information communicate communication organise organize lead leadership staff people person
    customers customer client clients quality safety it go do make run read write
    vision mission values travel drive driving order orders control assist monitor implement
    knowledge experience skill skills ability abilities kennis ervaring vaardigheden competence
    computer computers general source model models
    """.split()
)
