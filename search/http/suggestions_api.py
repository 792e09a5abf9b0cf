"""``POST /api/v1/objective-suggestions/``: the GCM objectives a text most
likely speaks to, best first, each with a score from 0 to 1.

The posting form asks it as the author writes; scripts may too. It answers
signed-in accounts (the session, with its CSRF token) and API tokens: it
reveals no contribution, but it costs a model's run, so it has its own limit
per account (``OBJECTIVE_SUGGESTION_RATE_LIMIT``), and anonymous callers are
refused rather than counted.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from search import ratelimit
from search.http.auth import ApiTokenAuthentication
from search.http.json_api import answer_refusals
from search.http.serializers import ErrorSerializer
from search.suggestions.suggest import MAX_SUGGESTIONS, MAX_TEXT_CHARS, suggest

LANGUAGES = ("ar", "en", "fr")


class SuggestionRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text=f"Subject and text; only the first {MAX_TEXT_CHARS} characters are read.",
        error_messages={
            "required": _("Send the text to suggest objectives for."),
            "blank": _("Send the text to suggest objectives for."),
            "invalid": _("The text must be a string."),
            "null": _("Send the text to suggest objectives for."),
        },
    )
    language = serializers.ChoiceField(
        choices=LANGUAGES,
        help_text="The language the text is written in: ar, en or fr.",
        error_messages={
            "required": _("Say which language the text is in: ar, en or fr."),
            "invalid_choice": _("The language must be ar, en or fr."),
            "null": _("Say which language the text is in: ar, en or fr."),
        },
    )


class SuggestionSerializer(serializers.Serializer):
    objective = serializers.IntegerField(min_value=1, max_value=23, help_text="GCM objective number.")
    score = serializers.FloatField(
        min_value=0, max_value=1, help_text="How likely the text speaks to it, from 0 to 1."
    )


class SuggestionListSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(
        many=True,
        help_text=f"At most {MAX_SUGGESTIONS}, best first; empty when no word of the text is known.",
    )


class SuggestionThrottle(BaseThrottle):
    """Counted per account in the durable cache, like the contributions API."""

    def allow_request(self, request, view):
        key = ratelimit.viewer_key(request, request.user)
        limit = settings.OBJECTIVE_SUGGESTION_RATE_LIMIT
        self.seconds = ratelimit.consume("objective-suggestions", key, limit)
        return not self.seconds

    def wait(self):
        return self.seconds


def _messages(detail):
    """Every message of a DRF validation error, flattened, in order."""
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def answer_refusals_and_errors(exc, context):
    response = answer_refusals(exc, context)
    if isinstance(exc, ValidationError) and response is not None:
        messages = _messages(exc.detail)
        response.data = {"detail": messages[0] if messages else "", "errors": messages}
    return response


class ObjectiveSuggestionsView(APIView):
    """Suggest GCM objectives for a text."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [SuggestionThrottle]
    renderer_classes = [JSONRenderer]
    http_method_names = ["post"]

    def get_exception_handler(self):
        return answer_refusals_and_errors

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    @extend_schema(
        operation_id="suggestObjectives",
        summary="Suggest GCM objectives for a text",
        request=SuggestionRequestSerializer,
        responses={
            200: SuggestionListSerializer,
            400: OpenApiResponse(ErrorSerializer, description="The text or language is missing or wrong."),
            401: OpenApiResponse(
                ErrorSerializer, description="Sign in or send a valid API token: anonymous calls are refused."
            ),
            403: OpenApiResponse(ErrorSerializer, description="A session call without its CSRF token."),
            429: OpenApiResponse(ErrorSerializer, description="Too many requests: wait Retry-After seconds."),
        },
        examples=[
            OpenApiExample(
                "An English recommendation",
                value={"text": "Abolish recruitment fees charged to migrant workers.", "language": "en"},
                request_only=True,
            ),
            OpenApiExample(
                "Its suggestions",
                value={"suggestions": [{"objective": 6, "score": 0.71}, {"objective": 10, "score": 0.08}]},
                response_only=True,
            ),
        ],
    )
    def post(self, request):
        data = SuggestionRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = suggest(data.validated_data["text"], data.validated_data["language"])
        answer = {"suggestions": [{"objective": s.objective, "score": round(s.score, 4)} for s in found]}
        return Response(SuggestionListSerializer(answer).data)


objective_suggestions = ObjectiveSuggestionsView.as_view()
