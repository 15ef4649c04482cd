def test_nlp_headline_on_its_own_line_is_its_own_sentence(nlp):
    doc = nlp("CENTCOM Forces Kill ISIS Leader During Precision Strike in Syria\nOn Dec. 19, U.S. forces conducted a strike.")
    assert [s.text.strip() for s in doc.sents] == ["CENTCOM Forces Kill ISIS Leader During Precision Strike in Syria",
                                                   "On Dec. 19, U.S. forces conducted a strike."]


def test_nlp_blank_line_ends_a_sentence_even_before_lower_case(nlp):
    doc = nlp("Breaking news\n\nthe ministry confirmed the attack.")
    assert [s.text.strip() for s in doc.sents] == ["Breaking news", "the ministry confirmed the attack."]


def test_nlp_hard_wrapped_line_stays_in_its_sentence(nlp):
    for text in ("The talks between the\nPresident and the rebels failed.", "He said the rebels\nwere beaten."):
        assert len(list(nlp(text).sents)) == 1, text
