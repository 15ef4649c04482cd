from vigil.places import resolve


def test_places_x_in_y_disambiguates(nlp):
    places = {p.mention: p for p in resolve(nlp("Clashes broke out in Tripoli in Lebanon on Monday."))}
    assert places["Tripoli"].country == "LB"


def test_places_washington_said_is_metonym(nlp):
    places = resolve(nlp("Washington said the strikes would continue."))
    assert [p.role for p in places if p.mention == "Washington"] in ([], ["metonym"])
    assert not [p for p in places if p.mention == "Washington" and p.role == "place"]


def test_places_month_name_is_not_a_town(nlp):
    places = resolve(nlp("In March, fighters attacked the town of Sirte in Libya."))
    assert not [p for p in places if p.mention == "March"]
    assert [p.country for p in places if p.mention == "Sirte"] == ["LY"]


def test_places_double_space_inside_a_country_name(nlp):
    places = resolve(nlp("Fighting spread in the Democratic  Republic of the Congo last year."))
    congo = [p for p in places if "Congo" in p.mention]
    assert congo and all(p.country == "CD" for p in congo)


def test_places_sea_beats_the_province_named_after_it(nlp):
    places = {p.mention: p for p in resolve(nlp("Ships in the Red Sea were attacked near Yemen and Egypt."))}
    assert places["Red Sea"].feature == "SEA"


def test_places_town_admin1_comes_from_geonames_not_the_nearest_province_point(nlp):
    places = {p.mention: p for p in resolve(nlp("Islamic State fighters held Mosul in Iraq for three years."))}
    assert places["Mosul"].admin1 == "Ninawa"


def test_places_unknown_town_in_a_named_province_falls_to_the_province(nlp):
    places = {p.mention: p for p in resolve(nlp("Insurgents attacked the town of Palma, Cabo Delgado, in Mozambique."))}
    assert places["Palma"].country == "MZ"


def test_places_french_province_names_read_in_english(nlp):
    places = {p.mention: p for p in resolve(nlp("Rebels attacked villages in North Kivu, in eastern Congo."))}
    assert places["North Kivu"].feature == "ADM1" and places["North Kivu"].country == "CD"


def test_places_list_of_capitals_is_not_town_in_region(nlp):
    places = {p.mention: p for p in resolve(nlp("The airline will fly to Moscow, Kiev, Minsk and Riga next year."))}
    assert places["Kiev"].country == "UA" and places["Kiev"].feature in ("PPL", "PPLC")


def test_places_continent_in_country_keeps_the_continent(nlp):
    places = {p.mention: p for p in resolve(nlp("A mountain range runs through western Africa in Morocco and Tunisia."))}
    assert places["Africa"].feature == "CONT"


def test_places_town_read_near_a_county_the_document_names(nlp):
    places = {p.mention: p for p in resolve(nlp("A fire destroyed a barn near Columbus on Sunday, the Platte County sheriff said."))}
    assert places["Columbus"].admin1 == "Nebraska"  # the Columbus that lies in a Platte County


def test_places_direction_name_stays_in_the_documents_country(nlp):
    """Nigeria's North East is no Ghanaian region; a region of a country the text names does resolve."""
    nigeria = resolve(nlp("Boko Haram continued attacks in Nigeria, mostly in the North East region of the country."))
    assert [p.country for p in nigeria if p.mention == "Nigeria"] == ["NG"]
    assert not [p for p in nigeria if p.mention.endswith("North East") and p.country == "GH"]
    ghana = resolve(nlp("Floods hit Ghana's Upper East region and Bolgatanga in Ghana this week."))
    assert [p.country for p in ghana if p.mention.endswith("Upper East")] == ["GH"]


def test_places_bare_congo_is_the_drc_unless_the_text_points_to_brazzaville(nlp):
    def congo(text):
        return next(p.country for p in resolve(nlp(text)) if p.mention == "Congo")
    assert congo("Rebels attacked a village in eastern Congo on Monday.") == "CD"
    assert congo("In Brazzaville, the capital of Congo, protests continued.") == "CG"


def test_places_nt_is_the_territory_of_the_country_the_text_names(nlp):
    from vigil.places import gazetteer
    from vigil.places.resolve import document_context, resolve_span

    gaz = gazetteer()
    for text, country in (("Fires spread near Yellowknife, NT, and Canada sent water bombers.", "CA"),
                          ("Floods hit Darwin, NT, and Australia sent the army.", "AU")):
        doc = nlp(text)
        start = text.index("NT")
        best, _ = resolve_span(doc, start, start + 2, "NT", document_context(doc, gaz), gaz)[0]
        assert (best.country, best.feature) == (country, "ADM1")
