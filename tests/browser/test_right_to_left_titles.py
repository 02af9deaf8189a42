"""A right-to-left name in a case's title keeps the colon beside the reference."""

import itertools
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.factories import CaseFactory, PersonFactory, PersonNameFactory

SCREENSHOTS = Path(tempfile.gettempdir())

pytestmark = pytest.mark.django_db(transaction=True)

UYGHUR_NAME = "ئەخمەت قادىر"

# Where Chromium lays out the last digit, the colon, the space and the whole name.
LAYOUT = """
const node = [...arguments[0].childNodes].find(n => n.textContent.includes(':'));
const text = node.textContent;
const box = (start, end) => {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  const rect = range.getBoundingClientRect();
  return {left: rect.left, right: rect.right};
};
const colon = text.indexOf(':');
const name = text.indexOf(arguments[1]);
return {
  digit: box(colon - 1, colon),
  colon: box(colon, colon + 1),
  space: box(colon + 1, colon + 2),
  name: box(name, name + arguments[1].length),
};
"""


def uyghur_case():
    person = PersonFactory()
    PersonNameFactory(person=person, text=UYGHUR_NAME, language="ug")
    return CaseFactory(subject=person, reference="CT-2026-0902")


def test_colon_stays_between_reference_and_uyghur_name(logged_in, live_server):
    case = uyghur_case()
    logged_in.get(f"{live_server.url}/admin/cases/case/{case.pk}/change/")
    heading = logged_in.find_element(By.CSS_SELECTOR, "#content h2")
    assert UYGHUR_NAME in heading.text
    at = logged_in.execute_script(LAYOUT, heading, UYGHUR_NAME)
    logged_in.save_screenshot(str(SCREENSHOTS / "right_to_left_title.png"))
    # Left to right: the last digit, the colon touching it, the space, the name.
    # Unisolated, the colon joins the name's run: "CT-2026-0902 :ئەخمەت".
    order = ["digit", "colon", "space", "name"]
    for left, right in itertools.pairwise(order):
        assert at[left]["right"] <= at[right]["left"] + 1, (left, right, at)
