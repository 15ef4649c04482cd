"""A place's score is the chance that it is right: the table, its fitting and its measurement."""

import pytest

from vigil.places import confidence, resolve


def test_places_fit_gives_each_kind_the_share_right_with_one_right_and_one_wrong_added():
    samples = [("inferred", 0.1, True)] * 8 + [("inferred", 0.1, False)] * 2
    rows = confidence.fit(samples)
    assert rows == [{"kind": "inferred", "raw_up_to": 1.0, "chance": round(9 / 12, 3), "samples": 10}]


def test_places_fit_pools_a_bin_that_is_right_less_often_than_the_bin_below():
    samples = [("town", 0.3, True)] * 9 + [("town", 0.3, False)] + [("town", 0.9, True)] * 5 + [("town", 0.9, False)] * 5
    rows = confidence.fit(samples, edges=(0.5, 1.0))
    assert [(r["raw_up_to"], r["samples"]) for r in rows] == [(1.0, 20)]
    assert rows[0]["chance"] == round(15 / 22, 3)


def test_places_reliability_of_perfect_and_overconfident_scores():
    perfect = confidence.reliability([(1.0, True)] * 4 + [(0.0, False)] * 4)
    assert perfect["ece"] == 0 and perfect["brier"] == 0
    overconfident = confidence.reliability([(0.9, True), (0.9, False)])
    assert overconfident["ece"] == pytest.approx(0.4) and overconfident["brier"] == pytest.approx(0.41)


def test_places_towns_keep_their_raw_share_and_demonyms_take_the_table():
    assert confidence.calibrated(0.42, "town") == 0.42
    assert "demonym" in confidence.CALIBRATED_KINDS
    assert confidence.calibrated(0.9, "demonym") != 0.9
    assert 0.0 <= confidence.calibrated(0.9, "demonym") <= 1.0


def test_places_demonym_mention_carries_the_calibrated_score(nlp):
    libyan = [p for p in resolve(nlp("Libyan forces advanced on Sirte on Monday.")) if p.mention == "Libyan"]
    assert libyan and libyan[0].score == round(confidence.calibrated(0.9, "demonym"), 3)
    with confidence.raw_scores() as given:
        raw = [p for p in resolve(nlp("Libyan forces advanced on Sirte on Monday.")) if p.mention == "Libyan"]
    assert raw[0].score == 0.9 and ("demonym", 0.9) in given
