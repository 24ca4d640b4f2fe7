"""Derived (machine-made) labels in the taxonomy: stored apart, kept on re-import, replaced by official ones,
shown marked by one display rule on pages and in the API; hidden labels never shown."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client

from techtalent.taxonomy import selectors
from techtalent.taxonomy.models import Concept, DerivedLabel, Label
from techtalent.taxonomy.services import esco_import
from tests.taxonomy.toy_esco import SKILLS

pytestmark = pytest.mark.django_db

FULL_SKILLS_NL = Path(__file__).resolve().parents[1] / "fixtures" / "esco_skills_nl"
JAVA = SKILLS["java"][0]  # the toy skill without a Dutch label


def _derive(uri: str, *labels: tuple[str, float]) -> None:
    """Store derived labels for ``uri`` as the import's derivation step writes them (rank by order)."""
    concept = Concept.objects.get(uri=uri)
    DerivedLabel.objects.filter(concept=concept).delete()  # replace what the engine derived from the toy
    for rank, (text, confidence) in enumerate(labels, start=1):
        DerivedLabel.objects.create(
            concept=concept, lang="nl", text=text, confidence=confidence, method="phrase-table", rank=rank
        )
    selectors.forget_cache()


@pytest.fixture
def toy(toy_esco: Path) -> Path:
    esco_import(toy_esco)
    _derive(JAVA, ("Java (computerprogrammering)", 0.8), ("Java-programmering", 0.5))
    return toy_esco


def test_derived_labels_are_never_stored_among_the_official_labels(toy: Path) -> None:
    assert not Label.objects.filter(concept__uri=JAVA, lang="nl").exists()
    assert DerivedLabel.objects.filter(concept__uri=JAVA).count() == 2


def test_reimporting_unchanged_files_keeps_the_derived_labels(toy: Path) -> None:
    before = list(DerivedLabel.objects.order_by("id").values_list("id", "text", "confidence"))
    report = esco_import(toy)
    assert not report.changed
    assert list(DerivedLabel.objects.order_by("id").values_list("id", "text", "confidence")) == before


def test_a_full_skills_nl_file_replaces_the_derived_labels_with_official_ones(toy: Path) -> None:
    report = esco_import(FULL_SKILLS_NL, lang="nl")
    assert report.changes["derived_labels"]["removed"] == 2
    assert not DerivedLabel.objects.filter(concept__uri=JAVA).exists()
    official = Label.objects.get(concept__uri=JAVA, lang="nl", type="preferred")
    assert official.text == "Java (computerprogrammering)"
    selectors.forget_cache()
    shown = selectors.shown_label(JAVA, "nl")
    assert (shown.text, shown.derived) == ("Java (computerprogrammering)", False)


def test_the_display_rule_marks_a_derived_label_and_keeps_the_english_one(toy: Path) -> None:
    shown = selectors.shown_label(JAVA, "nl")
    assert (shown.text, shown.lang, shown.derived) == ("Java (computerprogrammering)", "nl", True)
    assert shown.original == "Java (computer programming)"
    assert not selectors.shown_label(SKILLS["weld"][0], "nl").derived
    assert selectors.shown_label(JAVA, "en").text == "Java (computer programming)"


def test_the_concept_page_lists_derived_labels_apart_with_method_and_confidence(
    client: Client, toy: Path
) -> None:
    page = client.get(f"/esco/concept/?uri={quote(JAVA)}").content.decode()
    assert 'class="badge derived"' in page and "automatisch vertaald" in page
    assert "Java (computer programming)" in page  # the English label, in the badge title and the label list
    derived = page.split('id="derived-labels"', 1)[1]
    assert "Java-programmering" in derived and "phrase-table" in derived and "0,50" in derived


def test_the_api_says_which_labels_are_derived(client: Client, toy: Path) -> None:
    body = client.get("/api/esco/concept", {"uri": JAVA, "lang": "nl"}).json()
    assert body["label_derived"] is True and body["label"] == "Java (computerprogrammering)"
    assert "nl" not in body["labels"]
    texts = [d["text"] for d in body["derived_labels"]]
    assert texts == ["Java (computerprogrammering)", "Java-programmering"]
    assert {"confidence", "method", "rank", "lang"} <= set(body["derived_labels"][0])
    hit = client.get("/api/esco/search", {"q": "java", "lang": "nl"}).json()["items"][0]
    assert hit["uri"] == JAVA and hit["label_derived"] is True
    assert hit["label_original"] == "Java (computer programming)"
    occupation = client.get("/api/esco/concept", {"uri": "http://data.europa.eu/esco/occupation/t-developer"})
    java = [r for r in occupation.json()["optional_skills"] if r["uri"] == JAVA]
    assert java and java[0]["label_derived"] is True


def test_the_concept_page_names_a_concept_by_the_one_rule_not_by_a_label_below_the_display_cut(
    client: Client, toy: Path
) -> None:
    # session 9: the concept API named "staff game shifts" by a derived Dutch label below the cut while the
    # passport export (shown_name) named it in English; both follow the one display rule now
    _derive(JAVA, ("koffie programmeren", 0.2))
    body = client.get("/api/esco/concept", {"uri": JAVA, "lang": "nl"}).json()
    shown = selectors.shown_label(JAVA, "nl")
    assert (body["label"], body["label_lang"]) == (shown.text, shown.lang) and not body["label_derived"]
    assert (body["label"], body["label_lang"]) == ("Java (computer programming)", "en")
    assert [d["text"] for d in body["derived_labels"]] == ["koffie programmeren"]  # still listed, apart
    page = client.get(f"/esco/concept/?uri={quote(JAVA)}").content.decode()
    assert "<h1" in page and "koffie programmeren" not in page.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_hidden_labels_find_a_concept_but_are_never_shown(client: Client, toy: Path) -> None:
    esco_import(FULL_SKILLS_NL, lang="nl")
    selectors.forget_cache()
    assert Label.objects.filter(type="hidden", text="bedradnig").exists()
    hit = client.get("/api/esco/search", {"q": "bedradnig", "lang": "nl", "kind": "skill"}).json()["items"][0]
    assert hit["uri"] == SKILLS["wiring"][0] and "bedradnig" not in str(hit)
    body = client.get("/api/esco/concept", {"uri": SKILLS["wiring"][0], "lang": "nl"}).json()
    assert "hidden" not in body["labels"]["nl"]
    page = client.get(f"/esco/concept/?uri={quote(SKILLS['wiring'][0])}").content.decode()
    results = client.get("/esco/", {"q": "bedradnig"}).content.decode()
    listed = results.split('<ul class="results">', 1)[1].split("</ul>", 1)[0]
    assert "elektrische bedrading aanleggen" in listed and "bedradnig" not in listed
    assert "bedradnig" not in page


def test_deleting_a_concept_on_replace_deletes_its_derived_labels(toy: Path, tmp_path: Path) -> None:
    smaller = tmp_path / "smaller"
    shutil.copytree(toy, smaller)
    for csv_file in smaller.rglob("*.csv"):
        lines = csv_file.read_text(encoding="utf-8").splitlines(keepends=True)
        csv_file.write_text("".join(line for line in lines if "t-java" not in line), encoding="utf-8")
    esco_import(smaller, replace=True)
    assert not DerivedLabel.objects.exists()
