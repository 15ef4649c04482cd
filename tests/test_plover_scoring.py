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


def test_plover_main_event_is_the_main_clause(nlp):
    from dataclasses import replace

    from vigil.actors import link
    from vigil.evaluate.plover import main_event
    from vigil.events import extract_events
    from vigil.places import resolve

    text = "Hungarian officials agreed that their countries should cooperate."
    doc = nlp(text)
    places = resolve(doc)
    events = extract_events(doc, link(doc, places), places)
    assert {text[e.start:e.end] for e in events} == {"agreed", "cooperate"}
    same = [replace(e, confidence=0.7) for e in reversed(events)]  # equally confident, the subordinate one first
    chosen = main_event(doc, same)
    assert text[chosen.start:chosen.end] == "agreed"


def test_plover_matching_words_do_not_save_an_actor_linked_to_another_country():
    gold = [{"actorText": "President Bush", "code": "USA"}]
    assert _actor_ok(gold, "", "President Bush", "gov-ru", "RU") is False
    assert _actor_ok(gold, "", "President Bush", "gov-us", "US") is True
    assert _actor_ok([{"actorText": "Kofi Annan", "code": "IGO"}], "", "Kofi Annan", "un", None) is True


def test_plover_scores_the_mention_with_the_name_the_user_sees():
    from vigil.evaluate.plover import _event_mention, _named_country
    from vigil.records import ActorMention

    mentions = (ActorMention(0, 6, "Kenyan", "civilians", "Civilians (Kenya)", "Civilians", "KE"),
                ActorMention(20, 27, "Israeli", "civilians", "Civilians (Israel)", "Civilians", "IL"))
    assert _event_mention(mentions, "civilians", "Civilians (Israel)").country == "IL"
    assert _event_mention(mentions, "civilians", "Civilians (Algeria)") is None
    assert _named_country("civilians", "Civilians (Algeria)") == "DZ"
    assert _named_country("gov-jp", "Government of Japan") == "JP" and _named_country("civilians", "Civilians") is None
