import pycountry
import pytest

from vigil.actors import catalogue, link, lookup
from vigil.places import resolve


@pytest.fixture(scope="module")
def reuters_actors(nlp, reuters_text):
    doc = nlp(reuters_text)
    return link(doc, resolve(doc))


def test_actors_isis_aliases_are_one_actor(reuters_actors):
    texts = {m.text: m.actor_id for m in reuters_actors}
    for alias in ("Islamic State", "ISIS", "Daesh", "the jihadist group", "its fighters"):
        assert texts[alias] == "islamic-state", alias
    assert lookup("ISIL").id == lookup("Daesh").id == "islamic-state"


def test_actors_libyan_forces_are_state_forces_of_libya(reuters_actors):
    libyan = next(m for m in reuters_actors if m.text == "Libyan forces")
    assert (libyan.actor_id, libyan.type, libyan.country) == ("forces-ly", "State forces", "LY")


def test_actors_misrata_brigades_typed_and_placed(reuters_actors):
    brigades = next(m for m in reuters_actors if m.text.startswith("brigades from"))
    assert brigades.name == "Misrata brigades" and brigades.type == "Political militia" and brigades.country == "LY"


def test_actors_person_linked_to_organisation(reuters_actors):
    richards = next(m for m in reuters_actors if m.person == "Marie Richards")
    assert richards.actor_id == "us-state-department"
    assert richards.role.startswith("deputy counterterrorism coordinator")


def test_actors_sdf_linked(nlp):
    mentions = link(nlp("The U.S.-backed Syrian Democratic Forces (SDF) ousted ISIS militants."))
    assert [m.actor_id for m in mentions if "Syrian" in m.text or m.text == "SDF"] == ["sdf", "sdf"]


def test_actors_is_lowercase_and_sentence_start_are_not_islamic_state(nlp):
    mentions = link(nlp("Is it true? The situation is bad, said the IS commander."))
    assert [m.text for m in mentions if m.actor_id == "islamic-state"] == ["IS"]


def test_actors_unknown_group_kept_as_new_actor(nlp):
    mentions = link(nlp("Fighters of the Popular Resistance Front attacked the base."))
    new = [m for m in mentions if m.actor_id.startswith("new:")]
    assert new and new[0].name == "Popular Resistance Front"


def test_actors_every_country_has_state_forces_and_government():
    actors = catalogue()
    for country in pycountry.countries:
        assert f"forces-{country.alpha_2.lower()}" in actors
        assert f"gov-{country.alpha_2.lower()}" in actors


def test_actors_user_data_dir_extends_catalogue(tmp_path, monkeypatch):
    import sys

    catalogue_module = sys.modules["vigil.actors.catalogue"]

    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "groups.tsv").write_text(
        "id\tname\taliases\ttype\tcountry\twikidata\tparent\nnew-front\tNew Front\tNF\tRebel group\tML\t\t\n",
        encoding="utf-8")
    monkeypatch.setenv("VIGIL_DATA_DIR", str(tmp_path))
    catalogue_module.catalogue.cache_clear()
    catalogue_module.alias_index.cache_clear()
    try:
        assert lookup("New Front").country == "ML"
        assert lookup("Daesh").id == "islamic-state"
    finally:
        monkeypatch.delenv("VIGIL_DATA_DIR")
        catalogue_module.catalogue.cache_clear()
        catalogue_module.alias_index.cache_clear()
