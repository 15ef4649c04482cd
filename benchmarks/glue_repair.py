"""Glue repair measured on real news text (the article texts of the geo gold sets).

(a) False changes: clean each article as it is and count tokens the glue repair
    changed, per 10,000 tokens (target: 0).
(b) Repair rate: glue a random sample of adjacent word pairs the way scrapers do
    (drop the space between two words, or after a sentence's full stop), clean,
    and count the pairs restored exactly.

    python benchmarks/glue_repair.py --data ../shared/datasets/geo [--pairs 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from vigil.cleaning.glue import glue_cuts

WORD = re.compile(r"\S+")
from geo_corpus import geo_texts


def articles(folder: Path) -> list[str]:
    return geo_texts(folder)


def false_changes(texts: list[str]) -> tuple[int, int, list[str]]:
    tokens, changed, examples = 0, 0, []
    for text in texts:
        tokens += len(WORD.findall(text))
        for position, _ in glue_cuts(text):
            changed += 1
            if len(examples) < 25:
                examples.append(text[max(0, position - 20) : position + 20].replace("\n", " "))
    return tokens, changed, examples


def glued_samples(texts: list[str], pairs: int, seed: int) -> list[tuple[str, str]]:
    """(glued, expected) snippets: 'of the' -> 'ofthe', 'areas. Ambassador' -> 'areas.Ambassador'."""
    rng = random.Random(seed)
    samples = []
    while len(samples) < pairs:
        text = rng.choice(texts)
        words = list(WORD.finditer(text))
        if len(words) < 3:
            continue
        i = rng.randrange(1, len(words) - 1)
        left, right = words[i - 1].group(0), words[i].group(0)
        if not (re.fullmatch(r"[A-Za-z’'.,]+", left) and re.fullmatch(r"[A-Za-z’']+[.,]?", right)):
            continue
        expected = f"{left} {right}"
        samples.append((f"{left}{right}", expected))
    return samples


def repaired(glued: str) -> str:
    cuts = sorted({c for c, _ in glue_cuts(glued)})
    pieces, previous = [], 0
    for cut in cuts:
        pieces.append(glued[previous:cut])
        previous = cut
    pieces.append(glued[previous:])
    return " ".join(pieces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/geo"))
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts = articles(args.data)
    tokens, changed, examples = false_changes(texts)
    samples = glued_samples(texts, args.pairs, args.seed)
    fixed = sum(repaired(glued) == expected for glued, expected in samples)
    missed = [g for g, e in samples if repaired(g) != e][:15]
    print(json.dumps({
        "articles": len(texts), "tokens": tokens,
        "false_changes": changed, "false_changes_per_10k_tokens": round(changed / tokens * 10_000, 2),
        "false_change_examples": examples,
        "glued_pairs": len(samples), "repaired_exactly": fixed, "repaired_percent": round(100 * fixed / len(samples), 1),
        "missed_examples": missed,
    }, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
