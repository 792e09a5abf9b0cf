"""The events index and five events: the first Arab consultation (2021) and its
speakers' training, a pre-consultation, and the second Arab consultation and
review conference (2024), with agendas and practical information."""

import datetime

from hub.models import EventIndexPage, EventPage, Region

from .spec import PageSpec
from .text import T, agenda_day, guiding_questions, logistics, paragraph

ARABIC_ENGLISH_FRENCH = ["ar", "en", "fr"]
ONLINE_PLATFORM = T(
    "Online conference platform", "منصة مؤتمرات إلكترونية", "Plateforme de conférence en ligne"
)


def region(slug):
    return Region.objects.get(slug=slug, locale__language_code="en")


def build_index(copy, pages):
    return EventIndexPage(
        title=copy(T("Events", "الفعاليات", "Événements")),
        slug="events",
        show_in_menus=True,
        summary=copy(
            T(
                "Consultations, review conferences and trainings of the regional reviews, with their "
                "agendas and practical information.",
                "مشاورات الاستعراضات الإقليمية ومؤتمراتها ودوراتها التدريبية، مع جداول أعمالها "
                "والمعلومات العملية الخاصة بها.",
                "Consultations, conférences d'examen et formations des examens régionaux, avec leur "
                "programme et les informations pratiques.",
            )
        ),
    )


def build_consultation_2021(copy, pages):
    return EventPage(
        title=copy(
            T(
                "Multi-stakeholder consultation for the first Arab regional review",
                "مشاورة أصحاب المصلحة المتعددين للاستعراض الإقليمي العربي الأول",
                "Consultation multipartite pour le premier examen régional arabe",
            )
        ),
        slug="arab-states-consultation-2021",
        kind="consultation",
        region=region("arab-states"),
        starts_on=datetime.date(2021, 2, 23),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(15, 0),
        time_zone="Africa/Cairo",
        event_format="virtual",
        venue=copy(ONLINE_PLATFORM),
        interpretation_languages=ARABIC_ENGLISH_FRENCH,
        registration_deadline=datetime.date(2021, 2, 5),
        # Registration ran on this form; speakers had five minutes, open
        # interventions three, and the platform link went out two days before.
        registration_open=True,
        speaker_minutes=5,
        intervention_minutes=3,
        platform_link_days_before=2,
        # As reported after the review.
        participants_count=200,
        participants_at_least=True,
        speakers_count=25,
        speakers_at_least=True,
        reports_count=4,
        survey_responses=133,
        summary=copy(
            T(
                "Stakeholders of the Arab region met online to assess progress on the Global Compact "
                "and to prepare their messages for the review conference held the next day.",
                "التقى أصحاب المصلحة في المنطقة العربية عبر الإنترنت لتقييم التقدم المحرز في تنفيذ "
                "الاتفاق العالمي وإعداد رسائلهم إلى مؤتمر الاستعراض الذي عُقد في اليوم التالي.",
                "Les parties prenantes de la région arabe se sont réunies en ligne pour évaluer les "
                "progrès du Pacte mondial et préparer leurs messages pour la conférence d'examen tenue "
                "le lendemain.",
            )
        ),
        body=[
            paragraph(
                copy,
                T(
                    "Member states were welcome as observers. The consultation had two sessions; its "
                    "rapporteur summarised the conclusions of both and presented them to the regional "
                    "review conference on 24 February 2021.",
                    "رُحّب بالدول الأعضاء بصفة مراقب. وتألفت المشاورة من جلستين، لخّص المقرر "
                    "استنتاجاتهما وعرضها على مؤتمر الاستعراض الإقليمي في 24 شباط/فبراير 2021.",
                    "Les États membres étaient les bienvenus en qualité d'observateurs. La consultation "
                    "comptait deux sessions ; son rapporteur en a résumé les conclusions et les a "
                    "présentées à la conférence d'examen régional le 24 février 2021.",
                ),
            )
        ],
        logistics=[
            logistics(
                copy,
                "registration",
                T(
                    "Stakeholders registered through an online form by Friday 5 February 2021. Member "
                    "states wishing to observe used the same form. The link to the conference platform "
                    "was e-mailed to everyone registered closer to the date.",
                    "سجّل أصحاب المصلحة عبر استمارة إلكترونية حتى يوم الجمعة 5 شباط/فبراير 2021، "
                    "واستخدمت الدول الأعضاء الراغبة في المشاركة بصفة مراقب الاستمارة نفسها. وأُرسل رابط "
                    "منصة المؤتمر بالبريد الإلكتروني إلى جميع المسجلين مع اقتراب الموعد.",
                    "Les parties prenantes se sont inscrites au moyen d'un formulaire en ligne jusqu'au "
                    "vendredi 5 février 2021. Les États membres souhaitant participer en observateurs "
                    "ont utilisé le même formulaire. Le lien vers la plateforme a été envoyé par "
                    "courriel à toutes les personnes inscrites à l'approche de la date.",
                ),
            ),
            logistics(
                copy,
                "roles",
                T(
                    "The same form, by the same deadline, took nominations for speakers, facilitators "
                    "and the rapporteur. Expressing interest did not guarantee a role; the people "
                    "selected were contacted separately. Each speaker had up to five minutes.",
                    "استقبلت الاستمارة نفسها، وفي الموعد النهائي نفسه، الترشيحات لأدوار المتحدثين "
                    "والميسّرين والمقرر. ولم يكن إبداء الاهتمام يضمن الحصول على دور، وجرى التواصل مع من "
                    "وقع عليهم الاختيار على حدة. وكان لكل متحدث ما يصل إلى خمس دقائق.",
                    "Le même formulaire, dans le même délai, recueillait les candidatures aux rôles "
                    "d'intervenant, de facilitateur et de rapporteur. Manifester son intérêt ne "
                    "garantissait pas un rôle ; les personnes retenues ont été contactées séparément. "
                    "Chaque intervenant disposait de cinq minutes au plus.",
                ),
            ),
            logistics(
                copy,
                "interventions",
                T(
                    "After the panels, an open discussion gave the floor to participants, for up to "
                    "three minutes each. Requests to speak were made in advance through the "
                    "registration form; requests sent by e-mail were not accepted.",
                    "بعد حلقات النقاش، أتاحت مناقشة مفتوحة الكلمة للمشاركين لمدة أقصاها ثلاث دقائق لكل "
                    "منهم. وكانت طلبات أخذ الكلمة تُقدَّم مسبقًا عبر استمارة التسجيل، ولم تُقبل الطلبات "
                    "المرسلة بالبريد الإلكتروني.",
                    "Après les panels, une discussion ouverte donnait la parole aux participants, trois "
                    "minutes au plus chacun. Les demandes de prise de parole se faisaient à l'avance "
                    "par le formulaire d'inscription ; celles envoyées par courriel n'étaient pas "
                    "acceptées.",
                ),
            ),
            logistics(
                copy,
                "training",
                T(
                    "Technical training on the platform was offered twice a day, so that participants "
                    "in every time zone could join. Selected speakers and facilitators had their own "
                    "sessions on 17 and 18 February 2021.",
                    "قُدّم تدريب تقني على استخدام المنصة مرتين يوميًا ليتمكن المشاركون من مختلف المناطق "
                    "الزمنية من حضوره. وخُصصت للمتحدثين والميسّرين المختارين جلسات مستقلة يومي 17 و18 "
                    "شباط/فبراير 2021.",
                    "Une formation technique à la plateforme était proposée deux fois par jour, pour "
                    "que les participants de tous les fuseaux horaires puissent y assister. Les "
                    "intervenants et facilitateurs retenus ont eu leurs propres sessions les 17 et 18 "
                    "février 2021.",
                ),
            ),
            logistics(
                copy,
                "interpretation",
                T(
                    "Simultaneous interpretation into Arabic, English and French on the conference platform.",
                    "ترجمة فورية إلى العربية والإنجليزية والفرنسية على منصة المؤتمر.",
                    "Interprétation simultanée en arabe, en anglais et en français sur la plateforme "
                    "de la conférence.",
                ),
            ),
            logistics(
                copy,
                "contact",
                T(
                    "Questions about any of these points went to the Arab regional review's mailbox.",
                    "كانت الأسئلة المتعلقة بأي من هذه النقاط تُوجَّه إلى صندوق البريد الإلكتروني الخاص "
                    "بالاستعراض الإقليمي العربي.",
                    "Les questions sur l'un de ces points étaient adressées à la boîte aux lettres de "
                    "l'examen régional arabe.",
                ),
            ),
        ],
    )


def build_training_2021(copy, pages):
    return EventPage(
        title=copy(
            T(
                "Platform training for speakers and facilitators",
                "تدريب المتحدثين والميسّرين على المنصة",
                "Formation à la plateforme pour les intervenants et facilitateurs",
            )
        ),
        slug="arab-states-speaker-training-2021",
        kind="training",
        region=region("arab-states"),
        starts_on=datetime.date(2021, 2, 17),
        ends_on=datetime.date(2021, 2, 18),
        time_zone="Africa/Cairo",
        event_format="virtual",
        venue=copy(ONLINE_PLATFORM),
        summary=copy(
            T(
                "Dedicated sessions for the speakers and facilitators selected for the Arab "
                "multi-stakeholder consultation of 23 February 2021.",
                "جلسات مخصصة للمتحدثين والميسّرين الذين اختيروا لمشاورة أصحاب المصلحة المتعددين "
                "العربية في 23 شباط/فبراير 2021.",
                "Des sessions réservées aux intervenants et facilitateurs retenus pour la consultation "
                "multipartite arabe du 23 février 2021.",
            )
        ),
        body=[
            paragraph(
                copy,
                T(
                    "The sessions showed the selected speakers and facilitators how to use the options "
                    "of the virtual platform before the day. The link was sent to each of them "
                    "directly.",
                    "عرّفت الجلسات المتحدثين والميسّرين المختارين بكيفية استخدام خيارات المنصة "
                    "الافتراضية قبل يوم المشاورة. وأُرسل الرابط إلى كل منهم مباشرة.",
                    "Les sessions ont montré aux intervenants et facilitateurs retenus comment utiliser "
                    "les fonctions de la plateforme virtuelle avant le jour de la consultation. Le lien "
                    "a été envoyé directement à chacun d'eux.",
                ),
            )
        ],
        logistics=[
            logistics(
                copy,
                "training",
                T(
                    "Open only to the speakers and facilitators selected; all other participants could "
                    "join the general technical training offered twice a day.",
                    "يقتصر الحضور على المتحدثين والميسّرين المختارين، وكان بوسع سائر المشاركين حضور "
                    "التدريب التقني العام الذي قُدّم مرتين يوميًا.",
                    "Réservée aux intervenants et facilitateurs retenus ; les autres participants "
                    "pouvaient suivre la formation technique générale proposée deux fois par jour.",
                ),
                title=T("Who takes part", "من يشارك", "Qui participe"),
            )
        ],
    )


def build_europe_pre_consultation(copy, pages):
    return EventPage(
        title=copy(
            T(
                "Virtual pre-consultation for the review in the UNECE region",
                "المشاورة التمهيدية الافتراضية لاستعراض منطقة اللجنة الاقتصادية لأوروبا",
                "Préconsultation virtuelle pour l'examen de la région de la CEE",
            )
        ),
        slug="europe-pre-consultation-2023",
        kind="pre-consultation",
        region=region("europe"),
        starts_on=datetime.date(2023, 11, 8),
        time_zone="Europe/Zurich",
        event_format="virtual",
        venue=copy(ONLINE_PLATFORM),
        summary=copy(
            T(
                "The first regional pre-consultation of the cycle, planned for 8 November 2023; the "
                "date was still to be confirmed when the roadmap was agreed.",
                "أولى المشاورات التمهيدية الإقليمية في الدورة، وقد خُطط لعقدها في 8 تشرين الثاني/نوفمبر "
                "2023، وكان الموعد لا يزال بانتظار التأكيد عند اعتماد خارطة الطريق.",
                "La première préconsultation régionale du cycle, prévue le 8 novembre 2023 ; la date "
                "restait à confirmer lors de l'adoption de la feuille de route.",
            )
        ),
        body=[
            paragraph(
                copy,
                T(
                    "Like every pre-consultation of the cycle, it collects two kinds of input: thematic "
                    "input on priorities, progress and gaps in implementing the Compact, with "
                    "recommendations; and feedback on how to strengthen stakeholder engagement in the "
                    "region and in each country.",
                    "تجمع هذه المشاورة، شأنها شأن كل المشاورات التمهيدية في الدورة، نوعين من المدخلات: "
                    "مدخلات مواضيعية عن الأولويات والتقدم المحرز والثغرات في تنفيذ الاتفاق مشفوعة "
                    "بتوصيات، وملاحظات حول سبل تعزيز مشاركة أصحاب المصلحة على الصعيد الإقليمي وفي كل "
                    "بلد.",
                    "Comme toutes les préconsultations du cycle, elle recueille deux types de "
                    "contributions : des apports thématiques sur les priorités, les progrès et les "
                    "lacunes de la mise en œuvre du Pacte, assortis de recommandations ; et des avis "
                    "sur les moyens de renforcer la participation des parties prenantes dans la région "
                    "et dans chaque pays.",
                ),
            ),
            guiding_questions(
                copy,
                T("Guiding questions", "أسئلة توجيهية", "Questions directrices"),
                [
                    T(
                        "What are the region's priorities for the next four years of the Compact?",
                        "ما أولويات المنطقة للسنوات الأربع المقبلة من تنفيذ الاتفاق؟",
                        "Quelles sont les priorités de la région pour les quatre prochaines années du "
                        "Pacte ?",
                    ),
                    T(
                        "Which practices have worked, and which gaps remain?",
                        "ما الممارسات التي أثبتت نجاحها، وما الثغرات التي لا تزال قائمة؟",
                        "Quelles pratiques ont fait leurs preuves, et quelles lacunes subsistent ?",
                    ),
                    T(
                        "How should stakeholders be involved in the review and in national implementation?",
                        "كيف ينبغي إشراك أصحاب المصلحة في الاستعراض وفي التنفيذ على المستوى الوطني؟",
                        "Comment associer les parties prenantes à l'examen et à la mise en œuvre nationale ?",
                    ),
                ],
            ),
        ],
        logistics=[
            logistics(
                copy,
                "other",
                T(
                    "The date was still to be confirmed when the roadmap was agreed on 27 September "
                    "2023; the roadmap shows where it stands.",
                    "كان الموعد لا يزال بانتظار التأكيد عند اعتماد خارطة الطريق في 27 أيلول/سبتمبر "
                    "2023، وتبيّن خارطة الطريق ما آل إليه.",
                    "La date restait à confirmer lors de l'adoption de la feuille de route, le 27 "
                    "septembre 2023 ; la feuille de route indique où elle en est.",
                ),
                title=T("About the date", "بشأن الموعد", "À propos de la date"),
            )
        ],
    )


def build_consultation_2024(copy, pages):
    return EventPage(
        title=copy(
            T(
                "Multi-stakeholder consultation for the second Arab regional review",
                "مشاورة أصحاب المصلحة المتعددين للاستعراض الإقليمي العربي الثاني",
                "Consultation multipartite pour le deuxième examen régional arabe",
            )
        ),
        slug="arab-states-consultation-2024",
        kind="consultation",
        region=region("arab-states"),
        starts_on=datetime.date(2024, 7, 2),
        time_zone="Africa/Cairo",
        event_format="in-person",
        interpretation_languages=ARABIC_ENGLISH_FRENCH,
        summary=copy(
            T(
                "Held on Tuesday 2 July 2024, the day before the review conference: stakeholders "
                "prepared the messages their rapporteur would carry to the region's states.",
                "عُقدت يوم الثلاثاء 2 تموز/يوليو 2024، عشية مؤتمر الاستعراض، وأعدّ فيها أصحاب المصلحة "
                "الرسائل التي سينقلها المقرر إلى دول المنطقة.",
                "Tenue le mardi 2 juillet 2024, la veille de la conférence d'examen : les parties "
                "prenantes y ont préparé les messages que leur rapporteur porterait devant les États "
                "de la région.",
            )
        ),
        body=[
            paragraph(
                copy,
                T(
                    "The roadmap first planned the consultation for June 2024. Stakeholders prepare "
                    "input on the six key areas that the review conference discusses in plenary.",
                    "كانت خارطة الطريق قد حددت شهر حزيران/يونيو 2024 موعدًا أوليًا للمشاورة. ويُعدّ "
                    "أصحاب المصلحة مدخلاتهم حول المجالات الرئيسية الستة التي يناقشها مؤتمر الاستعراض في "
                    "جلساته العامة.",
                    "La feuille de route prévoyait d'abord la consultation en juin 2024. Les parties "
                    "prenantes préparent leurs apports sur les six domaines clés dont la conférence "
                    "d'examen débat en plénière.",
                ),
            ),
            guiding_questions(
                copy,
                T(
                    "What participants are asked to bring",
                    "ما يُطلب من المشاركين تقديمه",
                    "Ce que les participants sont invités à apporter",
                ),
                [
                    T(
                        "Good practices: policies, laws, projects, institutions or funds that work.",
                        "الممارسات الجيدة: سياسات أو تشريعات أو مشاريع أو مؤسسات أو صناديق أثبتت نجاعتها.",
                        "Des bonnes pratiques : politiques, lois, projets, institutions ou fonds qui "
                        "fonctionnent.",
                    ),
                    T(
                        "Priority issues and gaps in implementation.",
                        "القضايا ذات الأولوية والثغرات في التنفيذ.",
                        "Les questions prioritaires et les lacunes de la mise en œuvre.",
                    ),
                    T(
                        "Recommendations and pledges that states and stakeholders can act on.",
                        "توصيات وتعهدات يمكن للدول ولأصحاب المصلحة العمل بها.",
                        "Des recommandations et des engagements sur lesquels États et parties prenantes "
                        "peuvent agir.",
                    ),
                ],
            ),
        ],
        logistics=[
            logistics(
                copy,
                "roles",
                T(
                    "A rapporteur summarises the conclusions of the consultation and presents them to "
                    "the review conference the next day.",
                    "يلخّص المقرر استنتاجات المشاورة ويعرضها على مؤتمر الاستعراض في اليوم التالي.",
                    "Un rapporteur résume les conclusions de la consultation et les présente à la "
                    "conférence d'examen le lendemain.",
                ),
            ),
            logistics(
                copy,
                "contact",
                T(
                    "Questions go to the Arab regional review's mailbox, given in the invitation.",
                    "تُوجَّه الأسئلة إلى صندوق البريد الإلكتروني الخاص بالاستعراض الإقليمي العربي، "
                    "والمذكور في الدعوة.",
                    "Les questions sont à adresser à la boîte aux lettres de l'examen régional arabe, "
                    "indiquée dans l'invitation.",
                ),
            ),
        ],
    )


def build_review_2024(copy, pages):
    time = datetime.time
    return EventPage(
        title=copy(
            T(
                "Second regional review conference of the Global Compact for Migration in the Arab region",
                "المؤتمر الإقليمي الثاني لاستعراض الاتفاق العالمي للهجرة في المنطقة العربية",
                "Deuxième conférence régionale d'examen du Pacte mondial sur les migrations dans la "
                "région arabe",
            )
        ),
        slug="arab-states-review-2024",
        kind="review",
        region=region("arab-states"),
        starts_on=datetime.date(2024, 7, 3),
        start_time=time(9, 0),
        ends_on=datetime.date(2024, 7, 4),
        end_time=time(17, 0),
        time_zone="Africa/Cairo",
        event_format="in-person",
        interpretation_languages=ARABIC_ENGLISH_FRENCH,
        summary=copy(
            T(
                "Two days of plenaries on the six key areas chosen by Arab states and stakeholders, "
                "with ministers, ambassadors and senior officials taking part in person.",
                "يومان من الجلسات العامة حول المجالات الرئيسية الستة التي اختارتها الدول العربية "
                "وأصحاب المصلحة، بمشاركة حضورية لوزراء وسفراء وكبار المسؤولين الحكوميين.",
                "Deux jours de plénières sur les six domaines clés retenus par les États arabes et les "
                "parties prenantes, avec la participation en personne de ministres, d'ambassadeurs et "
                "de hauts fonctionnaires.",
            )
        ),
        body=[
            paragraph(
                copy,
                T(
                    "Invitations co-signed with the League of Arab States were due to reach ministries "
                    "of foreign affairs through the permanent missions by the end of May 2024. The "
                    "conference's key messages feed the regional results presented to a plenary of "
                    "the UN General Assembly in the second half of 2024.",
                    "كان من المقرر أن تصل الدعوات، الموقّعة بالاشتراك مع جامعة الدول العربية، إلى "
                    "وزارات الخارجية عبر البعثات الدائمة بحلول نهاية أيار/مايو 2024. وتُسهم الرسائل "
                    "الرئيسية للمؤتمر في النتائج الإقليمية التي تُعرض على جلسة عامة للجمعية العامة "
                    "للأمم المتحدة في النصف الثاني من عام 2024.",
                    "Les invitations, cosignées avec la Ligue des États arabes, devaient parvenir aux "
                    "ministères des affaires étrangères par les missions permanentes avant la fin de "
                    "mai 2024. Les messages clés de la conférence nourrissent les résultats régionaux "
                    "présentés à une séance plénière de l'Assemblée générale des Nations Unies au "
                    "second semestre 2024.",
                ),
            )
        ],
        agenda=[
            agenda_day(
                copy,
                T("Day 1", "اليوم الأول", "Jour 1"),
                datetime.date(2024, 7, 3),
                [
                    (
                        time(9, 0),
                        time(9, 45),
                        T("Opening session", "الجلسة الافتتاحية", "Séance d'ouverture"),
                        None,
                    ),
                    (
                        time(9, 45),
                        time(10, 15),
                        T(
                            "Setting the scene: migration patterns and trends in the Arab region",
                            "عرض السياق: أنماط الهجرة واتجاهاتها في المنطقة العربية",
                            "Mise en contexte : tendances et dynamiques migratoires dans la région arabe",
                        ),
                        None,
                    ),
                    (
                        time(10, 30),
                        time(12, 30),
                        T(
                            "Plenary 1 (high level): expanding regular migration pathways and reducing "
                            "irregular migration",
                            "الجلسة العامة الأولى (رفيعة المستوى): توسيع مسارات الهجرة النظامية والحد من "
                            "الهجرة غير النظامية",
                            "Plénière 1 (de haut niveau) : élargir les voies de migration régulière et "
                            "réduire la migration irrégulière",
                        ),
                        None,
                    ),
                    (
                        time(14, 0),
                        time(15, 30),
                        T(
                            "Plenary 2: ensuring migrants' access to basic services",
                            "الجلسة العامة الثانية: ضمان حصول المهاجرين على الخدمات الأساسية",
                            "Plénière 2 : garantir l'accès des migrants aux services de base",
                        ),
                        None,
                    ),
                    (
                        time(15, 45),
                        time(17, 15),
                        T(
                            "Plenary 3: protecting and empowering migrant workers, and their role in "
                            "sustainable development in countries of origin",
                            "الجلسة العامة الثالثة: حماية العمال المهاجرين وتمكينهم، ودورهم في التنمية "
                            "المستدامة في بلدان المنشأ",
                            "Plénière 3 : protéger et autonomiser les travailleurs migrants, et leur rôle "
                            "dans le développement durable des pays d'origine",
                        ),
                        None,
                    ),
                ],
            ),
            agenda_day(
                copy,
                T("Day 2", "اليوم الثاني", "Jour 2"),
                datetime.date(2024, 7, 4),
                [
                    (
                        time(9, 0),
                        time(10, 30),
                        T(
                            "Plenary 4: respecting the human rights of all migrants, especially the most "
                            "vulnerable",
                            "الجلسة العامة الرابعة: احترام حقوق الإنسان لجميع المهاجرين، ولا سيما أشدهم ضعفًا",
                            "Plénière 4 : respecter les droits humains de tous les migrants, en "
                            "particulier des plus vulnérables",
                        ),
                        None,
                    ),
                    (
                        time(10, 45),
                        time(12, 30),
                        T(
                            "Plenary 5: strengthening national, bilateral, regional and international "
                            "cooperation",
                            "الجلسة العامة الخامسة: تعزيز التعاون الوطني والثنائي والإقليمي والدولي",
                            "Plénière 5 : renforcer la coopération nationale, bilatérale, régionale et "
                            "internationale",
                        ),
                        None,
                    ),
                    (
                        time(14, 0),
                        time(15, 30),
                        T(
                            "Plenary 6: providing timely, disaggregated and accessible data",
                            "الجلسة العامة السادسة: توفير بيانات مصنّفة ومتاحة في الوقت المناسب",
                            "Plénière 6 : fournir des données ventilées, accessibles et à jour",
                        ),
                        None,
                    ),
                    (
                        time(15, 45),
                        time(16, 30),
                        T(
                            "The UN Network on Migration's contribution to implementing the Compact in "
                            "the Arab region",
                            "إسهام شبكة الأمم المتحدة المعنية بالهجرة في تنفيذ الاتفاق العالمي في المنطقة "
                            "العربية",
                            "La contribution du Réseau des Nations Unies sur les migrations à la mise en "
                            "œuvre du Pacte dans la région arabe",
                        ),
                        None,
                    ),
                    (
                        time(16, 30),
                        time(16, 50),
                        T(
                            "Key messages of the regional review conference",
                            "الرسائل الرئيسية لمؤتمر الاستعراض الإقليمي",
                            "Messages clés de la conférence d'examen régional",
                        ),
                        T(
                            "Including the stakeholders' conclusions, presented by the rapporteur of the "
                            "multi-stakeholder consultation.",
                            "بما فيها استنتاجات أصحاب المصلحة، التي يعرضها مقرر مشاورة أصحاب المصلحة "
                            "المتعددين.",
                            "Y compris les conclusions des parties prenantes, présentées par le rapporteur "
                            "de la consultation multipartite.",
                        ),
                    ),
                    (
                        time(16, 50),
                        time(17, 0),
                        T("Closing session", "الجلسة الختامية", "Séance de clôture"),
                        None,
                    ),
                ],
            ),
        ],
        logistics=[
            logistics(
                copy,
                "registration",
                T(
                    "An informal orientation session on 17 March presented the draft agenda to member "
                    "states, and a save-the-date went out in mid-April through the permanent missions "
                    "in Geneva. Nominations and travel are arranged through IOM country offices in "
                    "June 2024.",
                    "قُدّم مشروع جدول الأعمال إلى الدول الأعضاء في جلسة توجيهية غير رسمية يوم 17 "
                    "آذار/مارس، وأُرسل إشعار بحفظ الموعد في منتصف نيسان/أبريل عبر البعثات الدائمة في "
                    "جنيف. وتُرتَّب الترشيحات وترتيبات السفر عبر المكاتب القُطرية للمنظمة الدولية للهجرة "
                    "في حزيران/يونيو 2024.",
                    "Une séance d'orientation informelle a présenté le projet d'ordre du jour aux États "
                    "membres le 17 mars, puis un avis de réservation de date a été envoyé à la mi-avril "
                    "par les missions permanentes à Genève. Les désignations et les voyages sont "
                    "organisés par les bureaux de pays de l'OIM en juin 2024.",
                ),
                title=T("For member states", "للدول الأعضاء", "Pour les États membres"),
            ),
            logistics(
                copy,
                "interpretation",
                T(
                    "Simultaneous interpretation into Arabic, English and French in every session.",
                    "ترجمة فورية إلى العربية والإنجليزية والفرنسية في جميع الجلسات.",
                    "Interprétation simultanée en arabe, en anglais et en français à chaque séance.",
                ),
            ),
        ],
    )


SPECS = [
    PageSpec(key="events", parent="home", build=build_index),
    PageSpec(key="event:arab-states-training-2021", parent="events", build=build_training_2021),
    PageSpec(key="event:arab-states-consultation-2021", parent="events", build=build_consultation_2021),
    PageSpec(key="event:europe-pre-consultation-2023", parent="events", build=build_europe_pre_consultation),
    PageSpec(key="event:arab-states-consultation-2024", parent="events", build=build_consultation_2024),
    PageSpec(key="event:arab-states-review-2024", parent="events", build=build_review_2024),
]
