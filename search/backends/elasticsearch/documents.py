"""The Elasticsearch contribution document: fields, analysis and index names.

Every text field is indexed four times (multi-fields): once per language —
Arabic, French, English — and once "folded" (no stemming, accents and Arabic
letter variants folded). A contribution's language is metadata, not a promise:
a French report quotes English, an Arabic post names a French programme, so a
query searches every sub-field and the best one wins.

Index names: each build is a new concrete index ``hub-contributions-<utc
timestamp>`` behind the alias ``hub-contributions``, which every search and
every write goes through; a rebuild swaps the alias in one atomic call.
"""

from datetime import UTC, datetime

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    MetaField,
    Text,
    analyzer,
    token_filter,
)

ALIAS = "hub-contributions"
INDEX_PREFIX = f"{ALIAS}-"

# Highlighting analyses stored text again; past this many characters it
# stops instead of failing the whole search (a 1.2 MB imported report must
# not break search for everyone, BI6). Also the index's own bound.
MAX_ANALYZED_OFFSET = 1_000_000
# What a request asks for: strictly below the index bound, so highlighting a
# longer text stops there instead of failing the request.
HIGHLIGHT_MAX_ANALYZED_OFFSET = MAX_ANALYZED_OFFSET - 1

# ---------------------------------------------------------------- analysis
# Built-in token filters only: no plugin (ICU, Smart Chinese…) is assumed on
# the cluster. Arabic follows the built-in ``arabic`` analyser's chain, minus
# its keyword marker, so normalisation (hamza/alef forms, ta marbuta, alef
# maqsura, diacritics, tatweel) happens before the light stemmer.
arabic_stop = token_filter("hub_arabic_stop", "stop", stopwords="_arabic_")
arabic_stemmer = token_filter("hub_arabic_stemmer", "stemmer", language="arabic")
french_elision = token_filter(
    "hub_french_elision",
    "elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
french_stop = token_filter("hub_french_stop", "stop", stopwords="_french_")
french_stemmer = token_filter("hub_french_stemmer", "stemmer", language="light_french")
english_possessive = token_filter("hub_english_possessive", "stemmer", language="possessive_english")
english_stop = token_filter("hub_english_stop", "stop", stopwords="_english_")
english_stemmer = token_filter("hub_english_stemmer", "stemmer", language="english")

arabic_analyzer = analyzer(
    "hub_arabic",
    tokenizer="standard",
    filter=["lowercase", "decimal_digit", arabic_stop, "arabic_normalization", arabic_stemmer],
)
french_analyzer = analyzer(
    "hub_french",
    tokenizer="standard",
    filter=[french_elision, "lowercase", french_stop, french_stemmer],
)
english_analyzer = analyzer(
    "hub_english",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", english_stop, english_stemmer],
)
# Exact words in any script, spelling variants folded: what a query for a
# proper name or an unusual word needs when stemmers would mangle it.
folded_analyzer = analyzer(
    "hub_folded",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", "decimal_digit", "arabic_normalization"],
)

LANGUAGE_SUBFIELDS = ("ar", "fr", "en", "folded")


def multilingual_text():
    # The field itself is only stored text (for highlighting); searches go
    # through its per-language sub-fields.
    return Text(
        index=False,
        fields={
            "ar": Text(analyzer=arabic_analyzer),
            "fr": Text(analyzer=french_analyzer),
            "en": Text(analyzer=english_analyzer),
            "folded": Text(analyzer=folded_analyzer),
        },
    )


class ContributionDocument(Document):
    """One contribution (one forum post) as Elasticsearch stores it; ``_id`` is the post id."""

    post_id = Long(required=True)
    topic_id = Long()
    forum_id = Long()
    subject = multilingual_text()
    body = multilingual_text()
    attachment_text = multilingual_text()
    # The first words of the body, shown when a hit has no highlighted passage
    # (browsing without query text); stored only, never searched.
    summary = Keyword(index=False, doc_values=False)
    region = Keyword()
    type = Keyword()
    objectives = Integer(multi=True)
    language = Keyword()
    stakeholder_group = Keyword()
    organisation = Keyword(fields={"text": Text(analyzer=folded_analyzer)})
    country = Keyword()
    author_name = Keyword(fields={"text": Text(analyzer=folded_analyzer)})
    created = Date()
    external_id = Keyword()
    has_attachment = Boolean()
    # forum.visibility.is_public; the readable-forum check is per viewer.
    visible = Boolean()
    # search.campaigns: the post's campaign, and false for a member a collapsed search hides.
    campaign = Long()
    campaign_representative = Boolean()
    # Hash of every other field, so ``verify`` compares database and index
    # per id without reading whole documents back.
    digest = Keyword(index=False)

    class Meta:
        # A field the code does not know is a bug to surface, not to index.
        dynamic = MetaField("strict")

    class Index:
        name = ALIAS
        settings = {
            "number_of_shards": 1,
            "highlight": {"max_analyzed_offset": MAX_ANALYZED_OFFSET},
            # Totals and facet counts beyond 10k are exact (track_total_hits);
            # this only bounds from+size paging.
            "max_result_window": 10_000,
        }


def new_index_name(now=None):
    """A fresh concrete index name; microseconds keep two rebuilds in one second apart."""
    now = now or datetime.now(UTC)
    return f"{INDEX_PREFIX}{now:%Y%m%d%H%M%S%f}"


def index_for(name):
    """The contribution index (mappings + analysis) under a concrete name."""
    return ContributionDocument._index.clone(name=name)
