"""Whole vacancies (session 7): the title line names the job, the job lends its ESCO skills, and two
near-identical readings of one sentence count once. Pure engine on the toy taxonomy of test_engine."""

from __future__ import annotations

import numpy as np
import pytest

from techtalent.extraction.engine import DenseIndex, Extractor, Lexicon, TitleNormaliser
from techtalent.extraction.engine import extractor as engine
from techtalent.extraction.engine.cv_titles import title_confidence
from techtalent.extraction.engine.extractor import FoundConcept, title_span
from tests.extraction.test_engine import OCC, S, toy_records

BODY = (
    "Over ons\nWij bouwen stalen constructies.\n\n"
    "Wat ga je doen?\nJe leest technische tekeningen en werkt samen met onze onderhoudsmonteur.\n"
    "Je bent programmeur geweest? Ook goed.\n\n"
    "Wat bieden wij?\nEen goed salaris en 25 vakantiedagen.\n"
)
VACANCY = "Lasser (m/v) – 40 uur – Regio Eindhoven\n\n" + BODY


@pytest.fixture(autouse=True)
def _private_cache() -> None:
    """The engine needs no Django settings."""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    concepts, labels = toy_records()
    return Lexicon.build(concepts, labels, version="toy-title")


def _scores(result: object) -> dict[str, float]:
    return {c.uri: c.score for c in result.ranking}  # type: ignore[attr-defined]


def test_the_title_span_is_the_short_first_line_of_a_whole_text() -> None:
    start, end = title_span(VACANCY) or (0, 0)
    assert VACANCY[start:end] == "Lasser (m/v) – 40 uur – Regio Eindhoven"
    assert title_span("  \n  Lasser gezocht\nregel twee\nregel drie") is not None
    assert title_span("Lasser (m/v)\nJe last.") is None  # two lines: a passage, not a whole vacancy
    assert title_span("Je last constructies in onze werkplaats.\nTwee\nDrie") is None  # a sentence
    assert title_span("Wat ga je doen?\nJe last.\nJe slijpt.") is None  # a section heading
    assert title_span(" ".join(["woord"] * 13) + "\nTwee\nDrie") is None  # too long for a title
    # session 8: a title may end in an abbreviation's full stop ("en omstreken"), a sentence may not
    eo = "Loodgieter / installateur – Haarlem e.o.\nTwee\nDrie"
    start, end = title_span(eo) or (0, 0)
    assert eo[start:end] == "Loodgieter / installateur – Haarlem e.o."
    assert title_span("Je werkt in Haarlem e.o. en je last.\nTwee\nDrie") is None


def test_the_title_occupation_is_the_job_and_body_occupations_weigh_less(lexicon: Lexicon) -> None:
    plain = Extractor(lexicon)
    with_title = _scores(plain.extract(VACANCY, lang="nl", top=20))
    body_only = _scores(plain.extract(BODY, lang="nl", top=20))
    # the colleague and the former job in the body: half their score when a title names the job
    for other in (OCC["maintenance"], OCC["developer"]):
        assert with_title[other] == pytest.approx(body_only[other] * engine.TITLE_OTHER_OCCUPATION, abs=1e-3)
    job = next(c for c in plain.extract(VACANCY, lang="nl", top=20).ranking if c.uri == OCC["welder"])
    assert job.evidence["title_job"] is True
    # skills are untouched by the title
    assert with_title[S["drawings"]] == pytest.approx(body_only[S["drawings"]])


def test_a_text_without_a_title_line_keeps_its_occupations(lexicon: Lexicon) -> None:
    plain = Extractor(lexicon)
    passage = "Als lasser werk je samen met de onderhoudsmonteur."
    found = {c.uri: c for c in plain.extract(passage, lang="nl", top=20).ranking}
    assert not any(c.evidence.get("not_in_title") or c.evidence.get("title_job") for c in found.values())


def test_a_cv_has_no_job_in_its_title(lexicon: Lexicon) -> None:
    """A text without an offer or how-to-apply part is no vacancy: its first line (a CV's "Curriculum vitae
    – lasser", a name) does not demote the jobs of its work experience."""
    cv = "Curriculum vitae – lasser\n\nWerkervaring\n2015 – heden: onderhoudsmonteur bij Firma B.\n"
    cv += "2010 – 2015: programmeur bij Firma C.\n"
    found = Extractor(lexicon, titles=TitleNormaliser(lexicon)).extract(cv, lang="nl", top=20).ranking
    assert any(c.uri == OCC["maintenance"] for c in found)
    assert not any(c.evidence.get("not_in_title") or c.evidence.get("title_job") for c in found)


def test_the_job_normaliser_reads_a_title_no_label_names(lexicon: Lexicon) -> None:
    """ "Constructielasser" is no label of the toy taxonomy (the lexical pass finds no occupation in the
    title), but the job-title normaliser reads it as welder: that reading is the job, at its confidence."""
    text = "Constructielasser – Botlek\n\n" + BODY
    assert OCC["welder"] not in _scores(Extractor(lexicon).extract(text, lang="nl", top=20))
    titled = Extractor(lexicon, titles=TitleNormaliser(lexicon))
    ranking = {c.uri: c for c in titled.extract(text, lang="nl", top=20).ranking}
    match = TitleNormaliser(lexicon).normalise("Constructielasser – Botlek", lang="nl", top=1)
    assert match and match[0].uri == OCC["welder"]
    welder = ranking[OCC["welder"]]
    assert welder.evidence["rule"] == "title" and welder.evidence["title_job"] is True
    assert welder.score == pytest.approx(title_confidence(match[0].score), abs=1e-3)
    assert ranking[OCC["maintenance"]].evidence.get("not_in_title") is True
    # a reading this weak (under JOB_FLOOR) names the job but lends it no skills
    assert welder.score < engine.JOB_FLOOR
    needs = {OCC["welder"]: {S["drawings"]: "essential"}}
    lent = Extractor(lexicon, titles=TitleNormaliser(lexicon), requirements=needs).extract(
        text, lang="nl", top=20
    )
    assert _scores(lent)[S["drawings"]] == ranking[S["drawings"]].score


def test_skills_the_title_job_needs_gain_and_others_do_not(lexicon: Lexicon) -> None:
    needs = {OCC["welder"]: {S["drawings"]: "essential", S["python"]: "optional"}}
    text = VACANCY + "Je kent Python (computerprogrammering) en SQL.\n"
    plain = _scores(Extractor(lexicon).extract(text, lang="nl", top=20))
    helped = Extractor(lexicon, requirements=needs).extract(text, lang="nl", top=20)
    scores = _scores(helped)
    assert scores[S["drawings"]] == pytest.approx(
        1 - (1 - plain[S["drawings"]]) * (1 - engine.JOB_ESSENTIAL), abs=1e-3
    )
    assert scores[S["python"]] == pytest.approx(
        1 - (1 - plain[S["python"]]) * (1 - engine.JOB_OPTIONAL), abs=1e-3
    )
    assert scores[S["sql"]] == plain[S["sql"]]
    # a skill the job does not need, and every skill of a text without a title, stay as they were
    no_title = Extractor(lexicon, requirements=needs).extract(BODY, lang="nl", top=20)
    assert _scores(no_title) == _scores(Extractor(lexicon).extract(BODY, lang="nl", top=20))
    needed = next(c for c in helped.ranking if c.uri == S["drawings"])
    assert needed.evidence["title_job_needs"] == "essential"


class _Unused:
    name = "unused"

    def encode(self, texts: object) -> np.ndarray:
        raise AssertionError("the near-duplicate rule reads stored label vectors, it encodes nothing")


def test_the_weaker_of_two_near_identical_readings_of_one_sentence_is_demoted(lexicon: Lexicon) -> None:
    position = lexicon.position
    a, b, c, d = (position[S[n]] for n in ("tig", "mig", "drawings", "welding"))
    vectors = np.zeros((4, 3), dtype=np.float32)
    vectors[0] = [1.0, 0.0, 0.0]  # tig
    vectors[1] = [0.9, np.sqrt(1 - 0.81), 0.0]  # mig: cosine 0.9 with tig
    vectors[2] = [0.0, 0.0, 1.0]  # drawings: unlike both
    vectors[3] = [0.95, 0.0, np.sqrt(1 - 0.9025)]  # welding: like tig, but cited for another sentence
    order = sorted([a, b, c, d])
    rows = {concept: vectors[i] for i, concept in enumerate((a, b, c, d))}
    dense = DenseIndex(np.stack([rows[o] for o in order]), order, "toy", ["x"] * 4)
    assert np.allclose(dense.vectors_of([b, a, 10_000]), np.stack([rows[b], rows[a], np.zeros(3)]))
    extractor = Extractor(lexicon, encoder=_Unused(), dense=dense)

    def found(uri: str, score: float, sentence: str) -> FoundConcept:
        return FoundConcept(uri, "skill", uri, [(0, 5)], score, {"sentence": sentence})

    items = {
        a: found(S["tig"], 0.8, "Je last TIG en MIG."),
        b: found(S["mig"], 0.6, "Je last TIG en MIG."),
        c: found(S["drawings"], 0.5, "Je last TIG en MIG."),
        d: found(S["welding"], 0.7, "Je last ook elders."),
    }
    out = extractor._near_duplicates(items)
    assert out[b].score == pytest.approx(0.6 * engine.DUPLICATE_FACTOR)
    assert out[b].evidence["near_duplicate_of"] == S["tig"]
    assert out[a].score == 0.8 and out[c].score == 0.5 and out[d].score == 0.7
    # an exact tie names no weaker reading: both stay
    tied = {**items, b: found(S["mig"], 0.8, "Je last TIG en MIG.")}
    assert extractor._near_duplicates(tied)[b].score == 0.8
    # session 8: with ESCO's occupation–skill relations, the one fewer occupations list is the weaker of a
    # tie (whichever comes first in the ranking), and a tie of use too demotes neither
    for mig_use in (1, 3):
        needs = {f"occ{n}": {S["mig"]: "essential"} for n in range(mig_use)} | {
            "occX": {S["tig"]: "optional"}
        }
        needs |= {"occY": {S["tig"]: "essential"}}
        used = Extractor(lexicon, encoder=_Unused(), dense=dense, requirements=needs)._near_duplicates(tied)
        weaker, stronger = (b, a) if mig_use == 1 else (a, b)
        assert used[weaker].score == pytest.approx(0.8 * engine.DUPLICATE_FACTOR)
        assert used[weaker].evidence["near_duplicate_of"] == tied[stronger].uri
        assert used[stronger].score == 0.8
    even = {"occ0": {S["mig"]: "essential"}, "occ1": {S["tig"]: "essential"}}
    same_use = Extractor(lexicon, encoder=_Unused(), dense=dense, requirements=even)._near_duplicates(tied)
    assert same_use[a].score == same_use[b].score == 0.8
