from vigil.places import resolve


def test_places_x_in_y_disambiguates(nlp):
    places = {p.mention: p for p in resolve(nlp("Clashes broke out in Tripoli in Lebanon on Monday."))}
    assert places["Tripoli"].country == "LB"


def test_places_washington_said_is_metonym(nlp):
    places = resolve(nlp("Washington said the strikes would continue."))
    assert [p.role for p in places if p.mention == "Washington"] in ([], ["metonym"])
    assert not [p for p in places if p.mention == "Washington" and p.role == "place"]
