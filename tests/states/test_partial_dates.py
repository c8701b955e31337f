import datetime

import pytest

from states.partial_dates import PartialDate, PartialDateFormField, Precision, partial_date


@pytest.mark.parametrize(
    ("text", "shown", "first", "last"),
    [
        ("1993", "1993", datetime.date(1993, 1, 1), datetime.date(1993, 12, 31)),
        ("1998-03", "March 1998", datetime.date(1998, 3, 1), datetime.date(1998, 3, 31)),
        ("2000-02", "February 2000", datetime.date(2000, 2, 1), datetime.date(2000, 2, 29)),
        ("2002-11-25", "25 November 2002", datetime.date(2002, 11, 25), datetime.date(2002, 11, 25)),
    ],
)
def test_partial_date_renders_as_given_and_spans_its_period(text, shown, first, last):
    value = PartialDate.parse(text)
    assert str(value) == shown
    assert value.isoformat() == text
    assert (value.first_day, value.last_day) == (first, last)


@pytest.mark.parametrize(
    "text", ["93", "1998-3", "1998-13", "2001-02-29", "25/11/2002", "1998-03-01T00:00", "abcd", " "]
)
def test_partial_date_rejects_malformed_text(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_partial_date_blank_cell_is_unknown():
    assert partial_date("") is None
    assert partial_date(None) is None


def test_partial_date_contains_only_its_period():
    march = PartialDate(datetime.date(1998, 3, 1), Precision.MONTH)
    assert march.contains(datetime.date(1998, 3, 31))
    assert not march.contains(datetime.date(1998, 4, 1))
    assert not march.contains(datetime.date(1998, 2, 28))


def test_partial_date_form_field_explains_the_format():
    field = PartialDateFormField(required=False)
    assert field.clean("1993") == PartialDate.parse("1993")
    assert field.clean("") is None
    with pytest.raises(Exception, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        field.clean("March 1998")
