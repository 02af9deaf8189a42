from sources.passages import passage_around


def around(text: str, name: str):
    start = text.index(name)
    return passage_around(text, start, start + len(name))


def test_an_abbreviated_month_does_not_end_the_sentence():
    text = "Police came on Feb. 10. Aigerim Testova was taken on Feb. 11 at night."

    passage = around(text, "Aigerim Testova")

    assert passage.text == "Aigerim Testova was taken on Feb. 11 at night."


def test_a_number_sign_and_an_initial_do_not_end_the_sentence():
    text = (
        "She was held in Camp No. 3 with A. Testova and Aigerim Testova. Then silence."
    )

    passage = around(text, "Aigerim Testova")

    assert passage.before == "She was held in Camp No. 3 with A. Testova and "
    assert passage.after == "."


def test_the_name_is_split_out_of_its_sentence():
    text = "First sentence. Relatives of Aigerim Testova protested! Another one?"

    passage = around(text, "Aigerim Testova")

    assert (passage.before, passage.name, passage.after) == (
        "Relatives of ",
        "Aigerim Testova",
        " protested!",
    )
    assert not (passage.cut_before or passage.cut_after)


def test_a_long_sentence_is_cut_at_a_word_and_says_so():
    text = "word " * 100 + "Aigerim Testova" + " more" * 100 + "."

    passage = around(text, "Aigerim Testova")

    assert passage.cut_before and passage.cut_after
    assert passage.before.startswith("word ") and passage.after.endswith("more")


def test_an_arabic_script_sentence_reads_right_to_left():
    text = "بۈگۈن. گۈلنار تۇرسۇننىڭ سىڭلىسى تۇتقۇن قىلىندى. Latin after."

    passage = around(text, "گۈلنار تۇرسۇن")

    assert passage.right_to_left
    assert passage.text == "گۈلنار تۇرسۇننىڭ سىڭلىسى تۇتقۇن قىلىندى."
    assert not around(text, "Latin").right_to_left
