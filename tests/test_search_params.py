"""Search parameters: a shared URL reads back into the same query; bad values never raise."""

from datetime import date

from django.http import QueryDict

from search.params import params_from_query, query_from_params
from search.query import Sort


def test_every_parameter_reads_into_the_query_and_back():
    params = QueryDict(
        "q=مهاجرين&region=arab-states&objective=5&objective=6&group=civil-society&country=jo"
        "&language=ar&type=recommendation&topic=12&from=2024-01-01&to=2024-06-30&attachment=yes&sort=newest&page=2"
    )
    query, errors = query_from_params(params)
    assert errors == []
    assert query.text == "مهاجرين"
    assert query.objectives == {5, 6} and query.countries == {"JO"} and query.topics == {12}
    assert (query.date_from, query.date_to) == (date(2024, 1, 1), date(2024, 6, 30))
    assert query.has_attachment is True and query.sort == Sort.NEWEST and query.page == 2
    again, _ = query_from_params(dict_of(params_from_query(query)))
    assert again == query


def dict_of(pairs):
    q = QueryDict(mutable=True)
    for key, value in pairs:
        q.appendlist(key, value)
    return q


def test_bad_values_are_dropped_with_a_message():
    query, errors = query_from_params(QueryDict("objective=five&from=yesterday&page=-3&sort=sideways&q=%00x"))
    assert query.objectives == frozenset() and query.date_from is None
    assert query.page == 1 and query.text == "x" and query.sort == Sort.RELEVANCE
    assert len(errors) == 2


def test_a_huge_query_is_cut_not_refused():
    query, _ = query_from_params(QueryDict(f"q={'x' * 100_000}"))
    assert len(query.text) == 500


def test_changes_replace_or_remove_a_parameter():
    query, _ = query_from_params(QueryDict("q=work&objective=5&objective=6&page=3"))
    assert ("page", "4") in params_from_query(query, page=4)
    assert [v for k, v in params_from_query(query, objective=[6]) if k == "objective"] == ["6"]
    assert not [k for k, _v in params_from_query(query, objective=None) if k == "objective"]
