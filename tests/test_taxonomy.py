"""The shared taxonomy: loaded in three languages, stable slugs, one region per
country, and editable as translated snippets in the Wagtail admin."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from hub.models import Country, GcmObjective, GuidingPrinciple, Region, StakeholderGroup
from hub.taxonomy.data import (
    GUIDING_PRINCIPLES,
    OBJECTIVES,
    REGIONS,
    STAKEHOLDER_GROUPS,
    load_taxonomy,
)

pytestmark = pytest.mark.django_db

TERM_MODELS = {
    Region: (5, REGIONS),
    GcmObjective: (23, OBJECTIVES),
    GuidingPrinciple: (10, GUIDING_PRINCIPLES),
    StakeholderGroup: (15, STAKEHOLDER_GROUPS),
}
LANGUAGES = ["en", "ar", "fr"]
NETWORK_COUNTRIES = {
    "DZ",
    "BH",
    "DJ",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MR",
    "QA",
    "SA",
    "SO",
    "SD",
    "TN",
    "AE",
    "YE",
}


@pytest.fixture(autouse=True)
def taxonomy():
    return load_taxonomy()


def rows(model, language):
    return model.objects.filter(locale__language_code=language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", TERM_MODELS, ids=lambda model: model.__name__)
def test_each_language_has_every_term(model, language):
    expected, _entries = TERM_MODELS[model]
    assert rows(model, language).count() == expected


def test_all_un_member_states_are_countries():
    assert Country.objects.count() == 194


@pytest.mark.parametrize("model", TERM_MODELS, ids=lambda model: model.__name__)
def test_slugs_are_the_same_in_every_language(model):
    slugs = {language: list(rows(model, language).values_list("slug", flat=True)) for language in LANGUAGES}
    assert slugs["ar"] == slugs["en"] == slugs["fr"]


def test_region_slugs_are_the_published_ones():
    assert list(rows(Region, "en").values_list("slug", flat=True)) == [
        "africa",
        "arab-states",
        "asia-pacific",
        "europe",
        "latin-america-caribbean",
    ]


def test_stakeholder_groups_keep_their_order():
    assert list(rows(StakeholderGroup, "en").values_list("slug", flat=True)) == [
        "migrants",
        "civil-society",
        "migrant-and-diaspora-organisations",
        "faith-based-organisations",
        "local-authorities",
        "private-sector",
        "trade-unions",
        "parliamentarians",
        "national-human-rights-institutions",
        "red-cross-red-crescent",
        "academia",
        "media",
        "children-and-youth",
        "un-system",
        "other",
    ]


def test_objectives_are_numbered_one_to_twenty_three():
    assert list(rows(GcmObjective, "ar").values_list("number", flat=True)) == list(range(1, 24))


@pytest.mark.parametrize("model", TERM_MODELS, ids=lambda model: model.__name__)
def test_arabic_names_are_arabic_translations(model):
    english = dict(rows(model, "en").values_list("slug", "name"))
    for slug, name in rows(model, "ar").values_list("slug", "name"):
        assert name != english[slug]
        assert any("\u0600" <= character <= "\u06ff" for character in name), name


@pytest.mark.parametrize("model", TERM_MODELS, ids=lambda model: model.__name__)
def test_translations_share_the_english_rows_translation_key(model):
    for source in rows(model, "en"):
        translations = {row.locale.language_code: row for row in source.get_translations(inclusive=True)}
        assert set(translations) == set(LANGUAGES)
        assert {row.slug for row in translations.values()} == {source.slug}


@pytest.mark.parametrize("model", [*TERM_MODELS, Country], ids=lambda model: model.__name__)
def test_every_text_fits_its_column(model):
    # SQLite does not enforce max_length; PostgreSQL would reject the load.
    char_fields = [
        f for f in model._meta.concrete_fields if f.get_internal_type() in ("CharField", "SlugField")
    ]
    for instance in model.objects.all():
        for field in char_fields:
            assert len(str(field.value_from_object(instance))) <= field.max_length, (instance, field.name)


def test_every_country_has_an_english_region():
    english = Locale.objects.get(language_code="en")
    assert not Country.objects.exclude(region__locale=english).exists()


def test_each_region_has_countries():
    counts = {region.slug: region.countries.count() for region in rows(Region, "en")}
    assert counts == {
        "africa": 44,
        "arab-states": 22,
        "asia-pacific": 39,
        "europe": 56,
        "latin-america-caribbean": 33,
    }


def test_the_sixteen_un_country_networks_are_in_the_arab_states():
    networks = Country.objects.with_un_country_network()
    assert {str(country.code) for country in networks} == NETWORK_COUNTRIES
    assert set(networks.values_list("region__slug", flat=True)) == {"arab-states"}


def test_league_of_arab_states_members_in_africa_belong_to_the_arab_states():
    for code in ("EG", "MA", "DZ", "SD", "SO", "KM"):
        assert Country.objects.get(code=code).region.slug == "arab-states"
    assert Country.objects.get(code="TR").region.slug == "europe"
    assert Country.objects.get(code="KZ").region.slug == "europe"
    assert Country.objects.get(code="IL").region.slug == "europe"


def test_loading_twice_changes_nothing(taxonomy):
    assert sum(count.created for count in taxonomy.values()) in (0, 352)
    before = {model: sorted(model.objects.values_list("pk", "translation_key")) for model in TERM_MODELS}
    again = load_taxonomy()
    assert all(count.created == count.updated == 0 for count in again.values())
    assert sum(count.unchanged for name, count in again.items() if name != "thesaurus concepts") == 159 + 194
    after = {model: sorted(model.objects.values_list("pk", "translation_key")) for model in TERM_MODELS}
    assert before == after


def test_loading_again_restores_changed_names_and_regions():
    arabic = Region.objects.get(slug="africa", locale__language_code="ar")
    arabic.name = "اسم قديم"
    arabic.save()
    Country.objects.filter(code="JO").update(
        region=Region.objects.get(slug="europe", locale__language_code="en")
    )
    counts = load_taxonomy()
    assert counts["regions"].updated == 1
    assert counts["countries"].updated == 1
    assert Region.objects.get(pk=arabic.pk).name == "أفريقيا"
    assert Country.objects.get(code="JO").region.slug == "arab-states"


def test_get_by_slug_follows_the_active_language():
    with translation.override("fr"):
        assert Region.get_by_slug("arab-states").name == "États arabes"
    with translation.override("ar"):
        assert GcmObjective.get_by_slug("remittances").number == 20


def test_get_by_slug_falls_back_to_english():
    english = StakeholderGroup.objects.get(slug="media", locale__language_code="en")
    StakeholderGroup.objects.filter(slug="media").exclude(pk=english.pk).delete()
    with translation.override("ar"):
        assert StakeholderGroup.get_by_slug("media") == english
    with pytest.raises(StakeholderGroup.DoesNotExist):
        StakeholderGroup.get_by_slug("no-such-group")


def test_countries_for_a_region_by_slug_or_translated_row():
    arabic_region = Region.objects.get(slug="arab-states", locale__language_code="ar")
    by_slug = set(Country.objects.for_region("arab-states"))
    assert by_slug == set(Country.objects.for_region(arabic_region))
    assert len(by_slug) == 22


def test_country_region_follows_the_language():
    jordan = Country.objects.get(code="JO")
    with translation.override("ar"):
        assert jordan.localized_region.name == "الدول العربية"
        assert jordan.name == "الأردن"


def test_search_index_knows_the_loaded_terms():
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search("أفريقيا", Region)
    assert [region.slug for region in results] == ["africa"]


# ---------------------------------------------------------------- admin

ADMIN_MODELS = ["region", "gcmobjective", "guidingprinciple", "stakeholdergroup", "country"]


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize("model_name", ADMIN_MODELS)
def test_taxonomy_lists_open_in_the_admin(admin_client, model_name):
    response = admin_client.get(reverse(f"wagtailsnippets_hub_{model_name}:list"))
    assert response.status_code == 200


TAXONOMY_LISTS = ["Regions", "GCM objectives", "Guiding principles", "Stakeholder groups", "Countries"]


def sidebar_labels(admin_client):
    """The labels of the admin sidebar's menu, in order (Wagtail writes them as JSON)."""
    content = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    return re.findall(r'"label": "([^"]+)"', content)


def test_taxonomy_menu_groups_the_snippets(admin_client):
    labels = sidebar_labels(admin_client)
    # "Taxonomy" is a menu of its own, holding the five lists (as the README says).
    start = labels.index("Taxonomy") + 1
    assert labels[start : start + 5] == TAXONOMY_LISTS


def test_the_snippets_index_lists_the_taxonomy_for_a_superuser(admin_client):
    assert "Snippets" in sidebar_labels(admin_client)
    response = admin_client.get(reverse("wagtailsnippets:index"))
    assert response.status_code == 200
    content = response.content.decode()
    for model_name, label in zip(ADMIN_MODELS, TAXONOMY_LISTS, strict=True):
        url = reverse(f"wagtailsnippets_hub_{model_name}:list")
        assert re.search(rf'href="{url}"[^>]*>\s*{label}', content)


def test_term_lists_filter_by_locale(admin_client):
    url = reverse("wagtailsnippets_hub_gcmobjective:list")
    content = admin_client.get(url, {"locale": "ar"}).content.decode()
    assert "التحويلات المالية والشمول المالي" in content
    assert "Remittances and financial inclusion" not in content


def test_arabic_translation_opens_in_the_snippet_editor(admin_client):
    arabic = Region.objects.get(slug="arab-states", locale__language_code="ar")
    response = admin_client.get(reverse("wagtailsnippets_hub_region:edit", args=[arabic.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "الدول العربية" in content
    # The locale switcher links the other languages' rows of the same term.
    english = Region.objects.get(slug="arab-states", locale__language_code="en")
    assert reverse("wagtailsnippets_hub_region:edit", args=[english.pk]) in content


def test_country_list_filters_by_region(admin_client):
    arab_states = Region.objects.get(slug="arab-states", locale__language_code="en")
    response = admin_client.get(reverse("wagtailsnippets_hub_country:list"), {"region": arab_states.pk})
    assert response.status_code == 200
    assert response.context["object_list"].count() == 22


def test_country_list_searches_country_names(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_hub_country:list"), {"q": "jord"})
    assert [str(country.code) for country in response.context["object_list"]] == ["JO"]


def test_country_editor_offers_only_english_regions(admin_client):
    jordan = Country.objects.get(code="JO")
    response = admin_client.get(reverse("wagtailsnippets_hub_country:edit", args=[jordan.pk]))
    assert response.status_code == 200
    assert set(response.context["form"].fields["region"].queryset) == set(rows(Region, "en"))
