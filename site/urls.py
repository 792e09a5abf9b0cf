"""URL tree: admin outside the language prefix, everything public inside it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, reverse
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub.icons import favicon
from hub.opendata import urls as open_data_urls
from hub.pages_api import pages_api
from search.http.views import ContributionSearchView, SearchView


class AccountLoginRedirect(RedirectView):
    """Send every login form of the site to allauth's, keeping ``next``.

    allauth is the only way in: it has the rate limits, e-mail verification
    and two-factor authentication that the admin login forms lack.
    """

    query_string = True

    def get_redirect_url(self, *args, **kwargs):
        self.url = reverse("account_login")
        return super().get_redirect_url(*args, **kwargs)


# A database too busy to take a write answers 503 (hub/core/busy.py); anything else, the 500 page.
handler500 = "hub.core.busy.server_error"

urlpatterns = [
    path("admin/login/", AccountLoginRedirect.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/login/", AccountLoginRedirect.as_view()),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("siteconf.api_urls")),
    path("api/v2/", pages_api.urls),
    path("favicon.ico", favicon, name="favicon"),
    # The open data's files: stable addresses for scripts, in no language.
    path("open-data/", include(open_data_urls.downloads)),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    # machina's templates link to forum_search:search: the contribution search.
    path(
        "forum/search/",
        include(([path("", ContributionSearchView.as_view(), name="search")], "forum_search")),
    ),
    path("forum/", include("forum.urls")),
    path("search/export/", include("search.http.export_urls")),
    path("participation/", include("hub.participation.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("search/saved/", include("search.saved.urls")),
    path("search/campaigns/", include("search.http.campaign_urls")),
    path("search/contributions/", ContributionSearchView.as_view(), name="search_contributions"),
    path("open-data/", include(open_data_urls.pages)),
    # Wagtail's own sign-in form for private pages (Django's LoginView, with
    # no rate limit): replaced by allauth's like the admins' forms.
    path("_util/login/", AccountLoginRedirect.as_view()),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
