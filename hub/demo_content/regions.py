"""One page per region: an introduction to its review and questions for its space."""

from hub.models import Region, RegionPage
from hub.taxonomy.data import REGIONS

from .spec import PageSpec
from .text import T, guiding_questions, heading, key_figures, paragraph

REGION_SLUGS = [entry["slug"] for entry in REGIONS]

SPACE_QUESTIONS = (
    T(
        "Questions for the discussion space",
        "أسئلة لفضاء المناقشة",
        "Questions pour l'espace de discussion",
    ),
    [
        T(
            "Which of the Compact's objectives has your region moved forward since the last review, and how?",
            "ما أهداف الاتفاق التي أحرزت منطقتكم تقدمًا فيها منذ الاستعراض الأخير، وكيف تحقق ذلك؟",
            "Quels objectifs du Pacte votre région a-t-elle fait avancer depuis le dernier examen, "
            "et comment ?",
        ),
        T(
            "Where do gaps remain, and what would close them?",
            "أين لا تزال الثغرات قائمة، وما الذي من شأنه سدّها؟",
            "Où subsistent des lacunes, et que faudrait-il pour les combler ?",
        ),
        T(
            "How could stakeholders take part more fully in the review, regionally and nationally?",
            "كيف يمكن لأصحاب المصلحة أن يشاركوا في الاستعراض مشاركة أوسع على المستويين الإقليمي والوطني؟",
            "Comment les parties prenantes pourraient-elles participer plus pleinement à l'examen, "
            "aux niveaux régional et national ?",
        ),
    ],
)

# Per region: the summary under the title, then the introduction's heading and paragraphs.
INTRODUCTIONS = {
    "africa": {
        "summary": T(
            "Stakeholders from across Africa prepare the continent's regional review of the Global "
            "Compact for Migration: a virtual pre-consultation, an in-person consultation, then the "
            "review itself.",
            "يستعد أصحاب المصلحة من مختلف أنحاء أفريقيا للاستعراض الإقليمي للاتفاق العالمي للهجرة في "
            "القارة: مشاورة تمهيدية افتراضية، ثم مشاورة حضورية، ثم الاستعراض نفسه.",
            "Les parties prenantes de toute l'Afrique préparent l'examen régional du Pacte mondial sur "
            "les migrations pour le continent : une préconsultation virtuelle, une consultation en "
            "présentiel, puis l'examen lui-même.",
        ),
        "heading": T("The review in Africa", "الاستعراض في أفريقيا", "L'examen en Afrique"),
        "paragraphs": [
            T(
                "The UN Economic Commission for Africa and the regional UN Network on Migration convene "
                "the review. Member states, regional economic communities and stakeholders take stock "
                "together of how the Compact is being implemented across the continent.",
                "تتولى اللجنة الاقتصادية لأفريقيا التابعة للأمم المتحدة وشبكة الأمم المتحدة الإقليمية "
                "المعنية بالهجرة الدعوة إلى الاستعراض. وتقيّم فيه الدول الأعضاء والجماعات الاقتصادية "
                "الإقليمية وأصحاب المصلحة معًا مدى تنفيذ الاتفاق في أنحاء القارة.",
                "La Commission économique des Nations Unies pour l'Afrique et le réseau régional des "
                "Nations Unies sur les migrations convoquent l'examen. États membres, communautés "
                "économiques régionales et parties prenantes y font ensemble le point sur la mise en "
                "œuvre du Pacte sur le continent.",
            ),
            T(
                "The roadmap plans the virtual pre-consultation for March 2024, and both the "
                "multi-stakeholder consultation and the review for May 2024. West and Central Africa "
                "already has a regional stakeholder engagement mechanism.",
                "تحدد خارطة الطريق شهر آذار/مارس 2024 موعدًا للمشاورة التمهيدية الافتراضية، وشهر "
                "أيار/مايو 2024 موعدًا لمشاورة أصحاب المصلحة المتعددين وللاستعراض معًا. وتوجد بالفعل في غرب "
                "أفريقيا ووسطها آلية إقليمية لإشراك أصحاب المصلحة.",
                "La feuille de route prévoit la préconsultation virtuelle en mars 2024, puis la "
                "consultation multipartite et l'examen en mai 2024. L'Afrique de l'Ouest et du Centre "
                "dispose déjà d'un mécanisme régional de participation des parties prenantes.",
            ),
        ],
    },
    "arab-states": {
        "summary": T(
            "The second Arab regional review of the Global Compact for Migration: the stakeholders' "
            "consultation and the conference of the region's states, convened by IOM, UN-ESCWA and "
            "the League of Arab States.",
            "الاستعراض الإقليمي العربي الثاني للاتفاق العالمي للهجرة: مشاورة أصحاب المصلحة ومؤتمر دول "
            "المنطقة، بدعوة من المنظمة الدولية للهجرة والإسكوا وجامعة الدول العربية.",
            "Le deuxième examen régional arabe du Pacte mondial sur les migrations : la consultation "
            "des parties prenantes et la conférence des États de la région, convoquées par l'OIM, la "
            "CESAO et la Ligue des États arabes.",
        ),
        "heading": T(
            "The review in the Arab region", "الاستعراض في المنطقة العربية", "L'examen dans la région arabe"
        ),
        "paragraphs": [
            T(
                "The International Organization for Migration, the UN Economic and Social Commission "
                "for Western Asia and the League of Arab States coordinate the review with the regional "
                "UN Network on Migration. Stakeholders meet first in a multi-stakeholder consultation; "
                "a rapporteur then carries their conclusions to the review conference.",
                "تنسّق المنظمة الدولية للهجرة ولجنة الأمم المتحدة الاقتصادية والاجتماعية لغربي آسيا "
                "(الإسكوا) وجامعة الدول العربية الاستعراضَ مع شبكة الأمم المتحدة الإقليمية المعنية "
                "بالهجرة. ويجتمع أصحاب المصلحة أولًا في مشاورة لأصحاب المصلحة المتعددين، ثم ينقل المقرر "
                "استنتاجاتهم إلى مؤتمر الاستعراض.",
                "L'Organisation internationale pour les migrations, la Commission économique et sociale "
                "des Nations Unies pour l'Asie occidentale et la Ligue des États arabes coordonnent "
                "l'examen avec le réseau régional des Nations Unies sur les migrations. Les parties "
                "prenantes se réunissent d'abord en consultation multipartite ; un rapporteur porte "
                "ensuite leurs conclusions devant la conférence d'examen.",
            ),
            T(
                "In the second cycle the consultation was held on 2 July 2024 and the conference on 3 "
                "and 4 July 2024. Arab states and stakeholders chose six key areas, each discussed in "
                "a plenary session: regular pathways and irregular migration, access to basic "
                "services, migrant workers and development, the human rights of the most vulnerable "
                "migrants, cooperation at every level, and data.",
                "في الدورة الثانية، عُقدت المشاورة في 2 تموز/يوليو 2024 والمؤتمر يومي 3 و4 تموز/يوليو "
                "2024. واختارت الدول العربية وأصحاب المصلحة ستة مجالات رئيسية نوقش كل منها في جلسة عامة: "
                "المسارات النظامية والهجرة غير النظامية، والحصول على الخدمات الأساسية، والعمال المهاجرون "
                "والتنمية، وحقوق الإنسان للمهاجرين الأشد ضعفًا، والتعاون على جميع المستويات، والبيانات.",
                "Lors du deuxième cycle, la consultation s'est tenue le 2 juillet 2024 et la conférence "
                "les 3 et 4 juillet 2024. États arabes et parties prenantes ont retenu six domaines "
                "clés, chacun débattu en séance plénière : voies régulières et migration irrégulière, "
                "accès aux services de base, travailleurs migrants et développement, droits humains "
                "des migrants les plus vulnérables, coopération à tous les niveaux, et données.",
            ),
            T(
                "UN country networks on migration work in sixteen countries of the region; they are "
                "marked in the list of member states.",
                "تعمل شبكات قُطرية للأمم المتحدة معنية بالهجرة في ستة عشر بلدًا من بلدان المنطقة، وهي "
                "مميَّزة في قائمة الدول الأعضاء.",
                "Des réseaux de pays des Nations Unies sur les migrations sont actifs dans seize pays "
                "de la région ; ils sont signalés dans la liste des États membres.",
            ),
        ],
        "figures": (
            T(
                "The first review, in 2021, in figures",
                "الاستعراض الأول عام 2021 بالأرقام",
                "Le premier examen, en 2021, en chiffres",
            ),
            [
                (
                    "200+",
                    T(
                        "participants in the consultation",
                        "مشارك في المشاورة",
                        "participants à la consultation",
                    ),
                ),
                (
                    "133",
                    T(
                        "responses to the online survey",
                        "ردًّا على الاستبيان الإلكتروني",
                        "réponses à l'enquête en ligne",
                    ),
                ),
                (
                    "600+",
                    T("participants in the conference", "مشارك في المؤتمر", "participants à la conférence"),
                ),
                (
                    "18",
                    T(
                        "member states at the conference",
                        "دولة عضوًا شاركت في المؤتمر",
                        "États membres à la conférence",
                    ),
                ),
            ],
        ),
    },
    "asia-pacific": {
        "summary": T(
            "From South Asia to the Pacific islands: the region's stakeholders take part in two "
            "pre-consultations that feed one consultation ahead of the regional review.",
            "من جنوب آسيا إلى جزر المحيط الهادئ: يشارك أصحاب المصلحة في المنطقة في مشاورتين تمهيديتين "
            "تصبّان في مشاورة واحدة قبل الاستعراض الإقليمي.",
            "De l'Asie du Sud aux îles du Pacifique : les parties prenantes de la région prennent part "
            "à deux préconsultations qui alimentent une seule consultation avant l'examen régional.",
        ),
        "heading": T(
            "The review in Asia and the Pacific",
            "الاستعراض في آسيا والمحيط الهادئ",
            "L'examen en Asie et dans le Pacifique",
        ),
        "paragraphs": [
            T(
                "The UN Economic and Social Commission for Asia and the Pacific convenes the review "
                "with the regional UN Network on Migration.",
                "تدعو اللجنة الاقتصادية والاجتماعية لآسيا والمحيط الهادئ (الإسكاب) إلى الاستعراض "
                "بالاشتراك مع شبكة الأمم المتحدة الإقليمية المعنية بالهجرة.",
                "La Commission économique et sociale des Nations Unies pour l'Asie et le Pacifique "
                "convoque l'examen avec le réseau régional des Nations Unies sur les migrations.",
            ),
            T(
                "The region closes the cycle. Two separate virtual pre-consultations are planned for "
                "late 2024; both feed a single multi-stakeholder consultation which, like the review, "
                "is expected in 2025.",
                "تختتم هذه المنطقة الدورة. فمن المقرر عقد مشاورتين تمهيديتين افتراضيتين منفصلتين في "
                "أواخر عام 2024، تصبّ كلتاهما في مشاورة واحدة لأصحاب المصلحة المتعددين يُتوقع عقدها، "
                "شأنها شأن الاستعراض، في عام 2025.",
                "La région clôt le cycle. Deux préconsultations virtuelles distinctes sont prévues fin "
                "2024 ; toutes deux alimentent une seule consultation multipartite, attendue comme "
                "l'examen en 2025.",
            ),
        ],
    },
    "europe": {
        "summary": T(
            "The review for Europe, North America and Central Asia, convened by UNECE in Geneva, and "
            "how stakeholders prepare for it.",
            "استعراض منطقة أوروبا وأمريكا الشمالية وآسيا الوسطى الذي تدعو إليه اللجنة الاقتصادية "
            "لأوروبا في جنيف، وكيف يستعد له أصحاب المصلحة.",
            "L'examen pour l'Europe, l'Amérique du Nord et l'Asie centrale, convoqué par la CEE à "
            "Genève, et la préparation des parties prenantes.",
        ),
        "heading": T(
            "The review in the UNECE region",
            "الاستعراض في منطقة اللجنة الاقتصادية لأوروبا",
            "L'examen dans la région de la CEE",
        ),
        "paragraphs": [
            T(
                "The UN Economic Commission for Europe and the regional UN Network on Migration "
                "convene the review, which the roadmap sets for 11 March 2024 in Geneva.",
                "تدعو لجنة الأمم المتحدة الاقتصادية لأوروبا وشبكة الأمم المتحدة الإقليمية المعنية "
                "بالهجرة إلى الاستعراض، الذي حددت له خارطة الطريق يوم 11 آذار/مارس 2024 في جنيف.",
                "La Commission économique des Nations Unies pour l'Europe et le réseau régional des "
                "Nations Unies sur les migrations convoquent l'examen, que la feuille de route fixe au "
                "11 mars 2024 à Genève.",
            ),
            T(
                "Europe opens the cycle: a virtual pre-consultation was planned for 8 November 2023 and "
                "the multi-stakeholder consultation for 8 or 11 March 2024, both still to be confirmed "
                "when the roadmap was agreed.",
                "تفتتح أوروبا الدورة: فقد خُطط لعقد مشاورة تمهيدية افتراضية في 8 تشرين الثاني/نوفمبر "
                "2023، ولعقد مشاورة أصحاب المصلحة المتعددين في 8 أو 11 آذار/مارس 2024، وكان الموعدان "
                "كلاهما بانتظار التأكيد عند اعتماد خارطة الطريق.",
                "L'Europe ouvre le cycle : une préconsultation virtuelle était prévue le 8 novembre 2023 "
                "et la consultation multipartite le 8 ou le 11 mars 2024, deux dates encore à confirmer "
                "lors de l'adoption de la feuille de route.",
            ),
        ],
    },
    "latin-america-caribbean": {
        "summary": T(
            "Latin America and the Caribbean prepare their regional review with a standing stakeholder "
            "advisory mechanism already in place.",
            "تستعد أمريكا اللاتينية ومنطقة البحر الكاريبي لاستعراضها الإقليمي، وفيها آلية استشارية دائمة "
            "لأصحاب المصلحة.",
            "L'Amérique latine et les Caraïbes préparent leur examen régional, forts d'un mécanisme "
            "consultatif permanent des parties prenantes.",
        ),
        "heading": T(
            "The review in Latin America and the Caribbean",
            "الاستعراض في أمريكا اللاتينية ومنطقة البحر الكاريبي",
            "L'examen en Amérique latine et dans les Caraïbes",
        ),
        "paragraphs": [
            T(
                "The UN Economic Commission for Latin America and the Caribbean and the regional UN "
                "Network on Migration convene the review.",
                "تدعو اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي وشبكة الأمم المتحدة "
                "الإقليمية المعنية بالهجرة إلى الاستعراض.",
                "La Commission économique des Nations Unies pour l'Amérique latine et les Caraïbes et "
                "le réseau régional des Nations Unies sur les migrations convoquent l'examen.",
            ),
            T(
                "The virtual pre-consultation is planned for September 2024. The multi-stakeholder "
                "consultation and the review follow one after the other in the third week of November "
                "2024.",
                "من المقرر عقد المشاورة التمهيدية الافتراضية في أيلول/سبتمبر 2024، تليها مشاورة أصحاب "
                "المصلحة المتعددين ثم الاستعراض في الأسبوع الثالث من تشرين الثاني/نوفمبر 2024.",
                "La préconsultation virtuelle est prévue en septembre 2024. La consultation "
                "multipartite et l'examen se suivent la troisième semaine de novembre 2024.",
            ),
        ],
    },
}


def discussion_space(slug):
    """The region's forum when the discussion spaces exist (named by the region's slug)."""
    forum = RegionPage._meta.get_field("discussion_space").related_model
    return forum.objects.filter(slug=slug).order_by("pk").first()


def region_builder(entry):
    slug = entry["slug"]

    def build(copy, pages):
        intro = INTRODUCTIONS[slug]
        body = [heading(copy, intro["heading"]), paragraph(copy, *intro["paragraphs"])]
        if "figures" in intro:
            body.append(key_figures(copy, *intro["figures"]))
        body.append(guiding_questions(copy, *SPACE_QUESTIONS))
        return RegionPage(
            title=copy(T(**entry["name"])),
            slug=slug,
            region=Region.objects.get(slug=slug, locale__language_code="en"),
            discussion_space=discussion_space(slug),
            summary=copy(intro["summary"]),
            body=body,
        )

    return build


SPECS = [
    PageSpec(key=f"region:{entry['slug']}", parent="home", build=region_builder(entry)) for entry in REGIONS
]
