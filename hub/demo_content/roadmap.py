"""The 2023–2024 roadmap: its phases, and every milestone as precisely as it was known.

The dates are those of the roadmap agreed on 27 September 2023 (a day, one of
two days, a week of a month, a month, part of a year or a year, some still to
be confirmed), plus the days the Arab consultation and review were actually
held. Which milestone feeds which is not written here: the roadmap derives it
from the stages within each region.
"""

import datetime

from hub.core.dates import DatePrecision, PartOfYear
from hub.models import Milestone, MilestoneKind, Region, RoadmapPage, RoadmapPhase

from .spec import PageSpec
from .text import GENEVA, T, paragraph

Kind = MilestoneKind
Precision = DatePrecision
day = datetime.date

PRE_CONSULTATION = T("Virtual pre-consultation", "المشاورة التمهيدية الافتراضية", "Préconsultation virtuelle")
CONSULTATION = T(
    "Multi-stakeholder consultation", "مشاورة أصحاب المصلحة المتعددين", "Consultation multipartite"
)
REVIEW = T("Regional review", "الاستعراض الإقليمي", "Examen régional")
ANALYSIS_PAPER = T(
    "Analysis paper of the discussion space",
    "الورقة التحليلية لفضاء المناقشة",
    "Document d'analyse de l'espace de discussion",
)
GLOBAL_NOTE = T(
    "Online, with briefings by the regional UN networks.",
    "عبر الإنترنت، مع إحاطات من شبكات الأمم المتحدة الإقليمية.",
    "En ligne, avec des présentations des réseaux régionaux des Nations Unies.",
)
TWO_PRE_CONSULTATIONS = T(
    "One of two separate pre-consultations; both feed the consultation.",
    "إحدى مشاورتين تمهيديتين منفصلتين تصبّ كلتاهما في المشاورة.",
    "L'une des deux préconsultations distinctes ; toutes deux alimentent la consultation.",
)

PHASES = [
    {
        "title": T(
            "Global virtual stakeholder consultations",
            "المشاورات العالمية الافتراضية مع أصحاب المصلحة",
            "Consultations mondiales virtuelles des parties prenantes",
        ),
        "description": T(
            "Briefings by each regional UN network, and feedback on the process and the expected "
            "results of the second round.",
            "إحاطات من كل شبكة إقليمية للأمم المتحدة، وملاحظات بشأن العملية والنتائج المتوقعة للجولة "
            "الثانية.",
            "Présentations de chaque réseau régional des Nations Unies, et avis sur le processus et "
            "les résultats attendus du deuxième cycle.",
        ),
        "date_precision": Precision.MONTHS,
        "date_start": day(2023, 10, 1),
        "date_end": day(2023, 11, 1),
    },
    {
        "title": T(
            "Regional virtual pre-consultations",
            "المشاورات التمهيدية الإقليمية الافتراضية",
            "Préconsultations régionales virtuelles",
        ),
        "description": T(
            "Thematic input on priorities, progress, gaps and recommendations, and feedback on "
            "stakeholder engagement in the region and in each country.",
            "مدخلات مواضيعية عن الأولويات والتقدم والثغرات والتوصيات، وملاحظات حول مشاركة أصحاب "
            "المصلحة في المنطقة وفي كل بلد.",
            "Apports thématiques sur les priorités, les progrès, les lacunes et les recommandations, "
            "et avis sur la participation des parties prenantes dans la région et dans chaque pays.",
        ),
        "date_precision": Precision.MONTHS,
        "date_start": day(2023, 10, 1),
        "date_end": day(2024, 12, 1),
    },
    {
        "title": T(
            "In-person multi-stakeholder consultations",
            "مشاورات حضورية لأصحاب المصلحة المتعددين",
            "Consultations multipartites en présentiel",
        ),
        "description": T(
            "One per region, sometimes prepared by sub-regional consultations, with interpretation in "
            "the relevant UN languages.",
            "مشاورة واحدة لكل منطقة، تمهّد لها أحيانًا مشاورات دون إقليمية، مع ترجمة فورية بلغات الأمم "
            "المتحدة ذات الصلة.",
            "Une par région, parfois préparée par des consultations sous-régionales, avec "
            "interprétation dans les langues des Nations Unies concernées.",
        ),
        "date_precision": Precision.MONTHS,
        "date_start": day(2024, 3, 1),
        "date_end": day(2025, 3, 1),
    },
]

# (region slug or None, kind, title, date fields, extras); "event" names an event page's key.
MILESTONES = [
    (
        None,
        Kind.GLOBAL_CONSULTATION,
        T(
            "Global stakeholder consultation: Africa, Europe, Latin America and the Caribbean",
            "مشاورة عالمية لأصحاب المصلحة: أفريقيا وأوروبا وأمريكا اللاتينية ومنطقة البحر الكاريبي",
            "Consultation mondiale des parties prenantes : Afrique, Europe, Amérique latine et Caraïbes",
        ),
        {"date_precision": Precision.DAY, "date_start": day(2023, 10, 31)},
        {"note": GLOBAL_NOTE},
    ),
    (
        None,
        Kind.GLOBAL_CONSULTATION,
        T(
            "Global stakeholder consultation: Asia-Pacific, Middle East and North Africa",
            "مشاورة عالمية لأصحاب المصلحة: آسيا والمحيط الهادئ والشرق الأوسط وشمال أفريقيا",
            "Consultation mondiale des parties prenantes : Asie-Pacifique, Moyen-Orient et Afrique du Nord",
        ),
        {"date_precision": Precision.MONTH, "date_start": day(2023, 11, 1)},
        {"note": GLOBAL_NOTE},
    ),
    (
        None,
        Kind.DISCUSSION_SPACES,
        T(
            "The Hub opens five regional discussion spaces",
            "المركز يفتتح خمسة فضاءات إقليمية للمناقشة",
            "Le Pôle ouvre cinq espaces de discussion régionaux",
        ),
        {"date_precision": Precision.MONTH, "date_start": day(2023, 12, 1)},
        {},
    ),
    (
        None,
        Kind.OTHER,
        T(
            "Regional review results presented to the UN General Assembly",
            "عرض نتائج الاستعراضات الإقليمية على الجمعية العامة للأمم المتحدة",
            "Résultats des examens régionaux présentés à l'Assemblée générale des Nations Unies",
        ),
        {
            "date_precision": Precision.PART_OF_YEAR,
            "date_part": PartOfYear.SECOND_HALF,
            "date_start": day(2024, 7, 1),
        },
        {
            "location": T("New York", "نيويورك", "New York"),
            "note": T(
                "In a plenary meeting, under paragraph 77 of the IMRF Progress Declaration.",
                "في جلسة عامة، عملًا بالفقرة 77 من إعلان التقدم الصادر عن منتدى استعراض الهجرة الدولية.",
                "En séance plénière, conformément au paragraphe 77 de la Déclaration sur les progrès "
                "du Forum d'examen des migrations internationales.",
            ),
        },
    ),
    # Europe and North America opens the cycle.
    (
        "europe",
        Kind.PRE_CONSULTATION,
        PRE_CONSULTATION,
        {"date_precision": Precision.DAY, "date_start": day(2023, 11, 8), "date_tentative": True},
        {"event": "event:europe-pre-consultation-2023"},
    ),
    (
        "europe",
        Kind.CONSULTATION,
        CONSULTATION,
        {
            "date_precision": Precision.ALTERNATIVES,
            "date_start": day(2024, 3, 8),
            "date_end": day(2024, 3, 11),
            "date_tentative": True,
        },
        {},
    ),
    (
        "europe",
        Kind.REVIEW,
        REVIEW,
        {"date_precision": Precision.DAY, "date_start": day(2024, 3, 11)},
        {"location": GENEVA},
    ),
    # Africa.
    ("africa", Kind.PRE_CONSULTATION, PRE_CONSULTATION, {"date_start": day(2024, 3, 1)}, {}),
    ("africa", Kind.CONSULTATION, CONSULTATION, {"date_start": day(2024, 5, 1)}, {}),
    ("africa", Kind.REVIEW, REVIEW, {"date_start": day(2024, 5, 1)}, {}),
    # The Arab States: planned for June 2024, held in early July.
    ("arab-states", Kind.PRE_CONSULTATION, PRE_CONSULTATION, {"date_start": day(2024, 4, 1)}, {}),
    (
        "arab-states",
        Kind.CONSULTATION,
        CONSULTATION,
        {"date_start": day(2024, 6, 1), "held_start": day(2024, 7, 2)},
        {"event": "event:arab-states-consultation-2024"},
    ),
    (
        "arab-states",
        Kind.ANALYSIS_PAPER,
        ANALYSIS_PAPER,
        {
            "date_precision": Precision.PART_OF_YEAR,
            "date_part": PartOfYear.FIRST_HALF,
            "date_start": day(2024, 1, 1),
            "date_tentative": True,
        },
        {
            "note": T(
                "Presented before the regional review.",
                "تُعرض قبل الاستعراض الإقليمي.",
                "Présenté avant l'examen régional.",
            )
        },
    ),
    (
        "arab-states",
        Kind.REVIEW,
        REVIEW,
        {"date_start": day(2024, 6, 1), "held_start": day(2024, 7, 3), "held_end": day(2024, 7, 4)},
        {"event": "event:arab-states-review-2024"},
    ),
    # Latin America and the Caribbean.
    ("latin-america-caribbean", Kind.PRE_CONSULTATION, PRE_CONSULTATION, {"date_start": day(2024, 9, 1)}, {}),
    (
        "latin-america-caribbean",
        Kind.CONSULTATION,
        CONSULTATION,
        {"date_precision": Precision.WEEK_OF_MONTH, "date_start": day(2024, 11, 1), "date_week": 3},
        {},
    ),
    (
        "latin-america-caribbean",
        Kind.REVIEW,
        REVIEW,
        {"date_precision": Precision.WEEK_OF_MONTH, "date_start": day(2024, 11, 1), "date_week": 3},
        {},
    ),
    # Asia and the Pacific closes it: two pre-consultations feed one consultation.
    (
        "asia-pacific",
        Kind.PRE_CONSULTATION,
        T(
            "First virtual pre-consultation",
            "المشاورة التمهيدية الافتراضية الأولى",
            "Première préconsultation virtuelle",
        ),
        {
            "date_precision": Precision.PART_OF_YEAR,
            "date_part": PartOfYear.LATE,
            "date_start": day(2024, 9, 1),
        },
        {"note": TWO_PRE_CONSULTATIONS},
    ),
    (
        "asia-pacific",
        Kind.PRE_CONSULTATION,
        T(
            "Second virtual pre-consultation",
            "المشاورة التمهيدية الافتراضية الثانية",
            "Deuxième préconsultation virtuelle",
        ),
        {
            "date_precision": Precision.PART_OF_YEAR,
            "date_part": PartOfYear.LATE,
            "date_start": day(2024, 9, 1),
        },
        {"note": TWO_PRE_CONSULTATIONS},
    ),
    (
        "asia-pacific",
        Kind.CONSULTATION,
        CONSULTATION,
        {"date_precision": Precision.YEAR, "date_start": day(2025, 1, 1)},
        {},
    ),
    (
        "asia-pacific",
        Kind.REVIEW,
        REVIEW,
        {"date_precision": Precision.YEAR, "date_start": day(2025, 1, 1)},
        {},
    ),
]


def build(copy, pages):
    regions = {r.slug: r for r in Region.objects.filter(locale__language_code="en")}
    roadmap = RoadmapPage(
        title=copy(
            T(
                "Roadmap 2023–2024: stakeholder engagement in the regional reviews",
                "خارطة الطريق 2023–2024: مشاركة أصحاب المصلحة في الاستعراضات الإقليمية",
                "Feuille de route 2023–2024 : la participation des parties prenantes aux examens régionaux",
            )
        ),
        slug="roadmap-2023-2024",
        show_in_menus=True,
        as_of=day(2023, 9, 27),
        summary=copy(
            T(
                "The second round of regional reviews of the Global Compact for Migration, region by "
                "region: when stakeholders are consulted and when each review meets.",
                "الجولة الثانية من الاستعراضات الإقليمية للاتفاق العالمي للهجرة، منطقةً منطقة: متى "
                "يُستشار أصحاب المصلحة ومتى ينعقد كل استعراض.",
                "Le deuxième cycle d'examens régionaux du Pacte mondial sur les migrations, région par "
                "région : quand les parties prenantes sont consultées et quand chaque examen se réunit.",
            )
        ),
        body=[
            paragraph(
                copy,
                T(
                    "Dates are given as precisely as they were known when the roadmap was agreed on 27 "
                    "September 2023: a day, one of two days, a week, a month or part of a year, marked "
                    "when still to be confirmed. Where a meeting has since taken place on another day, "
                    "that day is shown too.",
                    "تَرِد المواعيد بالدقة التي كانت معروفة عند اعتماد خارطة الطريق في 27 أيلول/سبتمبر "
                    "2023: يوم محدد، أو أحد يومين، أو أسبوع، أو شهر، أو جزء من السنة، مع الإشارة إلى ما "
                    "لم يُؤكَّد بعد. وإذا انعقد اجتماع لاحقًا في يوم آخر، يُذكر ذلك اليوم أيضًا.",
                    "Les dates sont données aussi précisément qu'on les connaissait lors de l'adoption de "
                    "la feuille de route, le 27 septembre 2023 : un jour, l'un de deux jours, une "
                    "semaine, un mois ou une partie de l'année, signalés lorsqu'ils restent à confirmer. "
                    "Lorsqu'une réunion s'est tenue depuis à une autre date, celle-ci est également "
                    "indiquée.",
                ),
                T(
                    "Within each region, the pre-consultation feeds the multi-stakeholder consultation, "
                    "and the consultation and the analysis paper of the region's discussion space feed "
                    "the review.",
                    "وفي كل منطقة، تصبّ المشاورة التمهيدية في مشاورة أصحاب المصلحة المتعددين، وتصبّ "
                    "المشاورة والورقة التحليلية لفضاء المناقشة الإقليمي في الاستعراض.",
                    "Dans chaque région, la préconsultation alimente la consultation multipartite, et la "
                    "consultation comme le document d'analyse de l'espace de discussion régional "
                    "alimentent l'examen.",
                ),
            )
        ],
    )
    roadmap.phases = [
        RoadmapPhase(
            title=copy(phase["title"]),
            description=copy(phase["description"]),
            **{k: v for k, v in phase.items() if k not in ("title", "description")},
        )
        for phase in PHASES
    ]
    milestones = []
    for region_slug, kind, title, when, extras in MILESTONES:
        milestone = Milestone(
            region=regions[region_slug] if region_slug else None,
            kind=kind,
            title=copy(title),
            **{"date_precision": Precision.MONTH, **when},
        )
        for field in ("location", "note"):
            if field in extras:
                setattr(milestone, field, copy(extras[field]))
        if "event" in extras:
            milestone.event = pages[extras["event"]]
        milestones.append(milestone)
    roadmap.milestones = milestones
    return roadmap


# Built after the events it links to, then placed before them in the menu.
SPECS = [PageSpec(key="roadmap", parent="home", build=build, before="events")]
