"""The news index and six stories, tagged with regions and GCM objectives (by slug)."""

import datetime

from hub.models import GcmObjective, NewsIndexPage, NewsPage, Region

from .regions import REGION_SLUGS
from .spec import PageSpec
from .text import Bullets, T, call_to_action, paragraph

SEE_THE_ROADMAP = T("See the roadmap", "اطّلعوا على خارطة الطريق", "Voir la feuille de route")


def build_index(copy, pages):
    return NewsIndexPage(
        title=copy(T("News", "الأخبار", "Actualités")),
        slug="news",
        show_in_menus=True,
        summary=copy(
            T(
                "News of the regional reviews and of stakeholder engagement across the five regions.",
                "أخبار الاستعراضات الإقليمية ومشاركة أصحاب المصلحة في المناطق الخمس.",
                "L'actualité des examens régionaux et de la participation des parties prenantes dans "
                "les cinq régions.",
            )
        ),
    )


def story(copy, *, slug, date, title, summary, body, regions, objectives=(), place=None):
    page = NewsPage(
        title=copy(title),
        slug=slug,
        date=date,
        place=copy(place) if place else "",
        summary=copy(summary),
        body=body,
    )
    page.regions = list(Region.objects.filter(locale__language_code="en", slug__in=regions))
    page.objectives = list(GcmObjective.objects.filter(locale__language_code="en", slug__in=objectives))
    return page


def build_imrf_briefing(copy, pages):
    return story(
        copy,
        slug="arab-stakeholders-prepare-first-imrf",
        date=datetime.date(2022, 2, 11),
        place=T("Cairo", "القاهرة", "Le Caire"),
        regions=["arab-states"],
        objectives=["global-partnerships"],
        title=T(
            "Arab region stakeholders prepare for the first International Migration Review Forum",
            "أصحاب المصلحة في المنطقة العربية يستعدون لأول منتدى لاستعراض الهجرة الدولية",
            "Les parties prenantes de la région arabe se préparent au premier Forum d'examen des "
            "migrations internationales",
        ),
        summary=T(
            "The regional UN Network on Migration briefed stakeholders from across the region ahead "
            "of the forum in New York in May 2022.",
            "قدّمت شبكة الأمم المتحدة الإقليمية المعنية بالهجرة إحاطة لأصحاب المصلحة من مختلف أنحاء "
            "المنطقة قبل المنتدى المقرر عقده في نيويورك في أيار/مايو 2022.",
            "Le réseau régional des Nations Unies sur les migrations a informé les parties prenantes "
            "de toute la région avant le forum de New York, en mai 2022.",
        ),
        body=[
            paragraph(
                copy,
                T(
                    "The briefing prepared stakeholders for the forum, held in New York from 17 to 20 "
                    "May 2022 and preceded by a multi-stakeholder hearing on 16 May. Participants, among "
                    "them a centre linked to the trade-union movement and a youth major group, set out "
                    "the priorities they wanted the forum to address.",
                    "هيّأت الإحاطة أصحاب المصلحة للمنتدى المنعقد في نيويورك من 17 إلى 20 أيار/مايو "
                    "2022، الذي تسبقه جلسة استماع لأصحاب المصلحة المتعددين يوم 16 أيار/مايو. وعرض "
                    "المشاركون، ومنهم مركز مرتبط بالحركة النقابية ومجموعة رئيسية "
                    "للشباب، الأولويات التي يريدون أن يتناولها المنتدى.",
                    "La réunion d'information a préparé les parties prenantes au forum, tenu à New York "
                    "du 17 au 20 mai 2022 et précédé d'une audition multipartite le 16 mai. Les "
                    "participants, parmi lesquels un "
                    "centre lié au mouvement syndical et un grand groupe de jeunes, ont exposé les "
                    "priorités qu'ils souhaitaient voir traitées par le forum.",
                ),
                T(
                    "Stakeholders were invited to send their written input to the network's "
                    "secretariat, which published it on the network's website before the forum opened.",
                    "ودُعي أصحاب المصلحة إلى إرسال مدخلاتهم المكتوبة إلى أمانة الشبكة، التي نشرتها على "
                    "موقع الشبكة الإلكتروني قبل افتتاح المنتدى.",
                    "Les parties prenantes ont été invitées à adresser leurs contributions écrites au "
                    "secrétariat du réseau, qui les a publiées sur le site web du réseau avant "
                    "l'ouverture du forum.",
                ),
            )
        ],
    )


def build_roadmap_agreed(copy, pages):
    return story(
        copy,
        slug="roadmap-2023-2024-agreed",
        date=datetime.date(2023, 9, 27),
        regions=REGION_SLUGS,
        objectives=["global-partnerships"],
        title=T(
            "A roadmap for stakeholder engagement in the 2023–2024 regional reviews",
            "خارطة طريق لمشاركة أصحاب المصلحة في الاستعراضات الإقليمية 2023–2024",
            "Une feuille de route pour la participation des parties prenantes aux examens régionaux "
            "2023–2024",
        ),
        summary=T(
            "Two global consultations, a pre-consultation and an in-person consultation in every "
            "region, and five discussion spaces on the Hub: the second round of regional reviews "
            "takes shape.",
            "مشاورتان عالميتان، ومشاورة تمهيدية وأخرى حضورية في كل منطقة، وخمسة فضاءات للمناقشة على "
            "المركز: الجولة الثانية من الاستعراضات الإقليمية تتضح معالمها.",
            "Deux consultations mondiales, une préconsultation et une consultation en présentiel dans "
            "chaque région, et cinq espaces de discussion sur le Pôle : le deuxième cycle d'examens "
            "régionaux prend forme.",
        ),
        body=[
            paragraph(
                copy,
                T(
                    "Two global virtual consultations open the round: on 31 October 2023 for Africa, "
                    "Europe, and Latin America and the Caribbean, and in November 2023 for Asia-Pacific "
                    "and the Middle East and North Africa. Each regional UN network briefs stakeholders "
                    "on its plans and asks for their views on the process and its expected results.",
                    "تفتتح الجولةَ مشاورتان عالميتان افتراضيتان: الأولى في 31 تشرين الأول/أكتوبر 2023 "
                    "لأفريقيا وأوروبا وأمريكا اللاتينية ومنطقة البحر الكاريبي، والثانية في تشرين "
                    "الثاني/نوفمبر 2023 لآسيا والمحيط الهادئ والشرق الأوسط وشمال أفريقيا. وتقدّم كل شبكة "
                    "إقليمية للأمم المتحدة إحاطة لأصحاب المصلحة بشأن خططها، وتستطلع آراءهم في العملية "
                    "ونتائجها المتوقعة.",
                    "Deux consultations mondiales virtuelles ouvrent le cycle : le 31 octobre 2023 pour "
                    "l'Afrique, l'Europe et l'Amérique latine et les Caraïbes, et en novembre 2023 pour "
                    "l'Asie-Pacifique et le Moyen-Orient et l'Afrique du Nord. Chaque réseau régional "
                    "des Nations Unies présente ses projets aux parties prenantes et recueille leur avis "
                    "sur le processus et ses résultats attendus.",
                ),
                T(
                    "Between October 2023 and December 2024, each region holds a virtual "
                    "pre-consultation; between March 2024 and March 2025, an in-person multi-stakeholder "
                    "consultation, sometimes prepared by sub-regional meetings. Interpretation is "
                    "offered in the relevant UN languages, and documents are published well ahead of "
                    "each meeting.",
                    "وبين تشرين الأول/أكتوبر 2023 وكانون الأول/ديسمبر 2024 تعقد كل منطقة مشاورة تمهيدية "
                    "افتراضية، وبين آذار/مارس 2024 وآذار/مارس 2025 مشاورة حضورية لأصحاب المصلحة "
                    "المتعددين تمهّد لها أحيانًا اجتماعات دون إقليمية. وتُوفَّر الترجمة الفورية بلغات "
                    "الأمم المتحدة ذات الصلة، وتُنشر الوثائق قبل كل اجتماع بوقت كافٍ.",
                    "Entre octobre 2023 et décembre 2024, chaque région tient une préconsultation "
                    "virtuelle ; entre mars 2024 et mars 2025, une consultation multipartite en "
                    "présentiel, parfois préparée par des réunions sous-régionales. L'interprétation est "
                    "assurée dans les langues des Nations Unies concernées et les documents sont publiés "
                    "bien avant chaque réunion.",
                ),
            ),
            call_to_action(
                copy,
                T("The whole roadmap", "خارطة الطريق كاملة", "Toute la feuille de route"),
                T(
                    "Every region's dates, as precise as they are known.",
                    "مواعيد كل منطقة بالدقة المعروفة حتى الآن.",
                    "Les dates de chaque région, aussi précises qu'on les connaît.",
                ),
                SEE_THE_ROADMAP,
                pages["roadmap"],
            ),
        ],
    )


def build_spaces_open(copy, pages):
    return story(
        copy,
        slug="five-discussion-spaces-open",
        date=datetime.date(2023, 12, 1),
        regions=REGION_SLUGS,
        title=T(
            "Five regional discussion spaces open on the Hub",
            "افتتاح خمسة فضاءات إقليمية للمناقشة على المركز",
            "Cinq espaces de discussion régionaux ouvrent sur le Pôle",
        ),
        summary=T(
            "Stakeholders can now post comments, recommendations, good practices and reports on the "
            "Compact's priorities in their region's space.",
            "بات بإمكان أصحاب المصلحة نشر تعليقاتهم وتوصياتهم وممارساتهم الجيدة وتقاريرهم بشأن أولويات "
            "الاتفاق في فضاء منطقتهم.",
            "Les parties prenantes peuvent désormais publier commentaires, recommandations, bonnes "
            "pratiques et rapports sur les priorités du Pacte dans l'espace de leur région.",
        ),
        body=[
            paragraph(
                copy,
                T(
                    "There is one space for each region that holds a review: Africa, the Arab States, "
                    "Asia and the Pacific, Europe and North America, and Latin America and the "
                    "Caribbean. Anyone can read them; posting needs an account with a confirmed e-mail "
                    "address.",
                    "لكل منطقة تعقد استعراضًا فضاؤها الخاص: أفريقيا، والدول العربية، وآسيا والمحيط "
                    "الهادئ، وأوروبا وأمريكا الشمالية، وأمريكا اللاتينية ومنطقة البحر الكاريبي. ويمكن "
                    "للجميع قراءتها، أما النشر فيتطلب حسابًا بعنوان بريد إلكتروني مؤكَّد.",
                    "Chaque région qui tient un examen a son espace : Afrique, États arabes, Asie et "
                    "Pacifique, Europe et Amérique du Nord, Amérique latine et Caraïbes. Tout le monde "
                    "peut les lire ; pour publier, il faut un compte dont l'adresse électronique est "
                    "confirmée.",
                ),
                T(
                    "Before each regional review, analysts turn the contributions of the region's space "
                    "into an analysis paper, presented to the review and published on the region's "
                    "page.",
                    "وقبل كل استعراض إقليمي، يحوّل المحللون مساهمات فضاء المنطقة إلى ورقة تحليلية تُعرض "
                    "على الاستعراض وتُنشر على صفحة المنطقة.",
                    "Avant chaque examen régional, des analystes font des contributions de l'espace de "
                    "la région un document d'analyse, présenté à l'examen et publié sur la page de la "
                    "région.",
                ),
            )
        ],
    )


def build_europe_review(copy, pages):
    return story(
        copy,
        slug="europe-review-geneva-2024",
        date=datetime.date(2024, 2, 12),
        regions=["europe"],
        objectives=["global-partnerships"],
        title=T(
            "Europe and North America: the regional review meets in Geneva on 11 March 2024",
            "أوروبا وأمريكا الشمالية: الاستعراض الإقليمي ينعقد في جنيف في 11 آذار/مارس 2024",
            "Europe et Amérique du Nord : l'examen régional se réunit à Genève le 11 mars 2024",
        ),
        summary=T(
            "The first regional review of the cycle, with a multi-stakeholder consultation on 8 or 11 March.",
            "أول استعراض إقليمي في الدورة، مع مشاورة لأصحاب المصلحة المتعددين في 8 أو 11 آذار/مارس.",
            "Le premier examen régional du cycle, avec une consultation multipartite le 8 ou le 11 mars.",
        ),
        body=[
            paragraph(
                copy,
                T(
                    "The UN Economic Commission for Europe convenes the review with the regional UN "
                    "Network on Migration. The day of the stakeholder consultation was still being "
                    "settled between 8 and 11 March; the roadmap shows it as one of the two, to be "
                    "confirmed.",
                    "تدعو لجنة الأمم المتحدة الاقتصادية لأوروبا إلى الاستعراض بالاشتراك مع شبكة الأمم "
                    "المتحدة الإقليمية المعنية بالهجرة. ولم يكن يوم مشاورة أصحاب المصلحة قد حُسم بعد بين "
                    "8 و11 آذار/مارس، ولذا تعرضه خارطة الطريق بوصفه أحد اليومين، بانتظار التأكيد.",
                    "La Commission économique des Nations Unies pour l'Europe convoque l'examen avec le "
                    "réseau régional des Nations Unies sur les migrations. Le jour de la consultation "
                    "des parties prenantes restait à fixer entre le 8 et le 11 mars ; la feuille de "
                    "route l'indique comme l'un des deux, à confirmer.",
                ),
                T(
                    "Contributions posted in the Europe and North America space before the review feed "
                    "the region's analysis paper.",
                    "وتُغذّي المساهماتُ المنشورة في فضاء أوروبا وأمريكا الشمالية قبل الاستعراض الورقةَ "
                    "التحليلية للمنطقة.",
                    "Les contributions publiées dans l'espace Europe et Amérique du Nord avant l'examen "
                    "alimentent le document d'analyse de la région.",
                ),
            )
        ],
    )


def build_arab_review(copy, pages):
    return story(
        copy,
        slug="second-arab-review-six-areas",
        date=datetime.date(2024, 5, 27),
        regions=["arab-states"],
        objectives=[
            "accurate-data",
            "regular-pathways",
            "fair-recruitment",
            "vulnerabilities",
            "basic-services",
            "global-partnerships",
        ],
        title=T(
            "Second Arab regional review: six key areas on the agenda",
            "الاستعراض الإقليمي العربي الثاني: ستة مجالات رئيسية على جدول الأعمال",
            "Deuxième examen régional arabe : six domaines clés à l'ordre du jour",
        ),
        summary=T(
            "The multi-stakeholder consultation meets on 2 July 2024 and the review conference on 3 "
            "and 4 July, around six areas chosen by Arab states and stakeholders.",
            "تنعقد مشاورة أصحاب المصلحة المتعددين في 2 تموز/يوليو 2024 ومؤتمر الاستعراض يومي 3 و4 "
            "تموز/يوليو، حول ستة مجالات اختارتها الدول العربية وأصحاب المصلحة.",
            "La consultation multipartite se réunit le 2 juillet 2024 et la conférence d'examen les 3 "
            "et 4 juillet, autour de six domaines retenus par les États arabes et les parties prenantes.",
        ),
        body=[
            paragraph(
                copy,
                T(
                    "Each area has its own plenary session at the conference:",
                    "يُخصَّص لكل مجال جلسة عامة في المؤتمر:",
                    "Chaque domaine a sa propre séance plénière à la conférence :",
                ),
                Bullets(
                    (
                        T(
                            "expanding regular migration pathways and reducing irregular migration;",
                            "توسيع مسارات الهجرة النظامية والحد من الهجرة غير النظامية؛",
                            "élargir les voies de migration régulière et réduire la migration irrégulière ;",
                        ),
                        T(
                            "ensuring migrants' access to basic services;",
                            "ضمان حصول المهاجرين على الخدمات الأساسية؛",
                            "garantir l'accès des migrants aux services de base ;",
                        ),
                        T(
                            "protecting and empowering migrant workers, and their role in sustainable "
                            "development in countries of origin;",
                            "حماية العمال المهاجرين وتمكينهم، ودورهم في التنمية المستدامة في بلدان المنشأ؛",
                            "protéger et autonomiser les travailleurs migrants, et leur rôle dans le "
                            "développement durable des pays d'origine ;",
                        ),
                        T(
                            "respecting the human rights of all migrants, especially the most vulnerable;",
                            "احترام حقوق الإنسان لجميع المهاجرين، ولا سيما أشدهم ضعفًا؛",
                            "respecter les droits humains de tous les migrants, en particulier des plus "
                            "vulnérables ;",
                        ),
                        T(
                            "strengthening national, bilateral, regional and international cooperation;",
                            "تعزيز التعاون الوطني والثنائي والإقليمي والدولي؛",
                            "renforcer la coopération nationale, bilatérale, régionale et internationale ;",
                        ),
                        T(
                            "providing timely, disaggregated and accessible data.",
                            "توفير بيانات مصنّفة ومتاحة في الوقت المناسب.",
                            "fournir des données ventilées, accessibles et à jour.",
                        ),
                    )
                ),
                T(
                    "The first review, in February 2021, drew more than 200 participants to the "
                    "stakeholder consultation and more than 600 to the conference, including 18 member "
                    "states.",
                    "استقطب الاستعراض الأول، في شباط/فبراير 2021، أكثر من 200 مشارك في مشاورة أصحاب "
                    "المصلحة وأكثر من 600 مشارك في المؤتمر، من بينهم ممثلو 18 دولة عضوًا.",
                    "Le premier examen, en février 2021, avait réuni plus de 200 participants à la "
                    "consultation des parties prenantes et plus de 600 à la conférence, dont 18 États "
                    "membres.",
                ),
            ),
            call_to_action(
                copy,
                T("The conference programme", "برنامج المؤتمر", "Le programme de la conférence"),
                T(
                    "Sessions, times and practical information for the two days.",
                    "الجلسات والمواعيد والمعلومات العملية لليومين.",
                    "Sessions, horaires et informations pratiques des deux journées.",
                ),
                T("See the event", "صفحة الفعالية", "Voir l'événement"),
                pages["event:arab-states-review-2024"],
            ),
        ],
    )


def build_latin_america_caribbean(copy, pages):
    return story(
        copy,
        slug="latin-america-caribbean-review-november-2024",
        date=datetime.date(2024, 6, 14),
        regions=["latin-america-caribbean"],
        objectives=["global-partnerships"],
        title=T(
            "Latin America and the Caribbean set their review for November 2024",
            "أمريكا اللاتينية ومنطقة البحر الكاريبي تحدد موعد استعراضها في تشرين الثاني/نوفمبر 2024",
            "L'Amérique latine et les Caraïbes fixent leur examen à novembre 2024",
        ),
        summary=T(
            "A virtual pre-consultation in September, then the consultation and the review in the "
            "third week of November.",
            "مشاورة تمهيدية افتراضية في أيلول/سبتمبر، ثم المشاورة والاستعراض في الأسبوع الثالث من "
            "تشرين الثاني/نوفمبر.",
            "Une préconsultation virtuelle en septembre, puis la consultation et l'examen la troisième "
            "semaine de novembre.",
        ),
        body=[
            paragraph(
                copy,
                T(
                    "The region is one of three with a standing stakeholder engagement mechanism, "
                    "alongside West and Central Africa and the Arab region.",
                    "والمنطقة واحدة من ثلاث مناطق لديها آلية دائمة لإشراك أصحاب المصلحة، إلى جانب غرب "
                    "أفريقيا ووسطها والمنطقة العربية.",
                    "La région est l'une des trois à disposer d'un mécanisme permanent de participation "
                    "des parties prenantes, avec l'Afrique de l'Ouest et du Centre et la région arabe.",
                ),
                T(
                    "Like the others, the pre-consultation collects thematic input, on priorities, "
                    "progress, gaps and recommendations, and feedback on how stakeholder engagement "
                    "could be strengthened.",
                    "وعلى غرار المشاورات الأخرى، تجمع المشاورة التمهيدية مدخلات مواضيعية عن الأولويات "
                    "والتقدم والثغرات والتوصيات، إلى جانب ملاحظات حول سبل تعزيز مشاركة أصحاب المصلحة.",
                    "Comme les autres, la préconsultation recueille des apports thématiques, sur les "
                    "priorités, les progrès, les lacunes et les recommandations, ainsi que des avis sur "
                    "les moyens de renforcer la participation des parties prenantes.",
                ),
            ),
            call_to_action(
                copy,
                T(
                    "Every region's milestones",
                    "معالم كل منطقة",
                    "Les étapes de chaque région",
                ),
                T(
                    "Compare the region's dates with the other four on the roadmap.",
                    "قارنوا مواعيد المنطقة بمواعيد المناطق الأربع الأخرى على خارطة الطريق.",
                    "Comparez les dates de la région avec celles des quatre autres sur la feuille de route.",
                ),
                SEE_THE_ROADMAP,
                pages["roadmap"],
            ),
        ],
    )


SPECS = [
    PageSpec(key="news", parent="home", build=build_index),
    PageSpec(key="news:imrf-briefing", parent="news", build=build_imrf_briefing),
    PageSpec(key="news:roadmap-agreed", parent="news", build=build_roadmap_agreed),
    PageSpec(key="news:spaces-open", parent="news", build=build_spaces_open),
    PageSpec(key="news:europe-review", parent="news", build=build_europe_review),
    PageSpec(key="news:arab-review", parent="news", build=build_arab_review),
    PageSpec(key="news:latin-america-caribbean", parent="news", build=build_latin_america_caribbean),
]
