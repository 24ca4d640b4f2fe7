"""Sections of a vacancy or CV: heading lines open them, short content lines do not."""

from __future__ import annotations

from techtalent.extraction.engine.context import sentences


def _sections(text: str) -> list[str]:
    return [s.section for s in sentences(text)]


def test_a_short_sentence_naming_procedures_is_content_not_the_apply_heading() -> None:
    text = "monsters nemen en analyseren volgens de procedures.\npompen en kleppen onderhouden."
    assert _sections(text) == ["other", "other"]


def test_a_list_item_is_not_a_heading() -> None:
    text = "- werken volgens procedures\n- goede communicatieve skills\n- storingen verhelpen"
    assert "apply" not in _sections(text) and "heading" not in _sections(text)


def test_real_headings_still_open_their_sections() -> None:
    text = (
        "wat ga je doen?\nstoringen verhelpen aan pompen.\nsollicitatieprocedure\n"
        "stuur je cv naar ons.\nwat bieden wij:\neen goed salaris."
    )
    assert _sections(text) == ["heading", "tasks", "heading", "apply", "heading", "offer"]


def test_the_requirements_heading_reads_we_as_wij() -> None:
    # session 8: "Wat vragen we?" was read as a content line of the tasks before it (and a dense query)
    for heading in ("wat vragen wij?", "wat vragen we?"):
        text = f"wat ga je doen?\npompen bedienen.\n{heading}\neen mbo-diploma."
        assert _sections(text) == ["heading", "tasks", "heading", "requirements"], heading
