"""Post Markdown renders to inert HTML, on its own and on the forum's pages.

The corpus mixes classic filter-evasion payloads with the bypasses reported
against markdown2's safe_mode (machina's default renderer), so a regression to
that renderer, or a hole in the allow-list, fails here.
"""

import importlib
import re
from pathlib import Path

import machina
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from machina.core.db.models import get_model

from forum.markup import render_markdown
from forum.models import RegionalSpace
from tests.factories import TopicPostFactory, UserFactory
from tests.forum_urls import topic_url
from tests.stakeholders import give_profile

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
ForumProfile = get_model("forum_member", "ForumProfile")

ENCODED_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # base64 of <script>alert(1)</script>

XSS_PAYLOADS = [
    # Raw HTML: tags that run script or load active content.
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=# OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    f'<embed src="data:text/html;base64,{ENCODED_SCRIPT}">',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width:expression(alert(1))">x</p>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    # Markdown links and images to script URLs, plain, mixed-case and encoded.
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript&#x3A;alert(1))",
    "[x](javascript&#58alert(1))",
    "[x](java&#09;script:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    f"[x](data:text/html;base64,{ENCODED_SCRIPT})",
    "[x]: javascript:alert(1)\n\n[click][x]",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    f"![x](data:image/svg+xml;base64,{ENCODED_SCRIPT})",
    '![x" onerror="alert(1)](https://example.org/a.png)',
    '[x](https://example.org" onclick="alert(1))',
    # Reported bypasses of markdown2's safe_mode.
    "<http://g<!s://q?<!-<[<script>alert(1);/\\*](http://g)->a>"
    "<http://g<!s://g.c?<!-<[a\\\\*/</script>alert(1);/*](http://g)->a>",
    "<http:[<script>alert(1);//]()><http:[</script>]()>",
    '<img src="" onerror=alert(1) ',
    '<img/src="" onerror=alert(1) ',
    '<img src=# onerror="alert(1)"></p>',
    '<lol@/ //id="pwn"//onclick="alert(1)"//**abc**',
    '<x- onclick="alert(1)"*Click Me*',
    '<iframe\n<http:> srcdoc="<script>alert(1)</script>" a=',
    '`\n<img src onerror="alert(1)">\n[x]: `',
    '![A](B "<C D="E" onerror=alert(1) >")',
    '![`" onerror="alert(1)//`]()![a](`md5-2e7b9665ab3aa53368daab9d6e1b01cf//`)',
    "<http:|><x| oncontentvisibilityautostatechange=alert(1) style=display:block;content-visibility:auto>",
    "\\<!--<img src onerror=alert(1)//>-->",
]

ALLOWED_TAGS = {
    *("p", "br", "em", "strong", "s", "del", "code", "pre", "blockquote", "hr", "a"),
    *("ul", "ol", "li", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"),
}
ACTIVE_TAGS = {
    *("script", "iframe", "frame", "object", "embed", "applet", "svg", "math", "style", "link"),
    *("meta", "base", "form", "input", "button", "textarea", "select", "img", "template"),
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
SAFE_SCHEMES = {"http", "https", "mailto"}
REL = {"nofollow", "ugc", "noopener"}


def url_scheme(value):
    """The scheme a browser would see: it drops ASCII tab and newlines anywhere
    and C0 controls and spaces at both ends before parsing (WHATWG URL)."""
    value = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", value)
    return match.group(1).lower() if match else ""


def assert_inert(root):
    """No element under ``root`` can run script or load active content."""
    for tag in root.find_all(True):
        assert tag.name not in ACTIVE_TAGS, tag
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            assert name.lower() not in {"srcdoc", "style"} or tag.name in {"th", "td"}, tag
            if name.lower() in URL_ATTRIBUTES:
                assert url_scheme(value) in SAFE_SCHEMES | {""}, tag


def fragment(html):
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_renders_inert(payload):
    html = render_markdown(payload)
    soup = fragment(html)
    assert_inert(soup)
    assert {tag.name for tag in soup.find_all(True)} <= ALLOWED_TAGS, html
    for link in soup.find_all("a"):
        assert set(link["rel"]) == REL


def test_the_corpus_is_large_enough():
    assert len(XSS_PAYLOADS) >= 30


def test_markdown_still_works():
    html = render_markdown(
        "# Title\n\n*em* and **strong**, `code` and ~~gone~~\n\n"
        "- one\n- two\n\n3. three\n4. four\n\n> quoted\n\n"
        '[site](https://example.org/a?b=1&c=2 "Example") and <mailto:team@example.org>\n\n'
        "```\n<b>kept as text</b>\n```\n\n| a | b |\n|:--|--:|\n| 1 | 2 |"
    )
    soup = fragment(html)
    assert soup.h3.get_text() == "Title"  # the page owns h1 and h2
    assert soup.em.get_text() == "em" and soup.strong.get_text() == "strong"
    assert soup.code.get_text() == "code" and soup.s.get_text() == "gone"
    assert [li.get_text() for li in soup.ul.find_all("li")] == ["one", "two"]
    assert soup.ol["start"] == "3"
    assert soup.blockquote.get_text(strip=True) == "quoted"
    link = soup.find("a", string="site")
    assert link["href"] == "https://example.org/a?b=1&c=2" and link["title"] == "Example"
    assert set(link["rel"]) == REL
    assert soup.find("a", href="mailto:team@example.org")
    assert soup.pre.get_text() == "<b>kept as text</b>\n"
    assert soup.find("th", string="b")["style"] == "text-align:right"


def test_single_newlines_break_lines_as_before():
    assert fragment(render_markdown("one\ntwo")).find("br")


def test_images_become_links_and_load_nothing():
    soup = fragment(render_markdown("![a chart](https://example.org/chart.png)"))
    assert not soup.find("img")
    link = soup.find("a")
    assert link["href"] == "https://example.org/chart.png" and link.get_text() == "a chart"


def test_block_elements_guess_their_direction():
    arabic = "توصية بشأن حماية العمال المهاجرين"
    html = render_markdown(f"An English paragraph.\n\n{arabic}\n\n- {arabic}\n\n> {arabic}\n\n## {arabic}")
    soup = fragment(html)
    for tag in soup.find_all(["p", "li", "blockquote", "h4"]):
        assert tag["dir"] == "auto", tag
    assert soup.find_all("p")[1].get_text() == arabic
    assert soup.li.get_text() == arabic and soup.h4.get_text() == arabic


def test_empty_text_renders_empty():
    assert render_markdown("") == "" and render_markdown(None) == ""


def test_machina_renders_with_our_function():
    from machina.models.fields import render_func

    assert settings.MACHINA_MARKUP_LANGUAGE == ("forum.markup.render_markdown", {})
    assert render_func.func is render_markdown


# ---------------------------------------------------------------- on the forum's pages


def forum_of(slug="arab-states"):
    return RegionalSpace.objects.select_related("forum").get(region__slug=slug).forum


def forum_url(forum):
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def get_page(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def post_contents(page):
    contents = page.select(".post-content")
    assert contents
    return contents


def assert_page_has_no_injected_script(page):
    for script in page.find_all("script"):
        assert "alert" not in script.get_text() and not script.get("src", "").startswith("//evil"), script
    for tag in page.find_all(True):
        for name in tag.attrs:
            assert not name.lower().startswith("on"), tag


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_is_inert_on_the_topic_page(verified_user, payload):
    post = TopicPostFactory(poster=verified_user, content=payload)
    page = get_page(topic_url(post.topic))
    for content in post_contents(page):
        assert_inert(content)
    assert_page_has_no_injected_script(page)


@pytest.mark.django_db
def test_links_in_posts_carry_rel_on_the_topic_page(verified_user):
    post = TopicPostFactory(poster=verified_user, content="See [the report](https://example.org/report).")
    (content,) = post_contents(get_page(topic_url(post.topic)))
    link = content.find("a", string="the report")
    assert set(link["rel"]) == REL


@pytest.mark.django_db
def test_arabic_post_is_kept_intact_and_isolated(verified_user):
    arabic = "نوصي بتيسير **الوصول** إلى الخدمات الأساسية للمهاجرين."
    post = TopicPostFactory(poster=verified_user, content=arabic)
    (content,) = post_contents(get_page(topic_url(post.topic)))
    paragraph = content.find("p")
    assert paragraph["dir"] == "auto"
    assert paragraph.get_text() == "نوصي بتيسير الوصول إلى الخدمات الأساسية للمهاجرين."
    assert paragraph.strong.get_text() == "الوصول"


@pytest.mark.django_db
def test_script_in_a_subject_shows_as_text(verified_user):
    subject = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
    post = TopicPostFactory(poster=verified_user, content="Body", subject=subject)
    forum = post.topic.forum
    for url in (topic_url(post.topic), forum_url(forum)):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content, url
        page = BeautifulSoup(response.content, "html.parser")
        assert subject in page.get_text(), url
        assert_page_has_no_injected_script(page)
        assert not page.find("img", src="x")


@pytest.mark.django_db
def test_poster_name_and_signature_are_inert(django_user_model):
    # The username validator would refuse this name; an import or the admin might not.
    user = UserFactory(username="<svg onload=alert(1)>", email="", password="x")
    ForumProfile.objects.update_or_create(user=user, defaults={"signature": "<img src=x onerror=alert(3)>"})
    post = TopicPostFactory(poster=user, content="Hello")
    response = Client().get(topic_url(post.topic))
    assert response.status_code == 200
    assert b"&lt;svg onload=alert(1)&gt;" in response.content
    page = BeautifulSoup(response.content, "html.parser")
    assert_page_has_no_injected_script(page)
    assert not page.find("svg") and not page.find("img", src="x")


@pytest.mark.django_db
def test_saving_a_post_stores_html_from_our_renderer(verified_user):
    post = TopicPostFactory(poster=verified_user, content="[x](javascript:alert(1)) and *fine*")
    stored = Post.objects.values_list("_content_rendered", flat=True).get(pk=post.pk)
    assert stored == render_markdown(post.content.raw)
    post.content = "Edited: [link](https://example.org)"
    post.save()
    stored = Post.objects.values_list("_content_rendered", flat=True).get(pk=post.pk)
    assert 'rel="nofollow ugc noopener"' in stored


# What markdown2's safe_mode stored for '<img src=# onerror="alert()"></p>' (issue #601).
LEGACY_RENDERED = '<p><img src=# onerror="alert(1)">&lt;/p&gt;</p>'


def plant_legacy_post(user):
    post = TopicPostFactory(poster=user, content="\n\n".join(['<img src=# onerror="alert(1)"></p>', "مرحبا"]))
    Post.objects.filter(pk=post.pk).update(_content_rendered=LEGACY_RENDERED)
    return post


def assert_rerendered(post):
    stored = Post.objects.values_list("_content_rendered", flat=True).get(pk=post.pk)
    assert stored == render_markdown(post.content.raw)
    (content,) = post_contents(get_page(topic_url(post.topic)))
    assert_inert(content)
    assert content.find("p", dir="auto")


@pytest.mark.django_db
def test_migration_rerenders_posts_stored_by_the_old_renderer(verified_user):
    post = plant_legacy_post(verified_user)
    migration = importlib.import_module("forum.migrations.0002_markup")
    migration.rerender(apps, None)
    assert_rerendered(post)


@pytest.mark.django_db
def test_command_rerenders_posts_descriptions_and_signatures(verified_user):
    post = plant_legacy_post(verified_user)
    forum = post.topic.forum
    forums = type(forum).objects.filter(pk=forum.pk)
    forums.update(description="**Arab**", _description_rendered=LEGACY_RENDERED)
    profile, _ = ForumProfile.objects.get_or_create(user=verified_user)
    ForumProfile.objects.filter(pk=profile.pk).update(signature="*sig*", _signature_rendered=LEGACY_RENDERED)
    call_command("rerender_markup", verbosity=0)
    assert_rerendered(post)
    forum.refresh_from_db()
    profile.refresh_from_db()
    assert forum._description_rendered == render_markdown("**Arab**")
    assert profile._signature_rendered == render_markdown("*sig*")


@pytest.mark.django_db
def test_preview_renders_through_the_sanitiser(verified_user):
    give_profile(verified_user)
    forum = forum_of()
    client = Client()
    client.force_login(verified_user)
    url = reverse("forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk})
    response = client.post(
        url,
        {
            "subject": "Preview",
            "content": "<img src=x onerror=alert(1)> [x](javascript:alert(2))",
            "preview": "1",
            # The (empty) attachment formset that comes with the posting form.
            "attachment-TOTAL_FORMS": "0",
            "attachment-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    preview = page.select_one(".post-preview .post-content")
    assert preview is not None
    assert_inert(preview)
    assert_page_has_no_injected_script(page)
    # The editor is a plain text box: no in-browser Markdown preview to exploit.
    textarea = page.find("textarea", attrs={"name": "content"})
    assert textarea["dir"] == "auto"
    assert "machina-mde-markdown" not in textarea.get("class", [])
    assert not page.find("script", src=re.compile("easymde"))


# Every |safe in a forum template must print HTML that went through the sanitiser.
SAFE_USES_ALLOWED = (
    re.compile(r"\.rendered\|safe\b"),  # HTML machina stored from render_markdown
    re.compile(r"\|safe\|rendered\b"),  # raw text rendered by render_markdown on the spot
    re.compile(r"help_text\|safe\b"),  # form help texts written by developers (admin)
)


def test_templates_mark_no_user_data_safe():
    roots = [Path(settings.BASE_DIR) / "templates", Path(machina.__file__).parent / "templates"]
    offending = []
    for root in roots:
        for path in root.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            # Feed item titles are plain text: Django's feed writer escapes
            # them for XML itself, so escaping in the template doubles it.
            if "autoescape off" in text and path.parent.name != "forum_feeds":
                offending.append(f"{path}: autoescape off")
            for match in re.finditer(r"{{[^}]*\|\s*safe\b[^}]*}}", text):
                if not any(p.search(match.group(0).replace(" ", "")) for p in SAFE_USES_ALLOWED):
                    offending.append(f"{path}: {match.group(0)}")
    assert not offending, offending
