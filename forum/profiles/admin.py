"""The Django admin's user list names people as the site does.

Staff looking someone up see the public name (``forum.profiles.names``)
beside the made-up username and the address, and can search by it.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .names import public_name

User = get_user_model()


class PublicNameUserAdmin(UserAdmin):
    list_display = ("public_name", "username", "email", "is_staff", "is_active")
    search_fields = (*UserAdmin.search_fields, "stakeholder_profile__display_name")
    list_select_related = ("stakeholder_profile",)

    @admin.display(description=_("public name"), ordering="stakeholder_profile__display_name")
    def public_name(self, user):
        return public_name(user)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PublicNameUserAdmin)
