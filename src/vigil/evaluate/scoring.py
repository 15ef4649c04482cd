"""Shared scoring arithmetic for `vigil eval`."""

from __future__ import annotations


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1, rounded to four places (0 where undefined)."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)
