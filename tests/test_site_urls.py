"""Every top-level address answers as a visitor expects, in each language."""

import io

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.views.defaults import server_error
from PIL import Image

pytestmark = pytest.mark.django_db

HOME_TITLES = {
    "en": "Migration Network Hub",
    "ar": "مركز الربط الشبكي المعني بالهجرة",
    "fr": "Pôle du Réseau sur les migrations",
}


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def test_root_redirects_to_a_language_prefix(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_root_follows_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Location"] == "/ar/"


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl"), ("fr", "ltr")])
def test_home_page_in_each_language(client, language, direction):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == language
    assert page.html["dir"] == direction
    assert page.h1.get_text(strip=True) == HOME_TITLES[language]


def test_arabic_pages_load_the_right_to_left_stylesheet(client):
    arabic = html(client.get("/ar/"))
    english = html(client.get("/en/"))
    assert arabic.find("link", href=lambda h: h and h.endswith("bootstrap.rtl.min.css"))
    assert english.find("link", href=lambda h: h and h.endswith("bootstrap.min.css"))


def test_language_switcher_links_each_translation_of_the_page(client):
    switcher = html(client.get("/en/")).select_one(".language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == {"ar": "/ar/", "fr": "/fr/"}
    current = switcher.select_one("[aria-current]")
    assert current.get_text(strip=True) == "English"


def test_language_switcher_keeps_the_place_outside_pages(client):
    switcher = html(client.get("/fr/forum/")).select_one(".language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == {"en": "/en/forum/", "ar": "/ar/forum/"}


def test_interface_strings_are_translated(client):
    assert "تسجيل الدخول" in html(client.get("/ar/")).select_one("header").get_text()
    assert "Se connecter" in html(client.get("/fr/")).select_one("header").get_text()


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_discussion_spaces_index_uses_the_site_frame(client, language):
    response = client.get(f"/{language}/forum/")
    assert response.status_code == 200
    page = html(response)
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert page.select_one("header .language-switcher"), "the forum is inside the site's frame"
    assert page.select_one("main nav ol.breadcrumb"), "the forum has its breadcrumb"


def test_anonymous_visitors_can_read_the_spaces(client):
    """After ``migrate``, public read access is granted without any admin step."""
    from machina.apps.forum.models import Forum

    Forum.objects.create(name="Arab States", type=Forum.FORUM_POST)
    assert "Arab States" in html(client.get("/en/forum/")).get_text()


def test_forum_without_prefix_redirects_to_a_language(client):
    response = client.get("/forum/")
    assert response.status_code == 302
    assert response["Location"] == "/en/forum/"


@pytest.mark.parametrize(
    "path",
    ["/en/accounts/login/", "/en/accounts/signup/", "/en/accounts/password/reset/", "/ar/accounts/login/"],
)
def test_account_pages_answer(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert html(response).select_one("form input[type=email], form input[name=login]")


def test_wagtail_admin_sends_anonymous_visitors_to_the_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/"


def test_wagtail_admin_login_form_is_replaced_by_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/pages/"


def test_django_admin_login_form_is_replaced_by_allauth(client):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response["Location"] == "/en/accounts/login/?next=/django-admin/"


def test_wagtail_password_reset_is_not_offered(client):
    # Password resets go through allauth, which rate-limits them.
    assert client.get("/admin/password_reset/", follow=True).status_code == 404


def test_machina_asks_anonymous_visitors_to_sign_in_through_allauth(client):
    response = client.get("/en/forum/moderation/queue/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_search_page_answers_and_keeps_the_query(client):
    response = client.get("/en/search/", {"q": "review"})
    assert response.status_code == 200
    assert html(response).select_one("#search-q")["value"] == "review"


def test_search_finds_the_home_page_in_the_visitors_language(client):
    page = html(client.get("/ar/search/", {"q": "الشبكي"}))
    titles = [a.get_text(strip=True) for a in page.select("#pages-heading + ul a")]
    assert titles == [HOME_TITLES["ar"]]


def test_search_survives_hostile_queries(client):
    from django.core.cache import cache

    for query in ['"unbalanced', "a AND", "NEAR(", "x" * 5000, "nul\x00byte"]:
        cache.clear()  # anonymous visitors may search twice a second (search.ratelimit)
        assert client.get("/en/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_not_found_page_is_localised(client, language, direction):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    page = html(response)
    assert page.html["dir"] == direction
    expected = {"en": "Page not found", "ar": "الصفحة غير موجودة"}[language]
    assert page.h1.get_text(strip=True) == expected
    assert page.select_one("main a[href]")["href"] == f"/{language}/"  # home in the same language


@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [
        ("en", "ltr", "Something went wrong"),
        ("ar", "rtl", "حدث خطأ ما"),
        ("fr", "ltr", "Une erreur s'est produite"),
    ],
)
def test_server_error_page_is_localised(rf, language, direction, heading):
    # Rendered the way Django renders it after an unhandled exception: no
    # context processors, only the language the middleware activated.
    with translation.override(language):
        response = server_error(rf.get(f"/{language}/"))
    assert response.status_code == 500
    page = html(response)
    assert page.html["dir"] == direction
    assert page.h1.get_text(strip=True) == heading
    assert page.a["href"] == f"/{language}/"


def test_static_assets_come_from_this_server(client):
    page = html(client.get("/en/"))
    sources = [tag.get("href") or tag.get("src") for tag in page.find_all(["link", "script"])]
    sources = [s for s in sources if s]
    assert sources
    assert all(s.startswith("/") for s in sources), sources


def test_the_hubs_icon_is_at_favicon_ico(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO" and icon.size == (48, 48)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pages_name_the_hubs_icon(client, language):
    icons = html(client.get(f"/{language}/")).find_all("link", rel="icon")
    assert {link.get("type") for link in icons} == {"image/svg+xml", None}
    for link in icons:
        response = client.get(link["href"])
        assert response.status_code == 200, link["href"]
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.startswith(b"<svg") or body.startswith(b"\0\0\1\0"), link["href"]  # SVG or ICO header


def test_anonymous_editorial_pages_set_no_session_cookie(client):
    response = client.get("/en/")
    assert "sessionid" not in response.cookies
