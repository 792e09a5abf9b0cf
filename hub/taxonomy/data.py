"""The shared taxonomy's content in English, Arabic and French, and its loader.

The data here is the source of truth: ``load_taxonomy()`` (and the
``load_taxonomy`` command) writes it into the taxonomy snippets, creating the
English rows and then their Arabic and French translations, which share the
English row's ``translation_key`` as wagtail-localize expects. Slugs never
change once published: pages, forum spaces and search facets refer to them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from wagtail.search.backends import get_search_backends

from .models import Country, GcmObjective, GuidingPrinciple, Region, StakeholderGroup
from .objective_descriptions import DESCRIPTIONS as OBJECTIVE_DESCRIPTIONS
from .thesaurus import load_thesaurus

# Each translated field is a mapping language code -> text; the English text
# is the source the other languages translate.
LANGUAGES = ("en", "ar", "fr")


def _t(en, ar, fr):
    return {"en": en, "ar": ar, "fr": fr}


REGIONS = [
    {
        "slug": "africa",
        "name": _t("Africa", "أفريقيا", "Afrique"),
        "description": _t(
            "The African regional review brings together the continent's member states, its regional "
            "economic communities and stakeholders to take stock of how the Global Compact is being "
            "implemented in Africa.",
            "يجمع الاستعراض الإقليمي الأفريقي الدول الأعضاء في القارة وجماعاتها الاقتصادية الإقليمية "
            "وأصحاب المصلحة لتقييم ما أُحرز من تقدم في تنفيذ الاتفاق العالمي في أفريقيا.",
            "L'examen régional africain réunit les États membres du continent, ses communautés "
            "économiques régionales et les parties prenantes pour faire le point sur la mise en œuvre "
            "du Pacte mondial en Afrique.",
        ),
        "review_convenors": _t(
            "UN Economic Commission for Africa (ECA) and the regional UN Network on Migration",
            "اللجنة الاقتصادية لأفريقيا التابعة للأمم المتحدة وشبكة الأمم المتحدة الإقليمية المعنية بالهجرة",
            "Commission économique pour l'Afrique (CEA) et le réseau régional des Nations Unies sur "
            "les migrations",
        ),
    },
    {
        "slug": "arab-states",
        "name": _t("Arab States", "الدول العربية", "États arabes"),
        "description": _t(
            "The Arab regional review is preceded by a multi-stakeholder consultation in which civil "
            "society, migrants and other stakeholders put their priorities to the governments of the "
            "Arab region.",
            "يسبق الاستعراضَ الإقليمي العربي مشاورةٌ لأصحاب المصلحة المتعددين يعرض فيها المجتمع المدني "
            "والمهاجرون وسائر أصحاب المصلحة أولوياتهم على حكومات المنطقة العربية.",
            "L'examen régional arabe est précédé d'une consultation multipartite au cours de laquelle "
            "la société civile, les migrants et les autres parties prenantes présentent leurs "
            "priorités aux gouvernements de la région arabe.",
        ),
        "review_convenors": _t(
            "International Organization for Migration (IOM), UN Economic and Social Commission for "
            "Western Asia (UN-ESCWA) and the League of Arab States",
            "المنظمة الدولية للهجرة ولجنة الأمم المتحدة الاقتصادية والاجتماعية لغربي آسيا (الإسكوا) "
            "وجامعة الدول العربية",
            "Organisation internationale pour les migrations (OIM), Commission économique et sociale "
            "pour l'Asie occidentale (CESAO) et Ligue des États arabes",
        ),
    },
    {
        "slug": "asia-pacific",
        "name": _t("Asia and the Pacific", "آسيا والمحيط الهادئ", "Asie et Pacifique"),
        "description": _t(
            "The Asia-Pacific regional review covers countries from South and South-East Asia to the "
            "Pacific islands and draws on stakeholder pre-consultations held ahead of the "
            "intergovernmental meeting.",
            "يشمل استعراض منطقة آسيا والمحيط الهادئ بلدانًا تمتد من جنوب آسيا وجنوبها الشرقي إلى جزر "
            "المحيط الهادئ، ويستند إلى مشاورات تمهيدية مع أصحاب المصلحة تُعقد قبل الاجتماع الحكومي الدولي.",
            "L'examen régional pour l'Asie et le Pacifique couvre des pays allant de l'Asie du Sud et "
            "du Sud-Est aux îles du Pacifique et s'appuie sur des consultations préparatoires des "
            "parties prenantes tenues avant la réunion intergouvernementale.",
        ),
        "review_convenors": _t(
            "UN Economic and Social Commission for Asia and the Pacific (ESCAP) and the regional UN "
            "Network on Migration",
            "اللجنة الاقتصادية والاجتماعية لآسيا والمحيط الهادئ (الإسكاب) وشبكة الأمم المتحدة الإقليمية "
            "المعنية بالهجرة",
            "Commission économique et sociale pour l'Asie et le Pacifique (CESAP) et le réseau "
            "régional des Nations Unies sur les migrations",
        ),
    },
    {
        "slug": "europe",
        "name": _t("Europe and North America", "أوروبا وأمريكا الشمالية", "Europe et Amérique du Nord"),
        "description": _t(
            "The review for the UNECE region brings the states of Europe, North America and Central "
            "Asia together with stakeholders to assess progress and gaps in implementing the Global "
            "Compact.",
            "يجمع استعراض منطقة اللجنة الاقتصادية لأوروبا دول أوروبا وأمريكا الشمالية وآسيا الوسطى مع "
            "أصحاب المصلحة لتقييم التقدم المحرز والثغرات القائمة في تنفيذ الاتفاق العالمي.",
            "L'examen pour la région de la CEE réunit les États d'Europe, d'Amérique du Nord et d'Asie "
            "centrale et les parties prenantes pour évaluer les progrès et les lacunes dans la mise en "
            "œuvre du Pacte mondial.",
        ),
        "review_convenors": _t(
            "UN Economic Commission for Europe (UNECE) and the regional UN Network on Migration",
            "لجنة الأمم المتحدة الاقتصادية لأوروبا وشبكة الأمم المتحدة الإقليمية المعنية بالهجرة",
            "Commission économique pour l'Europe (CEE) et le réseau régional des Nations Unies sur "
            "les migrations",
        ),
    },
    {
        "slug": "latin-america-caribbean",
        "name": _t(
            "Latin America and the Caribbean",
            "أمريكا اللاتينية ومنطقة البحر الكاريبي",
            "Amérique latine et Caraïbes",
        ),
        "description": _t(
            "The Latin American and Caribbean regional review gathers governments and stakeholders, "
            "building on the region's standing stakeholder advisory mechanism, to review progress on "
            "the Global Compact.",
            "يجمع الاستعراض الإقليمي لأمريكا اللاتينية ومنطقة البحر الكاريبي الحكومات وأصحاب المصلحة، "
            "مستندًا إلى الآلية الاستشارية الدائمة لأصحاب المصلحة في المنطقة، لاستعراض التقدم في تنفيذ "
            "الاتفاق العالمي.",
            "L'examen régional pour l'Amérique latine et les Caraïbes réunit gouvernements et parties "
            "prenantes, en s'appuyant sur le mécanisme consultatif permanent des parties prenantes de "
            "la région, pour évaluer les progrès du Pacte mondial.",
        ),
        "review_convenors": _t(
            "UN Economic Commission for Latin America and the Caribbean (ECLAC) and the regional UN "
            "Network on Migration",
            "اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي وشبكة الأمم المتحدة الإقليمية "
            "المعنية بالهجرة",
            "Commission économique pour l'Amérique latine et les Caraïbes (CEPALC) et le réseau "
            "régional des Nations Unies sur les migrations",
        ),
    },
]

# Short titles, numbered as in the Compact; the slug names the theme so a URL
# or a search facet reads on its own (``?objective=remittances``).
OBJECTIVES = [
    {
        "number": 1,
        "slug": "accurate-data",
        "name": _t("Accurate and disaggregated data", "بيانات دقيقة ومصنفة", "Données exactes et ventilées"),
    },
    {
        "number": 2,
        "slug": "adverse-drivers",
        "name": _t(
            "Minimise adverse drivers",
            "التقليل إلى أدنى حد من الدوافع السلبية",
            "Réduire au minimum les facteurs négatifs",
        ),
    },
    {
        "number": 3,
        "slug": "information",
        "name": _t(
            "Information at all stages of migration",
            "المعلومات في جميع مراحل الهجرة",
            "Information à toutes les étapes de la migration",
        ),
    },
    {
        "number": 4,
        "slug": "legal-identity",
        "name": _t(
            "Legal identity and documentation",
            "الهوية القانونية والوثائق",
            "Identité juridique et documents",
        ),
    },
    {
        "number": 5,
        "slug": "regular-pathways",
        "name": _t(
            "Pathways for regular migration",
            "مسارات الهجرة النظامية",
            "Filières de migration régulière",
        ),
    },
    {
        "number": 6,
        "slug": "fair-recruitment",
        "name": _t(
            "Fair and ethical recruitment, decent work",
            "التوظيف العادل والأخلاقي والعمل اللائق",
            "Recrutement équitable et éthique, travail décent",
        ),
    },
    {
        "number": 7,
        "slug": "vulnerabilities",
        "name": _t("Reduce vulnerabilities", "الحد من أوجه الضعف", "Réduire les vulnérabilités"),
    },
    {
        "number": 8,
        "slug": "save-lives",
        "name": _t(
            "Save lives; missing migrants",
            "إنقاذ الأرواح؛ المهاجرون المفقودون",
            "Sauver des vies ; migrants disparus",
        ),
    },
    {
        "number": 9,
        "slug": "smuggling",
        "name": _t(
            "Counter smuggling of migrants",
            "مكافحة تهريب المهاجرين",
            "Lutte contre le trafic illicite de migrants",
        ),
    },
    {
        "number": 10,
        "slug": "trafficking",
        "name": _t(
            "Eradicate trafficking in persons",
            "القضاء على الاتجار بالأشخاص",
            "Éliminer la traite des personnes",
        ),
    },
    {
        "number": 11,
        "slug": "border-management",
        "name": _t(
            "Integrated border management",
            "الإدارة المتكاملة للحدود",
            "Gestion intégrée des frontières",
        ),
    },
    {
        "number": 12,
        "slug": "migration-procedures",
        "name": _t(
            "Certainty and predictability in migration procedures",
            "اليقين وإمكانية التنبؤ في إجراءات الهجرة",
            "Sécurité et prévisibilité des procédures migratoires",
        ),
    },
    {
        "number": 13,
        "slug": "detention",
        "name": _t(
            "Detention only as a last resort",
            "عدم اللجوء إلى الاحتجاز إلا كملاذ أخير",
            "Rétention administrative en dernier ressort",
        ),
    },
    {
        "number": 14,
        "slug": "consular-protection",
        "name": _t(
            "Consular protection and assistance",
            "الحماية والمساعدة القنصليتان",
            "Protection et assistance consulaires",
        ),
    },
    {
        "number": 15,
        "slug": "basic-services",
        "name": _t(
            "Access to basic services",
            "الحصول على الخدمات الأساسية",
            "Accès aux services de base",
        ),
    },
    {
        "number": 16,
        "slug": "inclusion-cohesion",
        "name": _t(
            "Inclusion and social cohesion",
            "الإدماج والتماسك الاجتماعي",
            "Inclusion et cohésion sociale",
        ),
    },
    {
        "number": 17,
        "slug": "discrimination",
        "name": _t(
            "Eliminate discrimination; evidence-based public discourse",
            "القضاء على التمييز؛ خطاب عام قائم على الأدلة",
            "Éliminer la discrimination ; débat public fondé sur des données factuelles",
        ),
    },
    {
        "number": 18,
        "slug": "skills",
        "name": _t(
            "Skills development and recognition",
            "تنمية المهارات والاعتراف بها",
            "Développement et reconnaissance des compétences",
        ),
    },
    {
        "number": 19,
        "slug": "diaspora-development",
        "name": _t(
            "Migrants and diasporas contributing to sustainable development",
            "إسهام المهاجرين والمغتربين في التنمية المستدامة",
            "Contribution des migrants et des diasporas au développement durable",
        ),
    },
    {
        "number": 20,
        "slug": "remittances",
        "name": _t(
            "Remittances and financial inclusion",
            "التحويلات المالية والشمول المالي",
            "Envois de fonds et inclusion financière",
        ),
    },
    {
        "number": 21,
        "slug": "return-reintegration",
        "name": _t(
            "Safe and dignified return, readmission, reintegration",
            "العودة الآمنة والكريمة وإعادة القبول وإعادة الإدماج",
            "Retour, réadmission et réintégration dans la sécurité et la dignité",
        ),
    },
    {
        "number": 22,
        "slug": "social-security",
        "name": _t(
            "Portability of social security entitlements",
            "قابلية نقل استحقاقات الضمان الاجتماعي",
            "Portabilité des droits de sécurité sociale",
        ),
    },
    {
        "number": 23,
        "slug": "global-partnerships",
        "name": _t(
            "International cooperation and global partnerships",
            "التعاون الدولي والشراكات العالمية",
            "Coopération internationale et partenariats mondiaux",
        ),
    },
]
# Each objective's full title and commitments (objective_descriptions.py: long
# text kept apart so this list stays readable).
for _objective in OBJECTIVES:
    _objective["description"] = OBJECTIVE_DESCRIPTIONS[_objective["number"]]

GUIDING_PRINCIPLES = [
    {
        "slug": "people-centred",
        "name": _t("People-centred", "محورية الإنسان", "Priorité à la dimension humaine"),
    },
    {
        "slug": "international-cooperation",
        "name": _t("International cooperation", "التعاون الدولي", "Coopération internationale"),
    },
    {
        "slug": "national-sovereignty",
        "name": _t("National sovereignty", "السيادة الوطنية", "Souveraineté nationale"),
    },
    {
        "slug": "rule-of-law",
        "name": _t(
            "Rule of law and due process",
            "سيادة القانون وضمانات مراعاة الأصول القانونية",
            "État de droit et garanties d'une procédure régulière",
        ),
    },
    {
        "slug": "sustainable-development",
        "name": _t("Sustainable development", "التنمية المستدامة", "Développement durable"),
    },
    {"slug": "human-rights", "name": _t("Human rights", "حقوق الإنسان", "Droits de l'homme")},
    {
        "slug": "gender-responsive",
        "name": _t(
            "Gender-responsive",
            "مراعاة المنظور الجنساني",
            "Prise en compte de la problématique femmes-hommes",
        ),
    },
    {
        "slug": "child-sensitive",
        "name": _t("Child-sensitive", "مراعاة مصالح الطفل", "Adaptation aux besoins de l'enfant"),
    },
    {
        "slug": "whole-of-government",
        "name": _t(
            "Whole-of-government approach",
            "نهج يشمل الحكومة بأسرها",
            "Approche mobilisant l'ensemble des pouvoirs publics",
        ),
    },
    {
        "slug": "whole-of-society",
        "name": _t(
            "Whole-of-society approach",
            "نهج يشمل المجتمع بأسره",
            "Approche mobilisant l'ensemble de la société",
        ),
    },
]

# The whole-of-society constituencies in the order registration forms and
# filters list them; "other" stays last as the catch-all.
STAKEHOLDER_GROUPS = [
    {"slug": "migrants", "name": _t("Migrants", "المهاجرون", "Migrants")},
    {"slug": "civil-society", "name": _t("Civil society", "المجتمع المدني", "Société civile")},
    {
        "slug": "migrant-and-diaspora-organisations",
        "name": _t(
            "Migrant and diaspora organisations",
            "منظمات المهاجرين والمغتربين",
            "Organisations de migrants et de la diaspora",
        ),
    },
    {
        "slug": "faith-based-organisations",
        "name": _t("Faith-based organisations", "المنظمات الدينية", "Organisations confessionnelles"),
    },
    {
        "slug": "local-authorities",
        "name": _t(
            "Local authorities and communities",
            "السلطات والمجتمعات المحلية",
            "Autorités et collectivités locales",
        ),
    },
    {"slug": "private-sector", "name": _t("Private sector", "القطاع الخاص", "Secteur privé")},
    {"slug": "trade-unions", "name": _t("Trade unions", "النقابات العمالية", "Syndicats")},
    {"slug": "parliamentarians", "name": _t("Parliamentarians", "البرلمانيون", "Parlementaires")},
    {
        "slug": "national-human-rights-institutions",
        "name": _t(
            "National human rights institutions",
            "المؤسسات الوطنية لحقوق الإنسان",
            "Institutions nationales des droits de l'homme",
        ),
    },
    {
        "slug": "red-cross-red-crescent",
        "name": _t(
            "International Red Cross and Red Crescent Movement",
            "الحركة الدولية للصليب الأحمر والهلال الأحمر",
            "Mouvement international de la Croix-Rouge et du Croissant-Rouge",
        ),
    },
    {"slug": "academia", "name": _t("Academia", "الأوساط الأكاديمية", "Milieux universitaires")},
    {"slug": "media", "name": _t("Media", "وسائط الإعلام", "Médias")},
    {"slug": "children-and-youth", "name": _t("Children and youth", "الأطفال والشباب", "Enfants et jeunes")},
    {"slug": "un-system", "name": _t("UN system", "منظومة الأمم المتحدة", "Système des Nations Unies")},
    {
        "slug": "other",
        "name": _t(
            "Other relevant stakeholders",
            "جهات معنية أخرى ذات صلة",
            "Autres parties prenantes concernées",
        ),
    },
]


def _codes(text):
    return text.split()


# The 193 UN member states and the State of Palestine (a UN observer state
# that takes part in the Arab regional review), by ISO 3166-1 alpha-2 code,
# each in exactly one region. Several states sit in two UN regional commissions (Egypt and
# Morocco belong to both ECA and ESCWA, Türkiye and Kazakhstan to both UNECE and
# ESCAP), but a country must point to one regional discussion space and one
# analysis paper, or its stakeholders' contributions would be counted twice.
# The rule: League of Arab States members go to the Arab States, the other
# UNECE members to Europe, and the rest by continent.
COUNTRIES_BY_REGION = {
    # The 22 members of the League of Arab States.
    "arab-states": _codes("AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE"),
    "africa": _codes(
        "AO BF BI BJ BW CD CF CG CI CM CV ER ET GA GH GM GN GQ GW KE LR LS MG ML MU MW MZ NA NE "
        "NG RW SC SL SN SS ST SZ TD TG TZ UG ZA ZM ZW"
    ),
    # UNECE members: Europe, North America, the Caucasus, Central Asia and Israel.
    "europe": _codes(
        "AD AL AM AT AZ BA BE BG BY CA CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IL IS IT KG "
        "KZ LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM TJ TM TR UA US UZ"
    ),
    "latin-america-caribbean": _codes(
        "AG AR BB BO BR BS BZ CL CO CR CU DM DO EC GD GT GY HN HT JM KN LC MX NI PA PE PY SR SV TT UY VC VE"
    ),
    "asia-pacific": _codes(
        "AF AU BD BN BT CN FJ FM ID IN IR JP KH KI KP KR LA LK MH MM MN MV MY NP NR NZ PG PH PK "
        "PW SB SG TH TL TO TV VN VU WS"
    ),
}

# Arab countries with a UN country network on migration.
UN_COUNTRY_NETWORKS = frozenset(_codes("DZ BH DJ IQ JO KW LB LY MR QA SA SO SD TN AE YE"))


# ---------------------------------------------------------------- loading


@dataclass
class LoadCount:
    """What one load did to one model's rows (all locales together)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Rows the data would change but staff edited in the admin (thesaurus concepts).
    kept: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    def __str__(self):
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        return text + (f", {self.kept} kept as edited in the admin" if self.kept else "")


def _term_values(entry, language, sort_order):
    """The field values of one taxonomy entry in one language."""
    values = {"sort_order": sort_order}
    for field, value in entry.items():
        values[field] = value[language] if isinstance(value, dict) else value
    return values


def _assign(instance, values):
    """Set ``values`` on ``instance``; True if anything changed."""
    changed = False
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


def _reindex(model, instances):
    # bulk_create and bulk_update send no post_save, so the search index
    # that Wagtail's signal handlers would keep is updated here.
    if instances:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, instances)


def _load_terms(model, entries, locales):
    """Create or update the rows of one translatable taxonomy model.

    English rows first; every other locale's row is made with
    ``copy_for_translation`` from its English row, so it shares the
    ``translation_key`` and the snippet admin lists it as a translation.
    Rows no longer in the data are left alone: pages may still refer to them.
    """
    default = locales[0]
    count = LoadCount()
    fields = sorted({field for entry in entries for field in entry} | {"sort_order"})
    sources = {}
    for locale in locales:
        language = locale.language_code
        existing = list(model.objects.filter(locale=locale))
        by_key = {row.translation_key: row for row in existing}
        by_slug = {row.slug: row for row in existing}
        to_create, to_update = [], []
        for order, entry in enumerate(entries, start=1):
            values = _term_values(entry, language, order)
            if locale == default:
                row = by_slug.get(entry["slug"])
            else:
                source = sources[entry["slug"]]
                # Match on the translation key first so an editor's change of
                # slug in one language is repaired rather than duplicated.
                row = by_key.get(source.translation_key) or by_slug.get(entry["slug"])
                values["translation_key"] = source.translation_key
            if row is None:
                row = (
                    model(locale=locale, **values)
                    if locale == default
                    else source.copy_for_translation(locale)
                )
                _assign(row, values)
                to_create.append(row)
            elif _assign(row, values):
                to_update.append(row)
            else:
                count.unchanged += 1
            if locale == default:
                sources[entry["slug"]] = row
        model.objects.bulk_create(to_create)
        model.objects.bulk_update(to_update, [*fields, "translation_key"])
        _reindex(model, to_create + to_update)
        count.created += len(to_create)
        count.updated += len(to_update)
    return count


def _load_countries(regions):
    count = LoadCount()
    existing = {str(country.code): country for country in Country.objects.all()}
    to_create, to_update = [], []
    for region_slug, codes in COUNTRIES_BY_REGION.items():
        for code in codes:
            values = {
                "region_id": regions[region_slug].pk,
                "has_un_country_network": code in UN_COUNTRY_NETWORKS,
            }
            country = existing.get(code)
            if country is None:
                to_create.append(Country(code=code, **values))
            elif _assign(country, values):
                to_update.append(country)
            else:
                count.unchanged += 1
    Country.objects.bulk_create(to_create)
    Country.objects.bulk_update(to_update, ["region", "has_un_country_network"])
    _reindex(Country, to_create + to_update)
    count.created, count.updated = len(to_create), len(to_update)
    return count


def _locales():
    """The default locale first, then every other language the data covers
    (created if missing, so the loader also works on a bare database)."""
    from wagtail.models import Locale

    content_languages = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    locales = [
        Locale.objects.get_or_create(language_code=language)[0]
        for language in LANGUAGES
        if language in content_languages
    ]
    default = Locale.get_default()
    return [default, *(locale for locale in locales if locale != default)]


def load_taxonomy():
    """Write the taxonomy into the database; safe to run again.

    Returns a ``LoadCount`` per model name: regions, objectives, principles,
    stakeholder groups and countries.
    """
    with transaction.atomic():
        locales = _locales()
        counts = {
            "regions": _load_terms(Region, REGIONS, locales),
            "objectives": _load_terms(GcmObjective, OBJECTIVES, locales),
            "guiding principles": _load_terms(GuidingPrinciple, GUIDING_PRINCIPLES, locales),
            "stakeholder groups": _load_terms(StakeholderGroup, STAKEHOLDER_GROUPS, locales),
        }
        regions = {region.slug: region for region in Region.objects.filter(locale=locales[0])}
        counts["countries"] = _load_countries(regions)
        counts["thesaurus concepts"] = LoadCount(*load_thesaurus())
    return counts
