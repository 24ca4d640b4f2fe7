"""A toy ESCO export in the official CSV layout, written by the tests (never a copy of the real data)."""

from __future__ import annotations

import csv
from pathlib import Path

E = "http://data.europa.eu/esco/"
OCC = {
    "welder": (
        f"{E}occupation/t-welder",
        "7212.1",
        "welder",
        "lasser",
        ["welding operator"],
        ["lasser MIG/MAG", "lasster"],
    ),
    "electrician": (
        f"{E}occupation/t-electrician",
        "7411.1",
        "electrician",
        "elektricien",
        ["building electrician"],
        ["installatie-elektricien"],
    ),
    "developer": (
        f"{E}occupation/t-developer",
        "2512.4",
        "software developer",
        "softwareontwikkelaar",
        ["programmer", "software engineer"],
        ["programmeur", "software-engineer"],
    ),
    "cnc": (
        f"{E}occupation/t-cnc",
        "7223.1",
        "CNC machine operator",
        "CNC-operator",
        ["CNC operator"],
        ["CNC-frezer", "operator CNC-machines"],
    ),
}
SKILLS = {
    "weld": (
        f"{E}skill/t-weld",
        "skill/competence",
        "use welding equipment",
        "lassen",
        ["weld", "welding"],
        ["laswerk uitvoeren"],
        "Operate welding equipment safely.",
    ),
    "python": (
        f"{E}skill/t-python",
        "knowledge",
        "Python (computer programming)",
        "Python (computerprogrammering)",
        ["Python"],
        ["Python"],
        "The techniques of software development in Python.",
    ),
    "java": (
        f"{E}skill/t-java",
        "knowledge",
        "Java (computer programming)",
        "Java (computerprogrammering)",
        ["Java"],
        [],
        "The techniques of software development in Java.",
    ),
    "sql": (
        f"{E}skill/t-sql",
        "knowledge",
        "SQL",
        "SQL",
        ["structured query language"],
        [],
        "A query language.",
    ),
    "wiring": (
        f"{E}skill/t-wiring",
        "skill/competence",
        "install electrical wiring",
        "elektrische bedrading aanleggen",
        ["lay electric cables"],
        [],
        "Install electrical wiring in buildings.",
    ),
    "cnc": (
        f"{E}skill/t-cnc",
        "skill/competence",
        "operate CNC milling machine",
        "CNC-frezen",
        ["CNC milling"],
        ["CNC-freesmachine bedienen"],
        "Operate a computer-controlled milling machine.",
    ),
    "teamwork": (
        f"{E}skill/t-team",
        "skill/competence",
        "work in teams",
        "samenwerken in teams",
        ["collaborate"],
        ["samenwerken"],
        "Work together with others.",
    ),
}
GROUP = (f"{E}skill/t-group-ict", "ICT", "ICT", "information and communication technologies")
ISCO = (f"{E}isco/C7212", "7212", "Welders and flamecutters", "Lassers en snijders")
ESSENTIAL = [
    ("welder", "weld"),
    ("electrician", "wiring"),
    ("developer", "python"),
    ("developer", "sql"),
    ("cnc", "cnc"),
]
OPTIONAL = [("developer", "java"), ("welder", "teamwork"), ("electrician", "teamwork")]


# The columns of the official ESCO CSV files (shared by the test fixtures that write ESCO exports).
OCCUPATION_HEADER = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
]
SKILL_HEADER = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_toy_export(root: Path, *, languages: tuple[str, ...] = ("en", "nl")) -> Path:
    """Write the toy export under ``root`` (folders en/, nl/, relations/) and return ``root``."""
    for lang in languages:
        nl = lang == "nl"
        _write(
            root / lang / f"occupations_{lang}.csv",
            OCCUPATION_HEADER,
            [
                [
                    "Occupation",
                    uri,
                    code[:4],
                    pl_nl if nl else pl_en,
                    "\n".join(alt_nl if nl else alt_en),
                    "",
                    "released",
                    "2020-01-01T00:00:00Z",
                    "",
                    "",
                    "",
                    "",
                    f"{'Beschrijving' if nl else 'Description'} {pl_en}",
                    code,
                ]
                for uri, code, pl_en, pl_nl, alt_en, alt_nl in OCC.values()
            ],
        )
        skills = SKILLS if not nl else {k: v for k, v in SKILLS.items() if k != "java"}
        _write(
            root / lang / f"skills_{lang}.csv",
            SKILL_HEADER,
            [
                [
                    "KnowledgeSkillCompetence",
                    uri,
                    stype,
                    "sector-specific",
                    pl_nl if nl else pl_en,
                    "\n".join(alt_nl if nl else alt_en),
                    "",
                    "released",
                    "",
                    "",
                    "",
                    "",
                    desc,
                ]
                for uri, stype, pl_en, pl_nl, alt_en, alt_nl, desc in skills.values()
            ],
        )
        _write(
            root / lang / f"skillGroups_{lang}.csv",
            [
                "conceptType",
                "conceptUri",
                "preferredLabel",
                "altLabels",
                "hiddenLabels",
                "status",
                "modifiedDate",
                "scopeNote",
                "inScheme",
                "description",
                "code",
            ],
            [
                [
                    "SkillGroup",
                    GROUP[0],
                    GROUP[2] if nl else GROUP[3],
                    "",
                    "",
                    "released",
                    "",
                    "",
                    "",
                    "",
                    "06",
                ]
            ],
        )
        _write(
            root / lang / f"ISCOGroups_{lang}.csv",
            [
                "conceptType",
                "conceptUri",
                "code",
                "preferredLabel",
                "status",
                "altLabels",
                "inScheme",
                "description",
            ],
            [["ISCOGroup", ISCO[0], ISCO[1], ISCO[3] if nl else ISCO[2], "released", "", "", ""]],
        )
        _write(
            root / lang / f"digitalSkillsCollection_{lang}.csv",
            [
                "conceptType",
                "conceptUri",
                "preferredLabel",
                "status",
                "skillType",
                "reuseLevel",
                "altLabels",
                "description",
                "broaderConceptUri",
                "broaderConceptPT",
            ],
            [
                [
                    "KnowledgeSkillCompetence",
                    SKILLS[k][0],
                    SKILLS[k][3] if nl else SKILLS[k][2],
                    "released",
                    "knowledge",
                    "sector-specific",
                    "",
                    "",
                    GROUP[0],
                    GROUP[1],
                ]
                for k in ("python", "sql")
            ],
        )
    _write(
        root / "relations" / "occupationSkillRelations.csv",
        ["occupationUri", "relationType", "skillType", "skillUri"],
        [
            [OCC[o][0], rel, SKILLS[s][1], SKILLS[s][0]]
            for rel, pairs in (("essential", ESSENTIAL), ("optional", OPTIONAL))
            for o, s in pairs
        ],
    )
    _write(
        root / "relations" / "broaderRelationsOccPillar.csv",
        ["conceptType", "conceptUri", "broaderType", "broaderUri"],
        [["Occupation", OCC["welder"][0], "ISCOGroup", ISCO[0]]],
    )
    _write(
        root / "relations" / "broaderRelationsSkillPillar.csv",
        ["conceptType", "conceptUri", "broaderType", "broaderUri"],
        [
            ["KnowledgeSkillCompetence", SKILLS[k][0], "SkillGroup", GROUP[0]]
            for k in ("python", "java", "sql")
        ],
    )
    _write(
        root / "relations" / "skillSkillRelations.csv",
        ["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"],
        [[SKILLS["python"][0], "knowledge", "optional", "knowledge", SKILLS["sql"][0]]],
    )
    return root
