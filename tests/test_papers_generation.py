"""Generating an analysis paper: the frozen set, its figures, themes,
quotations and the draft page, and the command that does it all."""

import html
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.utils import translation
from machina.core.db.models import get_model
from wagtail.models import Locale

from forum.models import Contribution
from hub.models import AnalysisPaperPage, FrozenContribution, GenerationStatus, PaperGeneration
from hub.papers import figures as paper_figures
from hub.papers import generate
from hub.papers.freeze import content_hash, content_hashes
from hub.papers.frozen_figures import FrozenFigures
from search.facade import matching_post_ids, search
from search.params import query_from_params
from tests.factories import UserFactory
from tests.forum_urls import topic_url
from tests.page_tree import add_region_page, english_home
from tests.search_corpus import closed_forum, contribute

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")

ARAB = "arab-states"
WHEN = [datetime(2024, m, d, 9, tzinfo=UTC) for m, d in ((1, 5), (1, 20), (2, 3), (3, 14), (3, 30), (5, 2))]


def _details(post, organisation="", author="", poster=None):
    Contribution.objects.filter(pk=post.pk).update(organisation=organisation, author_name=author)
    if poster is not None:
        Post.objects.filter(pk=post.pk).update(poster=poster)


@pytest.fixture
def region_page():
    return add_region_page(english_home(), ARAB)


@pytest.fixture
def seeded(django_user_model):
    """Public contributions to the Arab States space, with hidden ones beside them."""
    salma = UserFactory(username="salma", password=None)
    rows = [
        # body, kind, language, objectives, group, country, organisation, author, poster, when
        (
            "Migrant workers need access to health care. Clinics should serve every migrant worker.",
            "recommendation",
            "en",
            (15,),
            "civil-society",
            "JO",
            "Rights Network",
            "Salma",
            salma,
            0,
        ),
        (
            "Recruitment fees push migrant workers into debt. Fair recruitment must be enforced.",
            "recommendation",
            "en",
            (6, 15),
            "trade-unions",
            "LB",
            "Workers Union",
            "Karim",
            None,
            1,
        ),
        (
            "نوصي بتعزيز وصول المهاجرين إلى الخدمات الصحية. الهجرة الآمنة حق للجميع.",
            "recommendation",
            "ar",
            (15,),
            "civil-society",
            "JO",
            "Rights Network",
            "Salma",
            salma,
            2,
        ),
        (
            "ندعو إلى حماية العمال المهاجرين من الاستغلال. هجرة العمال تحتاج إلى تنظيم.",
            "pledge",
            "ar",
            (6,),
            "migrants",
            "EG",
            "",
            "Omar",
            None,
            3,
        ),
        (
            "Les travailleurs migrants ont besoin de contrats écrits. La migration régulière protège.",
            "good-practice",
            "fr",
            (5, 6),
            "academia",
            "MA",
            "Université du Maghreb",
            "Nadia",
            None,
            4,
        ),
        (
            "How are returning migrants counted in national data?",
            "question",
            "en",
            (),
            None,
            None,
            "",
            "Ali",
            None,
            5,
        ),
        (
            "We pledge to open legal clinics for migrants in three cities.",
            "pledge",
            "en",
            (),
            "local-authorities",
            "TN",
            "City of Sfax",
            "Amal",
            None,
            5,
        ),
    ]
    posts = []
    for body, kind, language, objectives, group, country, organisation, author, poster, when in rows:
        post = contribute(
            body,
            kind=kind,
            language=language,
            objectives=objectives,
            group=group,
            country=country,
            created=WHEN[when],
        )
        _details(post, organisation, author, poster)
        posts.append(post)
    hidden = [
        # (No dates: saving the post again would copy its approval to the topic.)
        contribute("Unapproved: migrant workers health care", approved=False, objectives=(15,)),
        contribute("Unapproved topic: migrant health", topic_approved=False, objectives=(15,)),
        contribute("Closed space: migrant workers health", forum=closed_forum(), objectives=(15,)),
    ]
    elsewhere = [
        contribute(
            "Seasonal visas for migrant workers.",
            region="europe",
            objectives=(5,),
            group="academia",
            country="FR",
            created=WHEN[2],
        ),
        contribute(
            "Fair recruitment in Europe.", region="europe", objectives=(6,), kind="pledge", created=WHEN[3]
        ),
    ]
    return posts, hidden, elsewhere


def _generate(region_page, query=f"region={ARAB}", **options):
    generation = generate.start(
        region_page=region_page, title="Analysis", language="en", query=query, **options
    )
    generation = generate.run(generation)
    assert generation.status == GenerationStatus.FINISHED, generation.error
    return generation


def shown_quotations(page):
    """The quotations the page shows: its objectives' chosen ones (read from the
    frozen set) and any written by hand, as cited_quotation values."""
    frozen = FrozenFigures.for_page(page)
    found = []
    for block in page.body:
        if block.block_type == "objective_quotations":
            found += frozen.quotations(block.value["objective"])
        elif block.block_type == "cited_quotation":
            found.append(dict(block.value))
    return found


def _independent(ids):
    """The figures, counted again another way: model instances, counted in Python."""
    contributions = list(
        Contribution.objects.filter(pk__in=ids).select_related("post", "stakeholder_group", "country")
    )
    objectives = Counter()
    cited = Counter()
    for c in contributions:
        numbers = {o.number for o in c.objectives.all()}
        objectives.update(str(n) for n in numbers)
        if c.kind in ("recommendation", "pledge"):
            cited.update(str(n) for n in numbers)
    return {
        "contributions": len(contributions),
        "organisations": len({c.organisation for c in contributions if c.organisation}),
        "authors": len(
            {
                ("account", c.post.poster_id) if c.post.poster_id else ("name", c.author_name)
                for c in contributions
            }
        ),
        "by_group": dict(Counter(c.stakeholder_group.slug for c in contributions if c.stakeholder_group)),
        "by_country": dict(Counter(str(c.country.code) for c in contributions if c.country)),
        "by_language": dict(Counter(c.language for c in contributions)),
        "by_type": dict(Counter(c.kind for c in contributions)),
        "by_objective": dict(objectives),
        "months": dict(Counter(c.post.created.strftime("%Y-%m") for c in contributions)),
        "without_objective": sum(1 for c in contributions if not c.objectives.exists()),
        "cited": dict(cited),
        "cited_without": sum(
            1 for c in contributions if c.kind in ("recommendation", "pledge") and not c.objectives.exists()
        ),
    }


def test_every_figure_equals_an_independent_count(region_page, seeded):
    posts, _hidden, _elsewhere = seeded
    generation = _generate(region_page)
    ids = [p.pk for p in posts]
    frozen = set(FrozenContribution.objects.filter(generation=generation).values_list("post_id", flat=True))
    assert frozen == set(ids)
    f, expected = generation.figures, _independent(ids)
    for key in (
        "contributions",
        "organisations",
        "authors",
        "by_group",
        "by_country",
        "by_language",
        "by_type",
        "by_objective",
    ):
        assert f[key] == expected[key], key
    assert f["contributions"] == 7 and f["organisations"] == 4 and f["authors"] == 6
    assert {m: n for m, n in f["by_month"].items() if n} == expected["months"]
    assert list(f["by_month"]) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert f["by_month"]["2024-04"] == 0
    assert f["unspecified"] == {"group": 1, "country": 1, "objective": expected["without_objective"]}
    assert f["cited_by_objective"] == expected["cited"]
    assert f["cited_without_objective"] == expected["cited_without"] == 1
    gaps = f["gaps"]
    few = paper_figures.few_threshold(7)
    assert gaps["objectives_none"] == [n for n in range(1, 24) if str(n) not in expected["by_objective"]]
    assert gaps["objectives_few"] == sorted(int(n) for n, c in expected["by_objective"].items() if c <= few)
    assert "migrants" not in gaps["groups_none"] and "parliamentarians" in gaps["groups_none"]
    assert set(gaps["countries_none"]) == set(paper_figures.region_countries(ARAB)) - {
        "JO",
        "LB",
        "EG",
        "MA",
        "TN",
    }
    assert generation.contribution_count == 7 and generation.as_of is not None
    assert generation.started_at <= generation.finished_at


def test_hidden_and_unapproved_contributions_never_appear(region_page, seeded):
    posts, hidden, elsewhere = seeded
    generation = _generate(region_page)
    frozen = set(FrozenContribution.objects.filter(generation=generation).values_list("post_id", flat=True))
    excluded = {p.pk for p in hidden + elsewhere}
    assert not frozen & excluded
    assert generation.figures["contributions"] == len(posts)
    quoted = {q["contribution"] for q in shown_quotations(generation.page)}
    assert quoted and not quoted & excluded
    for theme in generation.figures["themes"].values():
        assert not {q["post"] for q in theme["quotations"]} & excluded


def test_every_quotation_opens_on_its_contribution(client, region_page, seeded):
    posts, _hidden, _elsewhere = seeded
    generation = _generate(region_page)
    quotations = shown_quotations(generation.page)
    assert quotations
    for quotation in quotations:
        post = Post.objects.select_related("topic__forum").get(pk=quotation["contribution"])
        assert post.approved and post.topic.approved
        assert len(quotation["quote"]) <= 300 and quotation["citation"]
        response = client.get(topic_url(post.topic) + f"?post={post.pk}")
        assert response.status_code == 200
        assert quotation["quote"].rstrip("…") in html.unescape(response.content.decode())
    # Different groups and countries are preferred within an objective.
    for number, theme in generation.figures["themes"].items():
        voices = {
            (
                c.stakeholder_group.slug if c.stakeholder_group else "",
                str(c.country.code) if c.country else "",
            )
            for c in Contribution.objects.filter(
                objectives__number=number, post__topic__forum__name__isnull=False
            )
            .filter(pk__in=[p.pk for p in posts])
            .select_related("stakeholder_group", "country")
        }
        quoted = theme["quotations"]
        assert len({(q["group"], q["country"]) for q in quoted}) == min(len(voices), len(quoted))


def test_regenerating_after_new_posts_gives_the_same_figures(region_page, seeded):
    posts, _hidden, _elsewhere = seeded
    first = _generate(region_page)
    contribute(
        "A new recommendation on health care for migrants.",
        objectives=(15,),
        group="academia",
        country="JO",
        created=WHEN[3],
    )
    # A contribution edited and another hidden after the paper: counted still, reported in the audit.
    edited = Post.objects.get(pk=posts[0].pk)
    edited.content = "Migrant workers need health care, said again."
    edited.save()
    Post.objects.filter(pk=posts[1].pk).update(approved=False)
    second = generate.run(generate.regenerate(first))
    assert second.status == GenerationStatus.FINISHED, second.error
    assert second.source == first and second.as_of == first.as_of
    skip = {"audit", "themes"}
    assert {k: v for k, v in second.figures.items() if k not in skip} == {
        k: v for k, v in first.figures.items() if k not in skip
    }
    assert second.figures["audit"] == {
        "source": first.pk,
        "frozen": 7,
        "changed": 1,
        "deleted": 0,
        "not_visible": 1,
    }
    assert list(
        FrozenContribution.objects.filter(generation=second)
        .order_by("post_id")
        .values_list("post_id", "content_hash")
    ) == list(
        FrozenContribution.objects.filter(generation=first)
        .order_by("post_id")
        .values_list("post_id", "content_hash")
    )
    # Quotations come only from what is public now.
    quoted = {b.value["contribution"] for b in second.page.body if b.block_type == "cited_quotation"}
    assert posts[1].pk not in quoted
    assert second.page.pk != first.page.pk and second.page.slug != first.page.slug


def test_a_new_search_sees_new_posts(region_page, seeded):
    first = _generate(region_page)
    contribute("Another voice on migration.", created=WHEN[4])
    assert _generate(region_page).figures["contributions"] == first.figures["contributions"] + 1


def test_filters_select_the_set(region_page, seeded):
    _posts, _hidden, _elsewhere = seeded
    generation = _generate(region_page, query="objective=15&from=2024-01-10&to=2024-02-28")
    assert generation.query.startswith(f"region={ARAB}&")
    assert generation.figures["contributions"] == 2  # posts 1 and 2 (15, in January–February)
    page = generation.page
    assert page.contributions_from.isoformat() == "2024-01-10"
    assert page.contributions_until.isoformat() == "2024-02-28"
    assert page.contribution_query == generation.query


def test_comparison_figures(region_page, seeded):
    _posts, _hidden, elsewhere = seeded
    generation = _generate(region_page, comparison_query="region=europe")
    comparison = generation.figures["comparison"]
    assert comparison["contributions"] == 2
    assert comparison == paper_figures.count([p.pk for p in elsewhere])
    charts = [b.value for b in generation.page.body if b.block_type == "paper_chart"]
    by_objective = next(c for c in charts if "objective" in c["title"].lower())
    rows = FrozenFigures.for_page(generation.page).chart_rows(by_objective["counted_by"])
    values = {row["label"]: (row["value"], row["comparison_value"]) for row in rows}
    assert any(label.startswith("5.") and pair == (1, 1) for label, pair in values.items())
    assert by_objective["comparison_label"]
    assert any(c["kind"] == "timeline" for c in charts)


def test_the_draft_is_not_live_and_sits_under_the_region_page(region_page, seeded):
    generation = _generate(region_page)
    page = AnalysisPaperPage.objects.get(pk=generation.page.pk)
    assert not page.live and page.get_latest_revision() is not None
    assert page.get_parent().pk == region_page.pk
    assert page.generation == generation and page.contribution_count == 7
    assert page.contributions_as_of == generation.as_of
    assert "every recommendation and pledge" in page.summary
    assert "approved posts in approved topics" in page.methodology and "frozen on" in page.methodology
    kinds = [b.block_type for b in page.body]
    assert kinds[:2] == ["heading", "key_figures"]
    assert {"paper_chart", "key_terms", "objective_quotations", "cited_contributions"} <= set(kinds)
    listed = [b.value for b in page.body if b.block_type == "cited_contributions"]
    assert {b["objective"] for b in listed} == {6, 15, None}
    headings = [b.value for b in page.body if b.block_type == "heading"]
    assert "Who is missing" in headings
    # The body validates as the editor would save it.
    page.full_clean()


def test_the_arabic_draft_uses_arabic_names(region_page, seeded):
    locale = Locale.objects.get(language_code="ar")
    arabic_page = region_page.copy_for_translation(locale)
    arabic_page.save_revision().publish()
    generation = generate.start(
        region_page=region_page, title="تحليل المساهمات", language="ar", query=f"region={ARAB}"
    )
    assert generation.region_page_id == arabic_page.pk
    generation = generate.run(generation)
    assert generation.status == GenerationStatus.FINISHED, generation.error
    page = generation.page
    assert page.locale == locale and page.get_parent().pk == arabic_page.pk
    groups = next(b.value for b in page.body if b.block_type == "paper_chart")
    with translation.override("ar"):  # as the Arabic page is shown
        rows = FrozenFigures.for_page(page).chart_rows(groups["counted_by"])
    assert "المجتمع المدني" in [row["label"] for row in rows]
    assert "كل توصية وتعهد" in page.summary and page.title == "تحليل المساهمات"


def test_arabic_key_terms_merge_forms_of_one_word(region_page):
    bodies = [
        "الهجرة الآمنة أولوية إقليمية.",
        "هجرة العمال بين الدول.",
        "نناقش الهجره النظامية.",
        "المهاجرين يحتاجون خدمات.",
        "مهاجر واحد تحدث عن السكن.",
        "للمهاجرين حقوق في السكن.",
        "التعليم للأطفال حق.",
        "التعليم والصحة للجميع.",
    ]
    for i, body in enumerate(bodies):
        contribute(body, language="ar", objectives=(7,) if i < 6 else (), kind="comment", created=WHEN[i % 6])
    generation = _generate(region_page)
    terms = dict(generation.figures["themes"]["7"]["terms"]["ar"])
    assert sum(1 for term in terms if "هجر" in term and not term.startswith("م") and "مهاجر" not in term) == 1
    migration = next(t for t in terms if "هجر" in t and "مهاجر" not in t)
    assert terms[migration] == 3  # الهجرة, هجرة, الهجره: one term
    migrant = next(t for t in terms if "مهاجر" in t)
    assert terms[migrant] == 3 and sum(1 for t in terms if "مهاجر" in t) == 1


def test_content_hash_follows_text_and_metadata(seeded):
    posts, _hidden, _elsewhere = seeded
    post = Post.objects.get(pk=posts[0].pk)
    before = content_hash(post)
    assert content_hashes([post.pk]) == {post.pk: before}
    Contribution.objects.filter(pk=post.pk).update(kind="comment")
    assert content_hash(Contribution.objects.get(pk=post.pk)) != before
    assert content_hashes([post.pk])[post.pk] == content_hash(Post.objects.get(pk=post.pk))


def test_matching_post_ids_equals_paging_through_search(seeded):
    query, _errors = query_from_params(_params("region=arab-states&sort=newest"), page_size=2)
    paged, page = [], 1
    while True:
        result = search(replace(query, page=page), AnonymousUser())
        paged += [hit.post_id for hit in result.hits]
        if not result.hits:
            break
        page += 1
    assert matching_post_ids(query, AnonymousUser()) == paged and len(paged) == 7


def _params(text):
    return QueryDict(text)


# ---------------------------------------------------------------- the command


def test_the_command_generates_a_draft(region_page, seeded, capsys):
    call_command(
        "generate_analysis_paper",
        "--region",
        ARAB,
        "--from",
        "2024-01-01",
        "--objective",
        "15",
        "--objective",
        "6",
        "--compare-region",
        "europe",
    )
    out = capsys.readouterr().out
    generation = PaperGeneration.objects.get()
    assert generation.status == GenerationStatus.FINISHED
    assert "freezing" in out and "counting" in out and "themes" in out and "writing the draft" in out
    assert f"/admin/pages/{generation.page_id}/edit/" in out
    assert f"from {generation.contribution_count} contributions" in out
    assert generation.query == f"region={ARAB}&objective=15&objective=6&from=2024-01-01"
    assert generation.comparison_query == "region=europe&objective=15&objective=6&from=2024-01-01"
    call_command("generate_analysis_paper", "--regenerate", str(generation.pk))
    again = PaperGeneration.objects.exclude(pk=generation.pk).get()
    assert (
        again.source == generation and again.figures["contributions"] == generation.figures["contributions"]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--region"),
        (["--region", "atlantis"], "Unknown region"),
        (["--region", ARAB, "--from", "2024-13-01"], "not a date"),
        (["--region", ARAB, "--from", "2024-05-01", "--to", "2024-01-01"], "after"),
        (["--region", ARAB, "--objective", "30"], "1 to 23"),
        (["--region", ARAB, "--group", "pirates"], "stakeholder group"),
        (["--region", ARAB, "--country", "ZZ"], "country"),
        (["--region", ARAB, "--language", "fr"], "no region page"),
        (["--region", ARAB, "--compare-region", "atlantis"], "Unknown region"),
        (["--regenerate", "999999"], "no paper generation"),
        (["--regenerate", "1", "--region", ARAB], "--regenerate"),
    ],
)
def test_the_command_refuses_bad_input(region_page, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_analysis_paper", *args)
    assert not PaperGeneration.objects.filter(status=GenerationStatus.FINISHED).exists()


def test_a_failed_generation_records_its_error(region_page, seeded, monkeypatch):
    from hub.papers import themes

    def broken(*args, **kwargs):
        raise RuntimeError("no themes today")

    monkeypatch.setattr(themes, "find", broken)
    generation = generate.run(generate.start(region_page=region_page, title="T", language="en", query=""))
    assert generation.status == GenerationStatus.FAILED and "no themes today" in generation.error
    assert generation.page is None and generation.finished_at
