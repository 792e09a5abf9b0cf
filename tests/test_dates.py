"""Honest dates: how precise dates validate, bound, sort and read in en, fr and ar."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from hub.core.dates import DatePrecision, HonestDate, PartOfYear, format_day
from hub.models import HonestDateFields

P = DatePrecision


def day(d, **kw):
    return HonestDate(P.DAY, d, **kw)


# ---------------------------------------------------------------- formatting

FORMATS = [
    pytest.param(
        day(date(2024, 7, 2)),
        "2 July 2024",
        "2 juillet 2024",
        "2 تموز/يوليو 2024",
        id="day",
    ),
    pytest.param(
        day(date(2024, 3, 1)),
        "1 March 2024",
        "1er mars 2024",
        "1 آذار/مارس 2024",
        id="first-day-of-month",
    ),
    pytest.param(
        HonestDate(P.DAYS, date(2024, 7, 3), date(2024, 7, 4)),
        "3–4 July 2024",
        "3–4 juillet 2024",
        "3–4 تموز/يوليو 2024",
        id="days-in-one-month",
    ),
    pytest.param(
        HonestDate(P.DAYS, date(2024, 6, 30), date(2024, 7, 2)),
        "30 June – 2 July 2024",
        "30 juin – 2 juillet 2024",
        "30 حزيران/يونيو – 2 تموز/يوليو 2024",
        id="days-across-months",
    ),
    pytest.param(
        HonestDate(P.DAYS, date(2024, 12, 30), date(2025, 1, 2)),
        "30 December 2024 – 2 January 2025",
        "30 décembre 2024 – 2 janvier 2025",
        "30 كانون الأول/ديسمبر 2024 – 2 كانون الثاني/يناير 2025",
        id="days-across-years",
    ),
    pytest.param(
        HonestDate(P.ALTERNATIVES, date(2024, 3, 8), date(2024, 3, 11), tentative=True),
        "8 or 11 March 2024 (to be confirmed)",
        "8 ou 11 mars 2024 (à confirmer)",
        "8 أو 11 آذار/مارس 2024 (قيد التأكيد)",
        id="alternatives-tentative",
    ),
    pytest.param(
        HonestDate(P.ALTERNATIVES, date(2024, 2, 28), date(2024, 3, 1)),
        "28 February or 1 March 2024",
        "28 février ou 1er mars 2024",
        "28 شباط/فبراير أو 1 آذار/مارس 2024",
        id="alternatives-across-months",
    ),
    pytest.param(
        HonestDate(P.MONTH, date(2024, 3, 15)),
        "March 2024",
        "mars 2024",
        "آذار/مارس 2024",
        id="month",
    ),
    pytest.param(
        HonestDate(P.MONTHS, date(2023, 10, 1), date(2024, 12, 1)),
        "October 2023 – December 2024",
        "octobre 2023 – décembre 2024",
        "تشرين الأول/أكتوبر 2023 – كانون الأول/ديسمبر 2024",
        id="months-across-years",
    ),
    pytest.param(
        HonestDate(P.MONTHS, date(2024, 3, 1), date(2024, 5, 20)),
        "March – May 2024",
        "mars – mai 2024",
        "آذار/مارس – أيار/مايو 2024",
        id="months-in-one-year",
    ),
    pytest.param(
        HonestDate(P.WEEK_OF_MONTH, date(2024, 11, 1), week=3),
        "third week of November 2024",
        "troisième semaine de novembre 2024",
        "الأسبوع الثالث من تشرين الثاني/نوفمبر 2024",
        id="week-of-month",
    ),
    pytest.param(
        HonestDate(P.WEEK_OF_MONTH, date(2024, 10, 1), week=1),
        "first week of October 2024",
        "première semaine d'octobre 2024",
        "الأسبوع الأول من تشرين الأول/أكتوبر 2024",
        id="week-of-month-elided",
    ),
    pytest.param(
        HonestDate(P.PART_OF_YEAR, date(2024, 1, 1), part=PartOfYear.EARLY),
        "early 2024",
        "début 2024",
        "أوائل 2024",
        id="early",
    ),
    pytest.param(
        HonestDate(P.PART_OF_YEAR, date(2024, 1, 1), part=PartOfYear.MID),
        "mid-2024",
        "mi-2024",
        "منتصف 2024",
        id="mid",
    ),
    pytest.param(
        HonestDate(P.PART_OF_YEAR, date(2024, 1, 1), part=PartOfYear.LATE),
        "late 2024",
        "fin 2024",
        "أواخر 2024",
        id="late",
    ),
    pytest.param(
        HonestDate(P.PART_OF_YEAR, date(2024, 1, 1), part=PartOfYear.FIRST_HALF),
        "first half of 2024",
        "premier semestre 2024",
        "النصف الأول من 2024",
        id="first-half",
    ),
    pytest.param(
        HonestDate(P.PART_OF_YEAR, date(2024, 1, 1), part=PartOfYear.SECOND_HALF),
        "second half of 2024",
        "second semestre 2024",
        "النصف الثاني من 2024",
        id="second-half",
    ),
    pytest.param(HonestDate(P.YEAR, date(2025, 6, 1)), "2025", "2025", "2025", id="year"),
    pytest.param(
        HonestDate(P.MONTH, date(2024, 3, 1), tentative=True),
        "March 2024 (to be confirmed)",
        "mars 2024 (à confirmer)",
        "آذار/مارس 2024 (قيد التأكيد)",
        id="month-tentative",
    ),
    pytest.param(
        HonestDate(P.YEAR, date(2025, 1, 1), tentative=True),
        "2025 (to be confirmed)",
        "2025 (à confirmer)",
        "2025 (قيد التأكيد)",
        id="year-tentative",
    ),
]


@pytest.mark.parametrize(("when", "en", "fr", "ar"), FORMATS)
def test_honest_date_reads_naturally_in_every_language(when, en, fr, ar):
    assert (when.format("en"), when.format("fr"), when.format("ar")) == (en, fr, ar)


def test_format_without_language_uses_the_active_language():
    when = HonestDate(P.MONTH, date(2024, 3, 1))
    with translation.override("fr"):
        assert when.format() == "mars 2024"
        assert str(when) == "mars 2024"
    with translation.override("ar"):
        assert str(when) == "آذار/مارس 2024"


def test_format_in_another_language_leaves_the_active_language_alone():
    with translation.override("fr"):
        HonestDate(P.MONTH, date(2024, 3, 1)).format("ar")
        assert translation.get_language() == "fr"


def test_arabic_uses_the_double_month_names_of_un_documents():
    names = [HonestDate(P.MONTH, date(2024, m, 1)).format("ar").removesuffix(" 2024") for m in range(1, 13)]
    assert names == [
        "كانون الثاني/يناير",
        "شباط/فبراير",
        "آذار/مارس",
        "نيسان/أبريل",
        "أيار/مايو",
        "حزيران/يونيو",
        "تموز/يوليو",
        "آب/أغسطس",
        "أيلول/سبتمبر",
        "تشرين الأول/أكتوبر",
        "تشرين الثاني/نوفمبر",
        "كانون الأول/ديسمبر",
    ]


def test_arabic_dates_use_western_digits():
    text = HonestDate(P.DAYS, date(2024, 12, 30), date(2025, 1, 2)).format("ar")
    assert not any("\u0660" <= c <= "\u0669" or "\u06f0" <= c <= "\u06f9" for c in text)
    assert "2025" in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1 March 2024"), ("fr", "1er mars 2024"), ("ar", "1 آذار/مارس 2024")],
)
def test_format_day_writes_a_plain_date(language, expected):
    assert format_day(date(2024, 3, 1), language) == expected


def test_a_stored_date_comes_back_as_the_same_honest_date():
    row = SimpleNamespace(
        date_precision="part",
        date_start=date(2024, 1, 1),
        date_end=None,
        date_week=None,
        date_part="late",
        date_tentative=True,
    )
    when = HonestDateFields.when.fget(row)
    assert when == HonestDate(P.PART_OF_YEAR, date(2024, 1, 1), part=PartOfYear.LATE, tentative=True)
    assert when.format("en") == "late 2024 (to be confirmed)"


def test_stored_strings_become_enums():
    when = HonestDate("part", date(2024, 1, 1), part="h1")
    assert when.precision is P.PART_OF_YEAR
    assert when.part is PartOfYear.FIRST_HALF
    assert HonestDate("month", date(2024, 1, 1), part="").part is None


# ---------------------------------------------------------------- validation


def test_a_well_formed_date_has_no_errors():
    for param in FORMATS:
        assert param.values[0].errors() == {}


@pytest.mark.parametrize("precision", [P.DAYS, P.ALTERNATIVES, P.MONTHS])
def test_ranges_and_alternatives_need_an_end(precision):
    assert set(HonestDate(precision, date(2024, 3, 8)).errors()) == {"date_end"}


@pytest.mark.parametrize("precision", [P.DAYS, P.ALTERNATIVES])
@pytest.mark.parametrize("end", [date(2024, 3, 8), date(2024, 3, 7)])
def test_the_end_of_days_must_come_after_the_start(precision, end):
    assert set(HonestDate(precision, date(2024, 3, 8), end).errors()) == {"date_end"}


def test_a_range_of_months_must_end_in_a_later_month():
    with translation.override("en"):
        errors = HonestDate(P.MONTHS, date(2024, 3, 1), date(2024, 3, 31)).errors()
    assert errors == {
        "date_end": "The last month must come after the first; for a single month, choose 'a month'."
    }
    assert HonestDate(P.MONTHS, date(2024, 3, 31), date(2024, 4, 1)).errors() == {}


@pytest.mark.parametrize("precision", [P.DAY, P.WEEK_OF_MONTH, P.MONTH, P.PART_OF_YEAR, P.YEAR])
def test_an_end_is_refused_where_it_means_nothing(precision):
    when = HonestDate(precision, date(2024, 3, 8), date(2024, 3, 11), week=1, part=PartOfYear.LATE)
    assert "date_end" in when.errors()


@pytest.mark.parametrize("week", [None, 0, 6])
def test_a_week_of_a_month_needs_a_week_from_1_to_5(week):
    assert set(HonestDate(P.WEEK_OF_MONTH, date(2024, 11, 1), week=week).errors()) == {"date_week"}


def test_february_of_a_common_year_has_no_fifth_week():
    assert set(HonestDate(P.WEEK_OF_MONTH, date(2023, 2, 1), week=5).errors()) == {"date_week"}
    assert HonestDate(P.WEEK_OF_MONTH, date(2024, 2, 1), week=5).errors() == {}


def test_a_week_is_refused_unless_the_date_is_a_week_of_a_month():
    assert set(HonestDate(P.MONTH, date(2024, 11, 1), week=3).errors()) == {"date_week"}


def test_part_of_a_year_needs_the_part():
    assert set(HonestDate(P.PART_OF_YEAR, date(2024, 1, 1)).errors()) == {"date_part"}


def test_a_part_is_refused_unless_the_date_is_part_of_a_year():
    assert set(HonestDate(P.YEAR, date(2024, 1, 1), part=PartOfYear.LATE).errors()) == {"date_part"}


def test_every_field_at_fault_is_reported_at_once():
    when = HonestDate(P.DAY, date(2024, 1, 1), date(2024, 1, 2), week=2, part=PartOfYear.MID)
    assert set(when.errors()) == {"date_end", "date_week", "date_part"}


def test_error_messages_are_translated():
    with translation.override("fr"):
        errors = HonestDate(P.PART_OF_YEAR, date(2024, 1, 1)).errors()
    assert errors == {"date_part": "Choisissez la partie de l'année."}
    with translation.override("ar"):
        errors = HonestDate(P.PART_OF_YEAR, date(2024, 1, 1)).errors()
    assert errors == {"date_part": "اختر الجزء المعني من السنة."}


# ---------------------------------------------------------------- bounds


@pytest.mark.parametrize(
    ("when", "earliest", "latest"),
    [
        (day(date(2024, 7, 2)), date(2024, 7, 2), date(2024, 7, 2)),
        (HonestDate(P.DAYS, date(2024, 7, 3), date(2024, 7, 4)), date(2024, 7, 3), date(2024, 7, 4)),
        (
            HonestDate(P.ALTERNATIVES, date(2024, 3, 8), date(2024, 3, 11)),
            date(2024, 3, 8),
            date(2024, 3, 11),
        ),
        (HonestDate(P.MONTH, date(2024, 2, 14)), date(2024, 2, 1), date(2024, 2, 29)),
        (
            HonestDate(P.MONTHS, date(2023, 10, 9), date(2024, 12, 2)),
            date(2023, 10, 1),
            date(2024, 12, 31),
        ),
        (HonestDate(P.WEEK_OF_MONTH, date(2024, 11, 1), week=1), date(2024, 11, 1), date(2024, 11, 7)),
        (HonestDate(P.WEEK_OF_MONTH, date(2024, 11, 1), week=3), date(2024, 11, 15), date(2024, 11, 21)),
        (HonestDate(P.WEEK_OF_MONTH, date(2024, 11, 1), week=5), date(2024, 11, 29), date(2024, 11, 30)),
        (HonestDate(P.WEEK_OF_MONTH, date(2024, 2, 1), week=5), date(2024, 2, 29), date(2024, 2, 29)),
        (HonestDate(P.PART_OF_YEAR, date(2024, 6, 1), part="early"), date(2024, 1, 1), date(2024, 4, 30)),
        (HonestDate(P.PART_OF_YEAR, date(2024, 6, 1), part="mid"), date(2024, 5, 1), date(2024, 8, 31)),
        (HonestDate(P.PART_OF_YEAR, date(2024, 6, 1), part="late"), date(2024, 9, 1), date(2024, 12, 31)),
        (HonestDate(P.PART_OF_YEAR, date(2024, 6, 1), part="h1"), date(2024, 1, 1), date(2024, 6, 30)),
        (HonestDate(P.PART_OF_YEAR, date(2024, 6, 1), part="h2"), date(2024, 7, 1), date(2024, 12, 31)),
        (HonestDate(P.YEAR, date(2025, 6, 1)), date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_earliest_and_latest_are_the_first_and_last_possible_days(when, earliest, latest):
    assert (when.earliest, when.latest) == (earliest, latest)
    assert when.sort_key == (earliest, latest)


def test_one_of_two_days_contains_only_those_two_days():
    when = HonestDate(P.ALTERNATIVES, date(2024, 3, 8), date(2024, 3, 11))
    assert when.contains(date(2024, 3, 8))
    assert when.contains(date(2024, 3, 11))
    assert not when.contains(date(2024, 3, 9))


def test_a_month_contains_its_days_only():
    when = HonestDate(P.MONTH, date(2024, 3, 15))
    assert when.contains(date(2024, 3, 1))
    assert when.contains(date(2024, 3, 31))
    assert not when.contains(date(2024, 4, 1))


def test_a_date_is_past_only_once_its_last_possible_day_is_over():
    late_2024 = HonestDate(P.PART_OF_YEAR, date(2024, 1, 1), part=PartOfYear.LATE)
    assert not late_2024.is_past(date(2024, 12, 31))
    assert late_2024.is_past(date(2025, 1, 1))


def test_is_past_defaults_to_today():
    assert HonestDate(P.YEAR, date(2000, 1, 1)).is_past()
    assert not HonestDate(P.YEAR, timezone.localdate()).is_past()


def test_the_2023_2024_roadmap_sorts_on_one_timeline():
    roadmap = [
        ("Asia-Pacific review", HonestDate(P.YEAR, date(2025, 1, 1))),
        ("Arab States review", HonestDate(P.MONTH, date(2024, 6, 1))),
        ("Latin America pre-consultation", HonestDate(P.MONTH, date(2024, 9, 1))),
        (
            "Europe consultation",
            HonestDate(P.ALTERNATIVES, date(2024, 3, 8), date(2024, 3, 11), tentative=True),
        ),
        ("Africa pre-consultation", HonestDate(P.MONTH, date(2024, 3, 1))),
        ("Asia-Pacific pre-consultations", HonestDate(P.PART_OF_YEAR, date(2024, 1, 1), part="late")),
        ("Latin America consultation", HonestDate(P.WEEK_OF_MONTH, date(2024, 11, 1), week=3)),
        ("Europe review", day(date(2024, 3, 11))),
        ("Hub opens regional spaces", HonestDate(P.MONTH, date(2023, 12, 1))),
        ("Europe pre-consultation", day(date(2023, 11, 8), tentative=True)),
        ("Africa consultation", HonestDate(P.MONTH, date(2024, 5, 1))),
        ("Arab States pre-consultation", HonestDate(P.MONTH, date(2024, 4, 1))),
        ("Global consultation, Asia-Pacific and MENA", HonestDate(P.MONTH, date(2023, 11, 1))),
        ("Regional pre-consultations", HonestDate(P.MONTHS, date(2023, 10, 1), date(2024, 12, 1))),
        ("Global consultation, Africa, Americas, Europe", day(date(2023, 10, 31))),
    ]
    in_order = [name for name, when in sorted(roadmap, key=lambda item: item[1].sort_key)]
    assert in_order == [
        "Regional pre-consultations",
        "Global consultation, Africa, Americas, Europe",
        "Global consultation, Asia-Pacific and MENA",
        "Europe pre-consultation",
        "Hub opens regional spaces",
        "Africa pre-consultation",
        "Europe consultation",
        "Europe review",
        "Arab States pre-consultation",
        "Africa consultation",
        "Arab States review",
        "Latin America pre-consultation",
        "Asia-Pacific pre-consultations",
        "Latin America consultation",
        "Asia-Pacific review",
    ]


# ---------------------------------------------------------------- template filters


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load hub_dates %}" + source).render(Context(context))


def milestone(held_start=None, held_end=None):
    """Something with honest-date fields, as a page or milestone model has them."""
    fields = SimpleNamespace(
        date_precision="month",
        date_start=date(2024, 6, 1),
        date_end=None,
        date_week=None,
        date_part="",
        date_tentative=False,
        held_start=held_start,
        held_end=held_end,
    )
    return SimpleNamespace(
        when=HonestDateFields.when.fget(fields),
        held=HonestDateFields.held.fget(fields),
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "third week of November 2024"), ("fr", "troisième semaine de novembre 2024")],
)
def test_honest_date_filter_formats_in_the_active_language(language, expected):
    when = HonestDate(P.WEEK_OF_MONTH, date(2024, 11, 1), week=3)
    assert render("{{ when|honest_date }}", language, when=when) == expected


def test_honest_date_filter_reads_the_when_of_a_milestone():
    assert render("{{ m|honest_date }}", "ar", m=milestone()) == "حزيران/يونيو 2024"


@pytest.mark.parametrize(
    "value",
    [date(2024, 7, 2), timezone.make_aware(datetime(2024, 7, 2, 9, 0)), datetime(2024, 7, 2, 9, 0)],
)
def test_honest_date_filter_writes_a_plain_date_as_a_day(value):
    assert render("{{ value|honest_date }}", "fr", value=value) == "2 juillet 2024"


def test_honest_date_filter_is_empty_for_nothing():
    assert render("{{ value|honest_date }}", "en", value=None) == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "held 2 July 2024"),
        ("fr", "a eu lieu le 2 juillet 2024"),
        ("ar", "تاريخ الانعقاد: 2 تموز/يوليو 2024"),
    ],
)
def test_honest_held_says_when_it_actually_took_place(language, expected):
    assert render("{{ m|honest_held }}", language, m=milestone(held_start=date(2024, 7, 2))) == expected


def test_honest_held_gives_a_range_of_days():
    m = milestone(held_start=date(2024, 7, 3), held_end=date(2024, 7, 4))
    assert render("{{ m|honest_held }}", "en", m=m) == "held 3–4 July 2024"


def test_honest_held_is_empty_before_it_takes_place():
    assert render("{{ m|honest_held }}", "en", m=milestone()) == ""
    assert render("{{ m|honest_held }}", "en", m=date(2024, 7, 2)) == ""
