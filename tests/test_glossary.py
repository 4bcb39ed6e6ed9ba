"""The glossary (helpers/data/glossary.yaml, helpers.glossary): its shape, its checks, the objectives' words,
the notebooks' generated "Words in this lesson" cell and the handouts' glossary page.

How technical words in objectives are recognised (test_every_technical_word_in_an_objective_is_in_the_glossary):
a word counts as technical if it is (a) in TECHNICAL_WORDS below, the course's vocabulary a learner must
understand to meet an objective, or (b) an acronym or symbol (a capital followed by capitals or digits: EC50,
FSCV, DAT, H101R), except the names of organisations in NOT_TERMS. Each one found in an objective must be
matched by a glossary term or one of its forms. When an objective gains a new technical word, add the word
here and the term to the glossary.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from helpers import course, glossary
from helpers.course import _read_notebook
from helpers.publish.build import handout_stylesheet
from helpers.publish.glossary_page import GLOSSARY_PAGE, INDEX_LINK, render_glossary_page, write_glossary_page
from helpers.references import references

TECHNICAL_WORDS = (
    "extrapolation", "assumption", "model", "chloride reversal potential", "Nernst equation", "EC50",
    "concentration–response curve", "ceiling", "partial agonist", "agonist", "barbiturate", "flumazenil",
    "histidine", "disinhibition", "interneuron", "benzodiazepine site", "μ-opioid", "GHB", "pharmacokinetic",
    "half-life", "active metabolite", "distribution phase", "occupancy", "FSCV", "microdialysis", "transients",
    "dopamine transporter", "hypothesis", "accumulation ratio", "steady state", "tolerance", "homeostatic",
    "adaptation", "withdrawal", "taper", "evidence ladder", "in vitro", "firing",
)
# Words a newcomer meets in the lessons' core text that the glossary must define (beyond the objectives' words).
CORE_TECHNICAL_WORDS = TECHNICAL_WORDS + (
    "IPSP", "sIPSC", "GIRK", "GABA-B", "HEK293", "oocyte", "L-cells", "kojic amine", "conditioned place aversion",
    "forced swim test", "glucuronide", "ionotropic", "GRADE", "anxiolytic", "sedative", "synaptic plasticity",
    "s.c.", "i.v.", "i.p.", "respiratory depression", "cross-tolerance", "RMTg", "anterograde amnesia",
)
NOT_TERMS = {"VA", "DoD", "WHO", "TODO"}   # TODO marks what a new lesson's author still has to write
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*")
LESSONS = course.lessons()


def _technical_words(text: str) -> set[str]:
    listed = {word for word in TECHNICAL_WORDS if glossary.form_pattern(word).search(text)}
    return listed | (set(ACRONYM.findall(text)) - NOT_TERMS)


def _write(tmp_path, body: str):
    path = tmp_path / "glossary.yaml"
    path.write_text(body, encoding="utf-8")
    return path


# ---------------------------------------------------------------- shape


def test_the_glossary_holds_at_least_40_terms_with_short_plain_definitions():
    terms = glossary.terms()
    assert len(terms) >= 40
    for item in terms:
        assert glossary.sentence_count(item.definition) <= glossary.MAX_SENTENCES, item.term
        assert item.definition[0].isupper() and item.definition.endswith("."), item.term


def test_every_term_names_a_lesson_and_only_checked_sources():
    numbers = {lesson.number for lesson in LESSONS}
    for item in glossary.terms():
        assert item.lesson in numbers, item.term
        for source_id in item.sources:
            assert references()[source_id]["confidence"] in ("verified", "partially_verified"), (item.term, source_id)


def test_definitions_that_state_numbers_name_a_source():
    """A definition with a measured number (µM, mV, ms, Hz, h, %) rests on a source id."""
    measured = re.compile(r"\d\s*(?:µM|nM|mV|ms|Hz|hours?|days|%)")
    unsourced = [item.term for item in glossary.terms() if measured.search(item.definition) and not item.sources]
    assert unsourced == []


def test_sentences_are_counted_at_their_ends_only():
    assert glossary.sentence_count("For diazepam it is about 1 to 1.5 hours (rat striatum).") == 1
    assert glossary.sentence_count("One. Two (mice). Three?") == 3


@pytest.mark.parametrize("form, text, found", [
    ("GABA", "the GABA-A receptor", False),
    ("GABA", "GABA binds", True),
    ("DAT", "the data", False),
    ("tolerance", "Tolerance develops", True),
    ("Km", "1 km away", False),
    ("μ-opioid", "μ-opioids and GHB", False),
    ("μ-opioids", "μ-opioids and GHB", True),
])
def test_a_form_matches_whole_words_and_capitals_exactly(form, text, found):
    assert bool(glossary.form_pattern(form).search(text)) is found


def test_subscripts_do_not_hide_a_term():
    notebook = {"cells": [{"cell_type": "markdown", "source": "K<sub>m</sub> = 0.2 µM and V<sub>max</sub>"}]}
    assert {item.term for item in glossary.terms_used(notebook)} >= {"Km", "Vmax"}


def test_term_finds_an_entry_by_any_form():
    assert glossary.term("dopamine transporter").term == "DAT"
    with pytest.raises(ValueError, match="not in glossary.yaml"):
        glossary.term("phlogiston")


# ---------------------------------------------------------------- the checks on load


GOOD = '  - term: EC50\n    definition: "Half-maximal concentration."\n    lesson: "01"\n'


@pytest.mark.parametrize("entry, field", [
    ('  - term: EC50\n    definition: "One. Two. Three."\n    lesson: "01"\n', "definition"),
    ('  - term: EC50\n    lesson: "01"\n', "definition"),
    ('  - term: EC50\n    definition: "Half."\n    lesson: "99"\n', "lesson"),
    ('  - term: EC50\n    definition: "Half."\n    lesson: 1\n', "lesson"),
    ('  - term: EC50\n    definition: "Half."\n    lesson: "01"\n    sources: [no_such_id]\n', "sources"),
    ('  - term: EC50\n    definition: "Half."\n    lesson: "01"\n    sources: [tan2010_numbers]\n', "sources"),
    ('  - term: EC50\n    definition: "Half."\n    lesson: "01"\n    also: [""]\n', "also"),
    ('  - term: EC50\n    definition: "Half."\n    lesson: "01"\n    colour: red\n', "colour"),
])
def test_a_faulty_entry_raises_naming_file_term_and_field(tmp_path, entry, field):
    with pytest.raises(ValueError, match=rf"glossary\.yaml: term 'EC50': field '{field}'"):
        glossary.load(_write(tmp_path, "terms:\n" + entry))


def test_a_form_used_twice_is_refused(tmp_path):
    twice = GOOD + '  - term: potency\n    also: [EC50]\n    definition: "How much."\n    lesson: "01"\n'
    with pytest.raises(ValueError, match="'EC50' is already a form of 'EC50'"):
        glossary.load(_write(tmp_path, "terms:\n" + twice))


def test_a_valid_file_loads(tmp_path):
    (item,) = glossary.load(_write(tmp_path, "terms:\n" + GOOD))
    assert (item.term, item.lesson, item.sources, item.slug) == ("EC50", "01", (), "ec50")


# ---------------------------------------------------------------- objectives


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.stem for lesson in LESSONS])
def test_every_technical_word_in_an_objective_is_in_the_glossary(lesson):
    objectives = glossary.objectives(_read_notebook(lesson.notebook))
    assert objectives, f"{lesson.stem}: no '### Objectives' list in the first cell"
    missing = sorted({word for objective in objectives for word in _technical_words(objective)
                      if not any(item.used_in(word) for item in glossary.terms())})
    assert missing == [], f"{lesson.stem}: add these objective words to helpers/data/glossary.yaml: {missing}"


def _core_text(lesson) -> str:
    """The lesson's core as a learner reads it: markdown outside cells tagged ``extension``, without the generated
    words cell and folded answers."""
    cells = [cell for cell in _read_notebook(lesson.notebook)["cells"][1:]
             if cell["cell_type"] == "markdown" and "extension" not in cell.get("metadata", {}).get("tags", [])
             and glossary.BLOCK_START not in "".join(cell["source"])]
    return re.sub(r"<details.*?</details>", " ", "\n".join("".join(cell["source"]) for cell in cells), flags=re.S)


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.stem for lesson in LESSONS])
def test_every_technical_word_in_a_lessons_core_is_in_the_glossary(lesson):
    text = _core_text(lesson)
    used = {word for word in CORE_TECHNICAL_WORDS if glossary.form_pattern(word).search(text)}
    missing = sorted(word for word in used if not any(item.used_in(word) for item in glossary.terms()))
    assert missing == [], f"{lesson.stem}: define these core words in helpers/data/glossary.yaml: {missing}"


def test_the_objective_recogniser_finds_listed_words_and_acronyms_but_not_organisations():
    words = _technical_words("Describe what FSCV and microdialysis measure (Ashton, VA/DoD, WHO) and the EC50.")
    assert words == {"FSCV", "microdialysis", "EC50"}


# ---------------------------------------------------------------- the generated notebook cell


class _Block(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.terms, self._in_dt = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.ids += [value for name, value in attrs if name == "id"]
        self._in_dt = self._in_dt or tag == "dt"

    def handle_endtag(self, tag):
        self._in_dt = self._in_dt and tag != "dt"

    def handle_data(self, data):
        if self._in_dt:
            self.terms.append(data)


def _notebook(*markdown: str) -> dict:
    cells = [{"cell_type": "markdown", "id": f"c{index}", "metadata": {}, "source": text}
             for index, text in enumerate(markdown)]
    return {"cells": cells + [{"cell_type": "code", "id": "code", "metadata": {}, "source": "setup()",
                               "outputs": [], "execution_count": None}]}


def test_the_words_cell_goes_second_lists_the_terms_used_and_is_rewritten_in_place():
    notebook = _notebook("# 03 · Title", "FSCV sees transients; microdialysis sees the average.")
    synced = glossary.synced_notebook(notebook, "03")
    cells = synced["cells"]
    assert [cell["id"] for cell in cells] == ["c0", glossary.BLOCK_CELL_ID, "c1", "code"]
    block = "".join(cells[1]["source"])
    assert block.startswith(glossary.BLOCK_START) and block.rstrip().endswith(glossary.BLOCK_END)
    assert "\n\n" not in block, "a blank line would end the HTML block in markdown"
    parsed = _Block()
    parsed.feed(block)
    assert parsed.tags[:3] == ["details", "summary", "dl"]
    assert parsed.terms == ["FSCV", "microdialysis", "transient"]
    assert parsed.ids == ["words-03-fscv", "words-03-microdialysis", "words-03-transient"]
    assert glossary.term("transient").definition in block and "[source: da_transients_robinson2002]" in block
    again = glossary.synced_notebook(synced, "03")
    assert again["cells"] == cells, "running the generator twice changes nothing"
    assert notebook["cells"][1]["source"] == "FSCV sees transients; microdialysis sees the average."


def test_a_term_from_an_earlier_lesson_says_so_and_partly_verified_sources_are_flagged():
    block = glossary.words_block("05", [glossary.term("half-life"), glossary.term("Z-drug")])
    assert "(from lesson 03)" in block and "(more in lesson 06)" in block
    assert "[source: ashton_table_transcription; partly verified]" in block


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.stem for lesson in LESSONS])
def test_after_merge_each_notebook_carries_its_words_cell_from_the_glossary(lesson):
    """Fails until the generator has been run on the notebooks (the lead runs it after merging)."""
    notebook = _read_notebook(lesson.notebook)
    assert notebook["cells"] == glossary.synced_notebook(notebook, lesson.number)["cells"], (
        f"{lesson.stem}.ipynb: its 'Words in this lesson' cell is missing or out of date: "
        "run `python -m helpers.glossary`")


# ---------------------------------------------------------------- the handouts' glossary page


def test_the_glossary_page_lists_every_term_a_to_z_with_lesson_links_and_citations(tmp_path):
    name = write_glossary_page(tmp_path, handout_stylesheet())
    page = (tmp_path / name).read_text(encoding="utf-8")
    assert name == GLOSSARY_PAGE
    ids = re.findall(r'<dt id="term-([a-z0-9-]+)">', page)
    assert len(ids) == len(glossary.terms()) and len(set(ids)) == len(ids)
    assert ids == [item.slug for item in glossary.alphabetical(glossary.terms())]
    assert ids.index("alpha1-h101") < ids.index("barbiturate")
    assert 'href="01_gaba_a_receptor.html"' in page and "[gaba_ec50_values; verified]" in page
    assert "http" not in re.sub(r"<li>.*?</li>", "", page), "the page itself loads and links nothing outside"


def test_the_handout_index_links_the_glossary_page():
    from helpers.publish.build import render_index

    assert INDEX_LINK in render_index([], {}, {}, set())
    assert f'href="{GLOSSARY_PAGE}"' in INDEX_LINK


@pytest.mark.browser
def test_the_glossary_page_has_no_serious_accessibility_problem(tmp_path, chromium_browser):
    from axe_playwright_python.sync_playwright import Axe

    from browser_support import OfflinePage

    page_file = tmp_path / GLOSSARY_PAGE
    page_file.write_text(render_glossary_page(handout_stylesheet()), encoding="utf-8")
    offline = OfflinePage(chromium_browser)
    try:
        results = Axe().run(offline.open(page_file))
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, "; ".join(f"{v['id']}: {v['help']}" for v in serious)
        assert offline.outside_requests == []
    finally:
        offline.close()
