"""The JSON API's OpenAPI 3.1 description, written by hand.

Hand-written rather than generated: the API is one endpoint, and a
generator would need a framework the site does not otherwise use. A test
checks that it is valid OpenAPI and names every parameter the view reads
(``search.http.json_api.PARAMETERS``). It is for developers and stays in English.
"""

from django.conf import settings

from search.query import FACETS, MAX_PAGE_SIZE, MAX_QUERY_CHARS, PAGE_SIZE, Sort


def _string_list(description, example=None, item=None):
    schema = {"type": "array", "items": item or {"type": "string"}}
    parameter = {
        "in": "query",
        "description": description,
        "schema": schema,
        "style": "form",
        "explode": True,
    }
    if example is not None:
        parameter["example"] = example
    return parameter


PARAMETERS = {
    "q": {
        "in": "query",
        "description": (
            "Words to find, in Arabic, French or English. Arabic spelling variants (hamza and alef "
            "forms, ta marbuta, alef maqsura, diacritics, tatweel) and common prefixes and suffixes "
            "match; French and English words match their other forms. All words must match. "
            f"Longer than {MAX_QUERY_CHARS} characters is cut. No operators: every character is text."
        ),
        "schema": {"type": "string"},
        "example": "عمال موسميين",
    },
    "region": _string_list("Region slug; repeat to match any of several.", ["arab-states"]),
    "topic": _string_list("Topic (discussion) id; repeat for several.", None, {"type": "integer"}),
    "objective": _string_list(
        "GCM objective number (1–23); repeat for several.", [5, 6], {"type": "integer", "minimum": 1}
    ),
    "group": _string_list("Stakeholder group slug; repeat for several.", ["civil-society"]),
    "country": _string_list("ISO 3166-1 alpha-2 country code; repeat for several.", ["SN"]),
    "language": _string_list("Language of the contribution: ar, en or fr; repeat for several.", ["ar"]),
    "type": _string_list(
        "Contribution type: comment, recommendation, good-practice, report, pledge or question.",
        ["recommendation"],
    ),
    "from": {
        "in": "query",
        "description": "Posted on or after this day (YYYY-MM-DD, UTC).",
        "schema": {"type": "string", "format": "date"},
    },
    "to": {
        "in": "query",
        "description": "Posted on or before this day (YYYY-MM-DD, UTC, inclusive).",
        "schema": {"type": "string", "format": "date"},
    },
    "attachment": {
        "in": "query",
        "description": "yes: only contributions with an attached file; no: only those without.",
        "schema": {"type": "string", "enum": ["yes", "no"]},
    },
    "sort": {
        "in": "query",
        "description": "relevance (the default when q is given) or newest (the default otherwise).",
        "schema": {"type": "string", "enum": [str(s) for s in Sort]},
    },
    "page": {
        "in": "query",
        "description": "Page number, from 1.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1},
    },
    "page_size": {
        "in": "query",
        "description": "Results per page.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
    },
}

_NULLABLE_STRING = {"type": ["string", "null"]}

SCHEMAS = {
    "Contribution": {
        "type": "object",
        "required": [
            "id",
            "external_id",
            "url",
            "region",
            "topic",
            "type",
            "objectives",
            "language",
            "stakeholder_group",
            "organisation",
            "country",
            "created",
            "has_attachment",
            "snippet",
        ],
        "properties": {
            "id": {"type": "integer", "description": "The post's id."},
            "external_id": {**_NULLABLE_STRING, "description": "Id in the system it was imported from."},
            "url": {"type": "string", "format": "uri", "description": "The post in its discussion."},
            "region": {"type": "string", "description": "Region slug."},
            "topic": {
                "type": "object",
                "required": ["id", "subject"],
                "properties": {"id": {"type": "integer"}, "subject": {"type": "string"}},
            },
            "type": {"type": "string"},
            "objectives": {"type": "array", "items": {"type": "integer"}},
            "language": {"type": "string"},
            "stakeholder_group": {**_NULLABLE_STRING, "description": "Stakeholder group slug."},
            "organisation": {"type": "string"},
            "country": {**_NULLABLE_STRING, "description": "ISO 3166-1 alpha-2 code."},
            "created": {"type": "string", "format": "date-time"},
            "has_attachment": {"type": "boolean"},
            "snippet": {
                "type": "string",
                "description": (
                    "Plain text around the first match; matched words are wrapped in « and ». "
                    "Not HTML: escape it before display."
                ),
            },
        },
    },
    "FacetCount": {
        "type": "object",
        "required": ["value", "count"],
        "properties": {"value": {"type": "string"}, "count": {"type": "integer", "minimum": 0}},
    },
    "ContributionList": {
        "type": "object",
        "required": ["count", "page", "page_size", "next", "previous", "results", "facets", "errors"],
        "properties": {
            "count": {"type": "integer", "description": "Matching contributions the caller may see."},
            "page": {"type": "integer"},
            "page_size": {"type": "integer"},
            "next": {"type": ["string", "null"], "format": "uri"},
            "previous": {"type": ["string", "null"], "format": "uri"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Contribution"}},
            "facets": {
                "type": "object",
                "description": (
                    "For every filter dimension, the values found with their counts. Each dimension "
                    "ignores its own filter, so the other values show what choosing them would add."
                ),
                "properties": {
                    name: {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}}
                    for name in FACETS
                },
            },
            "facets_capped": {
                "type": "boolean",
                "description": "True when a very broad query's facets count only its newest matches.",
            },
            "ranking_capped": {
                "type": "boolean",
                "description": "True when only the newest matches of a very broad query were ranked.",
            },
            "errors": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Parameters that were ignored, and why (the search still ran).",
            },
        },
    },
    "Error": {
        "type": "object",
        "required": ["detail"],
        "properties": {
            "detail": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def _error(description, *headers):
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        response["headers"] = {
            name: {"schema": {"type": "integer"}, "description": "Seconds to wait before trying again."}
            for name in headers
        }
    return response


def openapi_document():
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Migration Network Hub contributions API",
            "version": "1.0.0",
            "description": (
                "Search the stakeholder contributions to the regional reviews of the Global Compact "
                "for Migration. Anonymous callers see approved contributions in public spaces; signed-in "
                "users (browser session) and API tokens see what their account may read. Requests are "
                "rate-limited per address (anonymous) or per account; over the limit the answer is 429 "
                "with Retry-After."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/contributions/": {
                "get": {
                    "operationId": "listContributions",
                    "summary": "Search contributions",
                    "parameters": [{"name": name, **spec} for name, spec in PARAMETERS.items()],
                    "security": [{}, {"token": []}, {"session": []}],
                    "responses": {
                        "200": {
                            "description": "One page of matches, the total and facet counts.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ContributionList"}
                                }
                            },
                        },
                        "401": _error("The API token is not valid."),
                        "429": _error("Too many requests.", "Retry-After"),
                        "503": _error("The search engine is temporarily unavailable.", "Retry-After"),
                    },
                }
            }
        },
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": (
                        "`Authorization: Token <key>`; keys are made with `manage.py api_token create`."
                    ),
                },
                "session": {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME},
            },
        },
    }
