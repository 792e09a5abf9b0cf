"""Prepare an empty database: locales, a home page per language, a staff account."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from forum.profiles.names import made_up_username
from hub.models import HomePage
from hub.papers.analysts import ensure_analyst_group
from hub.registration.organisers import ensure_organiser_groups
from hub.taxonomy.data import load_taxonomy
from hub.translation import translate_page

# The home page's words in each language; the English text is the source
# that wagtail-localize segments, paragraph by paragraph.
HOME_CONTENT = {
    "en": {
        "title": "Migration Network Hub",
        "intro": [
            "The Migration Network Hub is where the UN Network on Migration runs "
            "stakeholder engagement for the regional reviews of the Global Compact for "
            "Safe, Orderly and Regular Migration.",
            "Follow the review roadmap, take part in your region's discussion space, "
            "and read the analysis papers presented before each regional review.",
        ],
    },
    "ar": {
        "title": "مركز الربط الشبكي المعني بالهجرة",
        "intro": [
            "مركز الربط الشبكي المعني بالهجرة هو المنصة التي تدير من خلالها شبكة الأمم "
            "المتحدة المعنية بالهجرة مشاركة أصحاب المصلحة في الاستعراضات الإقليمية "
            "للاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية.",
            "تابعوا خارطة طريق الاستعراض، وشاركوا في فضاء المناقشة الإقليمي الخاص "
            "بمنطقتكم، واطّلعوا على الأوراق التحليلية التي تُعرض قبل كل استعراض إقليمي.",
        ],
    },
    "fr": {
        "title": "Pôle du Réseau sur les migrations",
        "intro": [
            "Le Pôle du Réseau sur les migrations est la plateforme par laquelle le Réseau "
            "des Nations Unies sur les migrations organise la participation des parties "
            "prenantes aux examens régionaux du Pacte mondial pour des migrations sûres, "
            "ordonnées et régulières.",
            "Suivez la feuille de route des examens, participez à l'espace de discussion "
            "de votre région et consultez les documents d'analyse présentés avant chaque "
            "examen régional.",
        ],
    },
}


def home_strings(language_code):
    """Map each English source string of the home page to its translation."""
    source, target = HOME_CONTENT["en"], HOME_CONTENT[language_code]
    return {source["title"]: target["title"], **dict(zip(source["intro"], target["intro"], strict=True))}


STAFF_EMAIL = "editor@hub.localhost"


class Command(BaseCommand):
    help = (
        "Prepare the site on an empty database: the en/ar/fr locales, a home page in "
        "each language as the default site's root, the shared taxonomy (regions, "
        "objectives, principles, stakeholder groups, countries), the five regional discussion "
        "spaces with their moderator groups, the registration organisers' groups (one per "
        "region), the Analysts group (analysis papers), and a staff account whose "
        "credentials are printed. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--staff-email", default=STAFF_EMAIL)
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.VAR_DIR) / "staff-credentials.txt"),
            help="Where the generated staff password is kept so later runs can print it.",
        )
        parser.add_argument("--no-staff", action="store_true", help="Do not create a staff account.")

    def handle(self, *args, **options):
        with transaction.atomic():
            self.ensure_locales()
            home = self.ensure_home_page()
        counts = load_taxonomy()
        created = sum(count.created for count in counts.values())
        if created:
            self.stdout.write(f"Loaded the taxonomy: {created} terms and countries.")
        for language_code in ("ar", "fr"):
            if not home.has_translation(Locale.objects.get(language_code=language_code)):
                translate_page(home, language_code, home_strings(language_code))
                self.stdout.write(f"Translated the home page into {language_code}.")
        # The discussion spaces belong to the forum app; calling its command by
        # name keeps the hub free of imports from the forum.
        call_command("setup_spaces", verbosity=0)
        ensure_organiser_groups()
        ensure_analyst_group()
        if not options["no_staff"]:
            self.ensure_staff(options["staff_email"], Path(options["credentials_file"]))

    def ensure_locales(self):
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

    def ensure_home_page(self):
        english = Locale.objects.get(language_code="en")
        home = HomePage.objects.filter(locale=english).first()
        if home is None:
            # Wagtail's first migration leaves a plain "Welcome" page as the
            # default site's root; it holds no content, and its slug is ours.
            # Deleting it also deletes the default Site, which we recreate.
            Page.objects.filter(
                depth=2, content_type__model="page", content_type__app_label="wagtailcore"
            ).delete()
            home = Page.get_first_root_node().add_child(
                instance=HomePage(
                    title=HOME_CONTENT["en"]["title"],
                    slug="home",
                    intro="".join(f"<p>{p}</p>" for p in HOME_CONTENT["en"]["intro"]),
                    locale=english,
                )
            )
            home.save_revision().publish()
            self.stdout.write("Created the English home page.")
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Migration Network Hub",
            },
        )
        return home

    def ensure_staff(self, email, credentials_file):
        from allauth.account.models import EmailAddress

        user_model = get_user_model()
        if user_model.objects.filter(email__iexact=email).exists():
            if credentials_file.exists():
                self.stdout.write(credentials_file.read_text())
            else:
                self.stdout.write(f"Staff account {email} already exists.")
            return
        password = secrets.token_urlsafe(12)
        # Staff sign in by address; the username, shown nowhere, is made up like everyone's.
        user = user_model.objects.create_superuser(
            username=made_up_username(), email=email, password=password
        )
        # The staff account is made by the operator, so its address counts as
        # verified; allauth would otherwise hold it at the confirmation step.
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        credentials_file.parent.mkdir(parents=True, exist_ok=True)
        credentials_file.write_text(f"Staff account: {email}\nPassword: {password}\n")
        credentials_file.chmod(0o600)
        self.stdout.write(credentials_file.read_text())
