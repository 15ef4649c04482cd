from vigil.evaluate.plover import _actor_ok, _alpha2, gold_actors


def test_plover_actor_text_matches_only_whole_words():
    gold = [{"actorText": "Great Britain", "code": "GBR"}]
    assert _actor_ok(gold, "", "Britain", "gov-gb", None) is True
    assert _actor_ok(gold, "", "it", "gov-iq", "IQ") is False  # "it" is inside "Britain", but not a word of it


def test_plover_actor_right_by_country_and_cameo_codes():
    assert _actor_ok([{"actorText": "Tokyo", "code": "JAP"}], "", "Japanese officials", "gov-jp", "JP") is True
    assert _alpha2("VTN") == "VN" and _alpha2("LBY") == "LY" and _alpha2("IGO") is None


def test_plover_side_without_actor_records_is_not_scored():
    record = {"source": [{"actorText": "Libya", "code": "LBY"}], "target": "diplomatic"}
    assert gold_actors(record, "target") == [] and _actor_ok(gold_actors(record, "target"), "", None, None, None) is None
    assert _actor_ok(gold_actors(record, "source"), "", None, None, None) is False
