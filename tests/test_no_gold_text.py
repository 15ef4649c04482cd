"""The project quotes no text of the gold sets it is scored on.

A rule written for a dev sentence, or a test built on one, fits that sentence and not the held-out part of its
set; the sets' licences (GPL-3, CC BY-SA 4.0, LDC) do not let us copy them either (../shared/datasets/README.md).
Any run of SHINGLE words (six for PLOVER's and CASE's one-sentence items) that stands in a dev gold text and in the project's code, tests or docs fails here,
unless our own public-domain corpora (examples/, the merge set's articles) hold it too: official phrasing and
names ("the members of the Security Council condemned", "Islamic State in Iraq and the Levant") are shared by
any two texts on the subject. Lists of names (the actor catalogue, the gazetteer's data) are not scanned.
"""

import functools
import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATASETS

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SHARED_DATASETS.is_dir(), reason="gold data not present")]

ROOT = Path(__file__).resolve().parents[1]
SHINGLE = 8
SHORT_SHINGLE = 6  # PLOVER's and CASE's one-sentence items: six words of one already single it out
SHORT_SETS = {"plover", "case2021"}
WORD = re.compile(r"[a-z0-9]+")
SCANNED = ["src", "tests", "docs", "benchmarks", "README.md", "Makefile"]
NOT_SCANNED = {ROOT / "src/vigil/data/actors", ROOT / "src/vigil/data/places", ROOT / "src/vigil/static",
               ROOT / "benchmarks/merge_set/articles"}
OWN_CORPORA = [ROOT / "examples", ROOT / "benchmarks/merge_set/articles"]
TEXT_SUFFIXES = {".py", ".md", ".tsv", ".txt", ".json", ".html", ".js", ".css", ""}


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def gold_texts():
    """(set name, text) of every dev gold text (PolNeAR's train split is ours to learn from, so not here)."""
    events = SHARED_DATASETS / "events"
    yield from (("plover", s) for s in _strings(json.loads((events / "plover_gsr_cameo.json").read_text("utf-8"))))
    for line in (events / "case2021_task2.dev.tsv").read_text("utf-8").splitlines()[1:]:
        yield "case2021", line.split("\t")[1] if "\t" in line else line  # the snippet, not ACLED's label names
    with zipfile.ZipFile(events / "event_location_labeled_text.jsonl.zip") as archive:
        yield from (("event_location", archive.read(n).decode("utf-8", "ignore")) for n in archive.namelist())
    for path in sorted((SHARED_DATASETS / "geo").glob("*.xml")):
        yield path.stem, path.read_text("utf-8")
    for path in sorted((SHARED_DATASETS / "quotes/polnear/dev").rglob("*.txt")):
        yield "polnear dev", path.read_text("utf-8", errors="ignore")
    for path in sorted((SHARED_DATASETS / "time").rglob("*.tml")):
        yield "tempeval3", path.read_text("utf-8", errors="ignore")


def _files(paths, skipped=frozenset()):
    for top in paths:
        top = top if top.is_absolute() else ROOT / top
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if (path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts
                    and not any(s == path or s in path.parents for s in skipped)):
                yield path


@functools.lru_cache(maxsize=1)
def gold_shingles() -> dict[str, str]:
    """Each dev gold text's runs of SHINGLE words (those our own corpora share left out) -> the set's name."""
    own = set()
    for path in _files(OWN_CORPORA):
        text = path.read_text("utf-8", errors="ignore")
        own |= shingles(text) | shingles(text, SHORT_SHINGLE)
    gold = {}
    for name, text in gold_texts():
        for shingle in shingles(text, SHORT_SHINGLE if name in SHORT_SETS else SHINGLE) - own:
            gold.setdefault(shingle, name)
    return gold


def quoted_gold(paths, skipped=frozenset()) -> list[str]:
    """Each place a file quotes a gold run, read across line breaks (a test's string split over two lines, a
    docstring's wrapped sentence): "file:line: [set] words", one per line that starts a quoted run."""
    gold = gold_shingles()
    found = []
    for path in _files(paths, skipped):
        text = path.read_text("utf-8", errors="ignore")
        words = [(m.group(), m.start()) for m in WORD.finditer(text.lower())]
        lines_hit = {}
        for size in (SHINGLE, SHORT_SHINGLE):
            for i in range(len(words) - size + 1):
                shingle = " ".join(w for w, _ in words[i:i + size])
                if shingle in gold:
                    lines_hit.setdefault(text.count("\n", 0, words[i][1]) + 1, (gold[shingle], shingle))
        shown = path.relative_to(ROOT) if ROOT in path.parents else path.name
        found += [f"{shown}:{number}: [{name}] {shingle}" for number, (name, shingle) in sorted(lines_hit.items())]
    return found


def test_no_gold_text_in_code_tests_or_docs():
    found = quoted_gold([Path(p) for p in SCANNED], NOT_SCANNED)
    assert not found, "gold text in the project:\n" + "\n".join(found)


def test_no_gold_text_check_finds_a_quoted_dev_sentence(tmp_path):
    """The check can fail: a comment that quotes a PLOVER sentence is found, an invented one is not."""
    sentence = next(s for n, s in gold_texts() if n == "plover" and len(WORD.findall(s.lower())) > 2 * SHINGLE)
    (tmp_path / "rule.py").write_text(f"# as in {sentence!r}\nx = 1\n", encoding="utf-8")
    (tmp_path / "other.py").write_text("# Rebels in the north seized two border towns from the army on Friday.\n")
    words = sentence.split()
    half = len(words) // 2
    (tmp_path / "split.py").write_text(f"TEXT = ({' '.join(words[:half])!r}\n        {' ' + ' '.join(words[half:])!r})\n")
    assert sorted({line.split(":")[0] for line in quoted_gold([tmp_path])}) == ["rule.py", "split.py"]
