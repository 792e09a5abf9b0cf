"""What the JSON API answers, as Django REST framework serializers.

They write each answer (from a ``SearchResult`` and its ``Hit`` s) and
drf-spectacular reads them to describe it in the OpenAPI document, so the
description cannot drift from the answer. Developers read it: it stays in
English.
"""

from rest_framework import serializers

from search.query import FACETS


class AbsoluteAddressField(serializers.CharField):
    """A site path, answered as an absolute address on the host that was asked."""

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value)


class IsoDateTimeField(serializers.DateTimeField):
    """The moment as ``datetime.isoformat`` writes it (``+00:00``, as the API always has)."""

    def to_representation(self, value):
        return value.isoformat()


class TopicSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="topic_id")
    subject = serializers.CharField(source="topic_subject")


class ThroughConceptSerializer(serializers.Serializer):
    concept = serializers.CharField(help_text="The thesaurus concept's key, such as remittances.")
    label = serializers.CharField(help_text="Its preferred term in the language of the request.")
    terms = serializers.ListField(
        child=serializers.CharField(), help_text="The concept's terms found in the contribution."
    )


class CampaignSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        help_text="The campaign's id: pass it as campaign= to list its contributions."
    )
    size = serializers.IntegerField(min_value=2, help_text="How many contributions it groups.")

    def to_representation(self, instance):
        campaign_id, size = instance
        return {"id": campaign_id, "size": size}


class ContributionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="post_id", help_text="The post's id.")
    external_id = serializers.CharField(allow_null=True, help_text="Id in the system it was imported from.")
    url = AbsoluteAddressField(help_text="The post in its discussion.")
    region = serializers.CharField(help_text="Region slug.")
    topic = TopicSerializer(source="*")
    type = serializers.CharField()
    objectives = serializers.ListField(child=serializers.IntegerField())
    language = serializers.CharField()
    stakeholder_group = serializers.CharField(allow_null=True, help_text="Stakeholder group slug.")
    organisation = serializers.CharField()
    country = serializers.CharField(allow_null=True, help_text="ISO 3166-1 alpha-2 code.")
    created = IsoDateTimeField()
    has_attachment = serializers.BooleanField()
    campaign = CampaignSerializer(
        allow_null=True,
        help_text=(
            "null, or the campaign this contribution belongs to: near-identical contributions "
            "from different authors, counted as one voice."
        ),
    )
    snippet = serializers.CharField(
        help_text=(
            "Plain text around the first match; matched words are wrapped in « and ». "
            "Not HTML: escape it before display."
        )
    )
    matched_through = ThroughConceptSerializer(
        source="through",
        many=True,
        help_text=(
            "Empty when the contribution matched the query's own words; otherwise the thesaurus "
            "concepts through which cross-language search found it (see the crosslanguage parameter)."
        ),
    )


class FacetCountSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField(min_value=0)


class FacetsSerializer(serializers.Serializer):
    """For every filter dimension, the values found with their counts. Each dimension
    ignores its own filter, so the other values show what choosing them would add."""

    def get_fields(self):
        return {name: FacetCountSerializer(many=True, required=False) for name in FACETS}

    def to_representation(self, instance):
        return {name: FacetCountSerializer(counts, many=True).data for name, counts in instance.items()}


class ContributionListSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Matching contributions the caller may see.")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ContributionSerializer(many=True)
    facets = FacetsSerializer()
    facets_capped = serializers.BooleanField(
        help_text="True when a very broad query's facets count only its newest matches."
    )
    ranking_capped = serializers.BooleanField(
        help_text="True when only the newest matches of a very broad query were ranked."
    )
    errors = serializers.ListField(
        child=serializers.CharField(),
        help_text="Parameters that were ignored, and why (the search still ran).",
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.CharField(), required=False)
