"""The registration pages under an event: …/register/ and …/registration/.

Signed-in people only (others are sent to sign in and come back); every
rule — open, deadline, places, one registration each — is checked again on
the server when the form is sent, whatever the page showed.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from hub.models import RegistrationStatus
from search.ratelimit import consume, viewer_key

from . import services
from .forms import RegistrationForm, initial_from

# Sending the form (register, change, cancel): a person needs a handful of
# tries, a script hundreds. Counted per account in the cache (search.ratelimit).
SUBMISSION_LIMIT = "10/m,40/h"


def _rate_limited(request):
    return consume("registration", viewer_key(request, request.user), SUBMISSION_LIMIT)


def _sign_in(request):
    login = reverse("account_login")
    return HttpResponseRedirect(f"{login}?{urlencode({'next': request.get_full_path()})}")


def _page_url(page, name):
    return page.url + page.reverse_subpage(name)


def _too_many(request, page, seconds):
    response = render(
        request, "hub/registration/too_many.html", {"page": page, "retry_after": seconds}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response


@csrf_protect
def register(request, page):
    if not page.registration_open:
        raise Http404
    if not request.user.is_authenticated:
        return _sign_in(request)
    existing = services.own_registration(page, request.user)
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        return HttpResponseRedirect(_page_url(page, "registration"))
    event = page.registration_source
    context = {"page": page, "event": event, "closed": event.registration_closed}
    if event.registration_closed:
        return render(request, "hub/registration/register.html", context)
    if request.method == "POST":
        seconds = _rate_limited(request)
        if seconds:
            return _too_many(request, page, seconds)
        form = RegistrationForm(request.POST, event=event)
        if form.is_valid():
            try:
                outcome = services.register(page, request.user, form.cleaned_data, get_language())
            except services.RegistrationClosed:
                context["closed"] = True
                return render(request, "hub/registration/register.html", context)
            except services.AlreadyRegistered:
                return HttpResponseRedirect(_page_url(page, "registration"))
            if outcome.waitlisted:
                messages.warning(
                    request,
                    _(
                        "The event is full: you are on the waiting list. If a place becomes free, "
                        "it is yours and we will tell you by e-mail."
                    ),
                )
            else:
                messages.success(request, _("You are registered. A confirmation is on its way by e-mail."))
            return HttpResponseRedirect(_page_url(page, "registration"))
    else:
        form = RegistrationForm(initial=initial_from(request.user), event=event)
    context["form"] = form
    context["full"] = services.is_full(event)
    return render(request, "hub/registration/register.html", context)


@csrf_protect
def my_registration(request, page):
    """The signed-in person's own registration: view, change, cancel.

    There is no registration id in the address: each person only ever
    reaches their own.
    """
    if not page.registration_open:
        raise Http404
    if not request.user.is_authenticated:
        return _sign_in(request)
    registration = services.own_registration(page, request.user)
    if registration is None:
        raise Http404
    event = registration.event
    can_change = registration.status != RegistrationStatus.CANCELLED and not event.registration_closed
    form = None
    if request.method == "POST":
        if not can_change:
            messages.error(request, _("Registration has closed: your registration can no longer be changed."))
            return HttpResponseRedirect(_page_url(page, "registration"))
        seconds = _rate_limited(request)
        if seconds:
            return _too_many(request, page, seconds)
        try:
            if request.POST.get("action") == "cancel":
                services.cancel(registration)
                messages.success(request, _("Your registration is cancelled."))
                return HttpResponseRedirect(_page_url(page, "registration"))
            form = RegistrationForm(request.POST, event=event)
            if form.is_valid():
                services.change(registration, form.cleaned_data)
                messages.success(request, _("Your changes are saved."))
                return HttpResponseRedirect(_page_url(page, "registration"))
        except services.RegistrationClosed:
            messages.error(request, _("Registration has closed: your registration can no longer be changed."))
            return HttpResponseRedirect(_page_url(page, "registration"))
    elif can_change:
        form = RegistrationForm(initial=initial_from(request.user, registration), event=event)
    context = {
        "page": page,
        "event": event,
        "registration": registration,
        "floor_requests": list(registration.floor_requests.all()),
        "form": form,
        "can_change": can_change,
        "editing": request.method == "POST" or request.GET.get("change") == "1",
    }
    return render(request, "hub/registration/registration.html", context)
