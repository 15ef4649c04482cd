import pytest

from vigil.cleaning import clean, to_original
from vigil.cleaning.glue import glue_cuts
from vigil.records import RawDocument


def repaired(text: str) -> str:
    return clean(RawDocument("t", text)).text


@pytest.mark.parametrize("glued, fixed", [
    ("ISISremains a threat", "ISIS remains a threat"),
    ("in Syriaand Iraq", "in Syria and Iraq"),
    ("AmbassadorJames Jeffrey", "Ambassador James Jeffrey"),
    ("TheUS-backed forces", "The US-backed forces"),
    ("the fightagainst ISIS", "the fight against ISIS"),
    ("thousands ofISIS fighters", "thousands of ISIS fighters"),
    ("new areas.Ambassador Jeffrey", "new areas. Ambassador Jeffrey"),
    ("US interests.”Sales said", "US interests.” Sales said"),
    ("violence fromunderground cells", "violence from underground cells"),
    ("the coalitionfighting ISIS", "the coalition fighting ISIS"),
    ("the organization’sfighters are", "the organization’s fighters are"),
    ("their attacks,they’ve expanded", "their attacks, they’ve expanded"),
    ("saying, “Wehave 2,500 fighters", "saying, “We have 2,500 fighters"),
    ("them. Andif they don’t", "them. And if they don’t"),
    ("a 23-year-old manwho traveled", "a 23-year-old man who traveled"),
    ("officials see a“persistent threat", "officials see a “persistent threat"),
    ("It also meansrepatriating fighters", "It also means repatriating fighters"),  # a rare long word is still a word
])
def test_cleaning_repairs_glued_words(glued, fixed):
    assert repaired(glued) == fixed


@pytest.mark.parametrize("word", ["counterterrorism", "Misrata", "Daesh", "al-Youm", "McDonald", "YouTube", "U.S.",
                                  "2,500", "iPhone", "e.g.", "DeSantis", "LeBron", "MacArthur", "Aug. 1", "U.N.",
                                  "3.5", "https://example.org/a.b", "theglobeandmail.com", "Sinjar", "Hasaka"])
def test_cleaning_keeps_correct_words(word):
    assert list(glue_cuts(f"They said {word} was there")) == []


def test_cleaning_strips_baghdad_breadcrumbs_and_finds_date(baghdad_text):
    cleaned = clean(RawDocument("b", baghdad_text))
    assert cleaned.found["published"] == "2019-08-02"
    assert cleaned.found["source"] == "Baghdad Post"
    assert cleaned.found["title"] == "US officials say ISIS still poses global threat"
    assert "›" not in cleaned.text and "2019/08/02" not in cleaned.text
    assert cleaned.text.startswith("US officials say ISIS still poses global threat")
    assert any(step.startswith("header line") for step in cleaned.steps)


def test_cleaning_trailing_outlet_line_becomes_source(reuters_text):
    cleaned = clean(RawDocument("r", reuters_text))
    assert cleaned.found["source"] == "theglobeandmail.com"
    assert "theglobeandmail.com" not in cleaned.text


def test_cleaning_leaves_clean_reuters_text_unchanged(reuters_text):
    cleaned = clean(RawDocument("r", reuters_text))
    assert cleaned.text.strip() == reuters_text.replace("theglobeandmail.com", "").strip()
    assert not [s for s in cleaned.steps if s.startswith("glued")]


@pytest.mark.parametrize("fixture", ["reuters_text", "baghdad_text"])
def test_cleaning_offsets_map_back_to_original(fixture, request):
    original = request.getfixturevalue(fixture)
    cleaned = clean(RawDocument("x", original))
    copied = 0
    for segment in cleaned.segments:
        for i in range(segment.clean_start, segment.clean_start + segment.length):
            assert original[to_original(cleaned.segments, i)] == cleaned.text[i]
            copied += 1
    assert copied >= len(cleaned.text) - 60  # only inserted spaces are not copied


def test_cleaning_normalises_unicode_with_offsets():
    original = "Cafe\u0301 in\u00a0Sirte\u200bcity and\u00adwar"
    cleaned = clean(RawDocument("u", original))
    assert cleaned.text == "Café in Sirte city andwar"
    start = cleaned.text.index("Sirte")
    assert original[to_original(cleaned.segments, start):].startswith("Sirte")
