"""schemathesis throws requests generated from the OpenAPI document at the
JSON API (in process, through Django's WSGI handler): no answer is a server
error, and every answer has a status, a content type and a body that the
document describes."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.search_corpus import make_corpus

document = SchemaGenerator(urlconf="search.http.api_urls").get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(document)
application = get_wsgi_application()


@pytest.fixture
def corpus(db):
    return make_corpus()


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@override_settings(SEARCH_API_RATE_LIMITS={"anonymous": "100000/m", "authenticated": "100000/m"})
@pytest.mark.django_db
def test_generated_requests_get_described_answers(case, corpus):
    case.call_and_validate(
        app=application,
        base_url="http://testserver/api/v1",
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
