"""A reader's saved searches: save, list, rename, alert on/off, delete, and
the signed link in alert e-mails that turns alerts off without signing in.

Every change is a POST (CSRF-checked by the middleware); a reader only ever
reaches their own saved searches: another reader's is a 404.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from search.models import SavedSearch
from search.saved.searches import (
    MAX_NAME_CHARS,
    LimitReached,
    clean_name,
    max_per_user,
    normalise,
    read_token,
    run_path,
    save_search,
    set_alert,
)


def list_context(user, **extra):
    saved = list(SavedSearch.objects.filter(user=user))
    for item in saved:
        item.run_path = run_path(item)
    return {"saved_searches": saved, "limit": max_per_user(), "max_name": MAX_NAME_CHARS, **extra}


class SavedSearchListView(LoginRequiredMixin, View):
    template_name = "search_saved/list.html"

    def get(self, request):
        return render(request, self.template_name, list_context(request.user))


class SaveSearchView(View):
    """Save the search page's current query (the include ``save_button.html`` posts here)."""

    http_method_names = ["post"]

    def post(self, request):
        raw = request.POST.get("params", "")
        params, _query = normalise(raw)
        search_path = reverse("search") + (f"?{params}" if params else "")
        if not request.user.is_authenticated:
            # Back to the same search after signing in, where the button waits.
            return redirect_to_login(search_path)
        alert = SavedSearch.Alert.DAILY if request.POST.get("alert") == "daily" else SavedSearch.Alert.NONE
        try:
            saved, created = save_search(
                request.user,
                raw,
                name=request.POST.get("name", ""),
                alert=alert,
                language=translation.get_language(),
            )
        except LimitReached:
            messages.error(
                request,
                ngettext(
                    "You already keep %(limit)d saved search. Delete it to save another.",
                    "You already keep %(limit)d saved searches. Delete one to save another.",
                    max_per_user(),
                )
                % {"limit": max_per_user()},
            )
            return self.back(search_path)
        if created:
            messages.success(request, _("Search saved. Find it under “My saved searches”."))
        else:
            messages.info(request, _("You had already saved this search."))
        return self.back(run_path(saved))

    def back(self, default):
        target = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(default)


class _OwnSavedSearchView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
        return self.change(request, saved)

    def done(self):
        return HttpResponseRedirect(reverse("search_saved:list"))


class RenameSavedSearchView(_OwnSavedSearchView):
    def change(self, request, saved):
        typed = request.POST.get("name", "")
        name = clean_name(typed)
        if not name or len(name) > MAX_NAME_CHARS:
            error = (
                _("Give the search a name.")
                if not name
                else ngettext(
                    "A name has at most %(max)d character.",
                    "A name has at most %(max)d characters.",
                    MAX_NAME_CHARS,
                )
                % {"max": MAX_NAME_CHARS}
            )
            # The list again, with the error next to the name as it was typed.
            context = list_context(request.user, error_pk=saved.pk, error=error, typed=typed)
            return render(request, SavedSearchListView.template_name, context, status=400)
        saved.name = name
        saved.save(update_fields=["name"])
        messages.success(request, _("Saved search renamed."))
        return self.done()


class AlertSavedSearchView(_OwnSavedSearchView):
    def change(self, request, saved):
        alert = request.POST.get("alert")
        if alert not in SavedSearch.Alert.values:
            messages.error(request, _("Choose whether to receive a daily e-mail."))
            return self.done()
        set_alert(saved, alert)
        if alert == SavedSearch.Alert.DAILY:
            messages.success(
                request, _("You will receive a daily e-mail when new contributions match this search.")
            )
        else:
            messages.success(request, _("You will no longer receive e-mails for this search."))
        return self.done()


class DeleteSavedSearchView(_OwnSavedSearchView):
    def change(self, request, saved):
        saved.delete()
        messages.success(request, _("Saved search deleted."))
        return self.done()


@method_decorator(csrf_exempt, name="dispatch")
class TurnOffAlertsView(View):
    """Turn alerts off from a signed link, without signing in.

    As for forum subscriptions: the signed token is the credential, so CSRF
    protects nothing here and mail clients' one-click POST (RFC 8058) works;
    GET only asks, so link scanners turn nothing off.
    """

    template_name = "search_saved/turn_off.html"

    def get(self, request, token):
        return self.handle(request, token, confirm=False)

    def post(self, request, token):
        return self.handle(request, token, confirm=True)

    def handle(self, request, token, *, confirm):
        data = read_token(token)
        user = get_user_model().objects.filter(pk=data[0]).first() if data else None
        if user is None:
            return render(request, self.template_name, {"invalid": True}, status=400)
        searches = SavedSearch.objects.filter(user=user)
        saved = None
        if data[1] is not None:
            saved = searches.filter(pk=data[1]).first()
            if saved is None:  # deleted since the e-mail: nothing left to stop
                return render(request, self.template_name, {"gone": True})
            searches = searches.filter(pk=saved.pk)
        if confirm:
            searches.update(alert=SavedSearch.Alert.NONE)
        return render(request, self.template_name, {"saved": saved, "done": confirm})
