"""The JSON API answers as it always has: answers recorded on the test corpus
(tests/data/json_api_answers.json) are compared, as JSON, with today's.

Ids and addresses differ from one database to the next, so each post and
topic id is written as the corpus name of its contribution before comparing.
To record again after a deliberate change of the API:
``RECORD_API_ANSWERS=1 pytest tests/test_search_json_api_answers.py``.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from search.models import ApiToken
from tests.search_corpus import make_corpus

pytestmark = pytest.mark.django_db

RECORDED = Path(__file__).parent / "data" / "json_api_answers.json"
URL = "/api/v1/contributions/"

QUERIES = [
    {},
    {"q": "workers"},
    {"q": "visas", "sort": "newest"},
    {"q": "العمال"},
    {"q": "travailleurs", "language": "fr"},
    {"region": ["africa", "europe"], "objective": "6"},
    {"group": "academia", "country": "SN"},
    {"type": "recommendation", "from": "2024-01-01", "to": "2024-12-31"},
    {"attachment": "no", "page_size": "2"},
    {"page_size": "2", "page": "2"},
    {"page": "9"},
    {"from": "yesterday", "page_size": "1000", "objective": "abc"},
    {"q": '"unbalanced AND OR NOT title:visas NEAR(a b) *'},
]


def normalised(data, names):
    """``data`` with every post and topic id replaced by its corpus name, and
    the day of the contributions the corpus writes today by "today"."""
    posts, topics = names
    today = timezone.now().date().isoformat()

    def name(number, within=posts):
        return within.get(int(number), str(number))

    def digits(match):
        return [g for g in match.groups() if g and g.isdigit()]

    def address(url):
        return re.sub(
            r"/topic/([^/]*)-(\d+)/\?post=(\d+)#post(\d+)|/topic/([^/]*)-(\d+)/\?post=(\d+)#(\d+)",
            lambda m: "/topic/{}/?post={}".format(
                *[name(g, within) for g, within in zip(digits(m), (topics, posts), strict=False)]
            ),
            url,
        )

    for hit in data.get("results", ()):
        hit["id"], hit["topic"]["id"] = name(hit["id"]), name(hit["topic"]["id"], topics)
        hit["url"] = address(hit["url"])
        if hit["created"].startswith(today):
            hit["created"] = "today"
    for facet in data.get("facets", {}).get("topic", ()):
        facet["value"] = name(facet["value"], topics)
    return data


def answer(client, params, names, **headers):
    response = client.get(URL, params, headers=headers)
    return {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "authenticate": response.get("WWW-Authenticate"),
        "body": normalised(response.json(), names),
    }


@override_settings(SEARCH_API_RATE_LIMITS={"anonymous": "1000/m", "authenticated": "1000/m"})
def test_the_answers_are_those_recorded(client, staff_user):
    posts, hidden = make_corpus()
    every = {**posts, **hidden}
    names = (
        {post.pk: f"post:{name}" for name, post in every.items()},
        {post.topic_id: f"topic:{name}" for name, post in every.items()},
    )
    _token, key = ApiToken.objects.create_token(staff_user, "recorded")
    answers = {}
    for n, params in enumerate(QUERIES):
        answers[f"anonymous {n}: {json.dumps(params, ensure_ascii=False)}"] = answer(client, params, names)
        answers[f"token {n}: {json.dumps(params, ensure_ascii=False)}"] = answer(
            client, params, names, Authorization=f"Token {key}"
        )
    answers["bad token"] = answer(client, {}, names, Authorization="Token not-a-key")
    with override_settings(SEARCH_API_RATE_LIMITS={"anonymous": "1/m"}):
        client.get(URL, {"q": "first"}, headers={"X-Forwarded-For": "203.0.113.9"})
        limited = answer(client, {}, names)
        limited["retry_after"] = limited["retry_after"] is not None
        # The wait is what is left of the rate window: any number, "1 second" included.
        waiting = re.sub(r"\d+ seconds?", "N seconds", json.dumps(limited["body"]))
        limited["body"] = json.loads(re.sub(r"\d+", "N", waiting))
        answers["over the limit"] = limited
    if os.environ.get("RECORD_API_ANSWERS"):
        RECORDED.write_text(json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    recorded = json.loads(RECORDED.read_text())
    assert answers.keys() == recorded.keys()
    for key, value in answers.items():
        assert value == recorded[key], key
