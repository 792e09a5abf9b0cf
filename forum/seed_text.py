"""Words for demo contributions, in Arabic, English and French.

``forum.seeding`` combines these fragments into contributions that read like
what stakeholders post before a regional review. Placeholders:
``{theme}`` and ``{theme2}`` (an objective's theme), ``{people}`` (who is
affected), ``{actor}`` (who should act), ``{country}``, ``{year}``, ``{n}``
and ``{pct}``. Each language's phrases are written to fit its templates'
grammar (French themes carry their article and never follow "de" or "à";
Arabic themes and groups are definite and never change form with case).
"""


def _t(en, ar, fr):
    return {"en": en, "ar": ar, "fr": fr}


# One theme per GCM objective, as a noun phrase an opener can take.
THEMES = {
    1: _t(
        "accurate and disaggregated migration data",
        "البيانات الدقيقة والمصنّفة عن الهجرة",
        "les données exactes et ventilées sur les migrations",
    ),
    2: _t(
        "reducing the adverse drivers that force people to leave",
        "الحد من العوامل السلبية التي تدفع الناس إلى مغادرة بلدانهم",
        "la réduction des facteurs négatifs qui poussent les gens à partir",
    ),
    3: _t(
        "accurate information at every stage of migration",
        "المعلومات الدقيقة في جميع مراحل الهجرة",
        "l'information exacte à toutes les étapes de la migration",
    ),
    4: _t(
        "legal identity and documents for every migrant",
        "الهوية القانونية والوثائق الثبوتية لكل مهاجر",
        "l'identité juridique et les papiers de chaque migrant",
    ),
    5: _t("regular migration pathways", "مسارات الهجرة النظامية", "les voies de migration régulière"),
    6: _t(
        "fair and ethical recruitment and decent work",
        "التوظيف العادل والأخلاقي والعمل اللائق",
        "le recrutement équitable et éthique et le travail décent",
    ),
    7: _t(
        "reducing vulnerabilities in migration",
        "الحد من أوجه الضعف المرتبطة بالهجرة",
        "la réduction des vulnérabilités liées à la migration",
    ),
    8: _t(
        "saving lives and searching for missing migrants",
        "إنقاذ الأرواح والبحث عن المهاجرين المفقودين",
        "le sauvetage des vies et la recherche des migrants disparus",
    ),
    9: _t(
        "the fight against migrant smuggling",
        "مكافحة تهريب المهاجرين",
        "la lutte contre le trafic illicite de migrants",
    ),
    10: _t(
        "ending trafficking in persons",
        "القضاء على الاتجار بالأشخاص",
        "l'élimination de la traite des personnes",
    ),
    11: _t(
        "integrated, safe and coordinated border management",
        "الإدارة المتكاملة والآمنة والمنسقة للحدود",
        "la gestion intégrée, sûre et coordonnée des frontières",
    ),
    12: _t(
        "predictable and transparent migration procedures",
        "إجراءات الهجرة الواضحة والقابلة للتنبؤ",
        "la prévisibilité et la transparence des procédures migratoires",
    ),
    13: _t(
        "alternatives to immigration detention",
        "البدائل عن احتجاز المهاجرين",
        "les alternatives à la rétention des migrants",
    ),
    14: _t(
        "consular protection and assistance",
        "الحماية والمساعدة القنصلية",
        "la protection et l'assistance consulaires",
    ),
    15: _t(
        "migrants' access to basic services",
        "وصول المهاجرين إلى الخدمات الأساسية",
        "l'accès des migrants aux services de base",
    ),
    16: _t(
        "inclusion and social cohesion",
        "الإدماج والتماسك الاجتماعي",
        "l'inclusion et la cohésion sociale",
    ),
    17: _t(
        "the fight against discrimination and a public debate based on evidence",
        "مكافحة التمييز والخطاب العام القائم على الأدلة",
        "la lutte contre la discrimination et un débat public fondé sur des faits",
    ),
    18: _t(
        "skills development and the recognition of qualifications",
        "تنمية المهارات والاعتراف بالمؤهلات",
        "le développement des compétences et la reconnaissance des qualifications",
    ),
    19: _t(
        "the contribution of migrants and diasporas to sustainable development",
        "إسهام المهاجرين والمغتربين في التنمية المستدامة",
        "la contribution des migrants et des diasporas au développement durable",
    ),
    20: _t(
        "cheaper remittances and financial inclusion",
        "خفض كلفة التحويلات المالية وتعزيز الشمول المالي",
        "la baisse du coût des transferts de fonds et l'inclusion financière",
    ),
    21: _t(
        "safe and dignified return and lasting reintegration",
        "العودة الآمنة والكريمة وإعادة الإدماج المستدام",
        "le retour sûr et digne et la réintégration durable",
    ),
    22: _t(
        "the portability of social security entitlements",
        "إمكانية نقل استحقاقات الضمان الاجتماعي",
        "la portabilité des droits de sécurité sociale",
    ),
    23: _t(
        "international cooperation and global partnerships",
        "التعاون الدولي والشراكات العالمية",
        "la coopération internationale et les partenariats mondiaux",
    ),
}

# The topics a regional space opens: the key areas of a review and two guiding
# questions. Each lists the objectives its contributions are mostly tagged with.
TOPICS = [
    (
        _t(
            "Expanding regular pathways and reducing irregular migration",
            "توسيع مسارات الهجرة النظامية والحد من الهجرة غير النظامية",
            "Élargir les voies régulières et réduire la migration irrégulière",
        ),
        (5, 9, 11, 12),
    ),
    (
        _t(
            "Migrants' access to basic services",
            "وصول المهاجرين إلى الخدمات الأساسية",
            "L'accès des migrants aux services de base",
        ),
        (15, 7, 16),
    ),
    (
        _t(
            "Protecting and empowering migrant workers",
            "حماية العمال المهاجرين وتمكينهم",
            "Protéger et autonomiser les travailleurs migrants",
        ),
        (6, 18, 19, 20, 22),
    ),
    (
        _t(
            "The human rights of all migrants, especially the most vulnerable",
            "حقوق الإنسان لجميع المهاجرين، ولا سيما الفئات الأكثر ضعفاً",
            "Les droits humains de tous les migrants, en particulier des plus vulnérables",
        ),
        (7, 8, 10, 13, 17),
    ),
    (
        _t(
            "Cooperation at every level: national, bilateral, regional and international",
            "التعاون على جميع المستويات: الوطني والثنائي والإقليمي والدولي",
            "La coopération à tous les niveaux : national, bilatéral, régional et international",
        ),
        (23, 14, 21, 11),
    ),
    (
        _t(
            "Timely, disaggregated and accessible data",
            "بيانات آنية ومصنّفة ومتاحة للجميع",
            "Des données actuelles, ventilées et accessibles",
        ),
        (1, 3, 4),
    ),
    (
        _t(
            "Climate, disasters and the adverse drivers of migration",
            "المناخ والكوارث والعوامل السلبية الدافعة إلى الهجرة",
            "Climat, catastrophes et facteurs négatifs de la migration",
        ),
        (2, 19, 23, 7),
    ),
    (
        _t(
            "Return, readmission and reintegration",
            "العودة وإعادة القبول وإعادة الإدماج",
            "Retour, réadmission et réintégration",
        ),
        (21, 14, 4),
    ),
    (
        _t(
            "Guiding question: how can stakeholders take a stronger part in the review?",
            "سؤال توجيهي: كيف يمكن تعزيز مشاركة أصحاب المصلحة في الاستعراض؟",
            "Question d'orientation : comment renforcer la participation des parties prenantes à l'examen ?",
        ),
        (23, 3, 16),
    ),
    (
        _t(
            "Guiding question: which good practices should the review highlight?",
            "سؤال توجيهي: ما الممارسات الجيدة التي ينبغي أن يبرزها الاستعراض؟",
            "Question d'orientation : quelles bonnes pratiques l'examen devrait-il mettre en avant ?",
        ),
        tuple(range(1, 24)),
    ),
]

# Who is affected. French entries carry their article; Arabic ones keep the
# same written form in every grammatical case (no sound masculine plurals).
PEOPLE = _t(
    [
        "migrant domestic workers",
        "seasonal farm workers",
        "unaccompanied children",
        "women migrant workers",
        "returning families",
        "international students",
        "displaced families",
        "young jobseekers",
        "older migrants",
        "people in an irregular situation",
        "construction workers from abroad",
        "fishing crews",
    ],
    [
        "عاملات المنازل المهاجرات",
        "العمالة الزراعية الموسمية",
        "الأطفال غير المصحوبين",
        "النساء المهاجرات العاملات",
        "الأسر العائدة",
        "الطلاب الأجانب",
        "الأسر النازحة",
        "فئة الشباب الباحث عن عمل",
        "كبار السن من المهاجرين",
        "الأشخاص في وضع غير نظامي",
        "العمالة المهاجرة في قطاع البناء",
        "طواقم سفن الصيد",
    ],
    [
        "les travailleuses domestiques migrantes",
        "les ouvriers agricoles saisonniers",
        "les enfants non accompagnés",
        "les femmes migrantes qui travaillent",
        "les familles de retour au pays",
        "les étudiants étrangers",
        "les familles déplacées",
        "les jeunes en recherche d'emploi",
        "les migrants âgés",
        "les personnes en situation irrégulière",
        "les ouvriers migrants du bâtiment",
        "les équipages de pêche",
    ],
)

# Who should act. French entries are all plural, for the verbs that follow.
ACTORS = _t(
    [
        "national authorities",
        "municipalities",
        "employers",
        "recruitment agencies",
        "regional economic communities",
        "UN country teams",
        "ministries of labour",
        "donors",
        "consulates",
        "civil society organisations",
        "parliaments",
        "health services",
    ],
    [
        "السلطات الوطنية",
        "البلديات",
        "أصحاب العمل",
        "وكالات التوظيف",
        "الجماعات الاقتصادية الإقليمية",
        "أفرقة الأمم المتحدة القطرية",
        "وزارات العمل",
        "الجهات المانحة",
        "القنصليات",
        "منظمات المجتمع المدني",
        "البرلمانات",
        "الخدمات الصحية",
    ],
    [
        "les autorités nationales",
        "les municipalités",
        "les employeurs",
        "les agences de recrutement",
        "les communautés économiques régionales",
        "les équipes de pays des Nations Unies",
        "les ministères du travail",
        "les bailleurs de fonds",
        "les consulats",
        "les organisations de la société civile",
        "les parlements",
        "les services de santé",
    ],
)

# The first sentence, by contribution type.
OPENERS = {
    "comment": _t(
        [
            "Reading the contributions so far, I would like to add a point on {theme}.",
            "Our experience on the ground says a lot about {theme}.",
            "This discussion overlooks one side of {theme}.",
            "I agree with what has been said here on {theme}, with one reservation.",
            "A short comment on {theme}, from the perspective of a small organisation.",
        ],
        [
            "بعد قراءة المساهمات السابقة، أود إضافة ملاحظة فيما يخص {theme}.",
            "تكشف تجربتنا الميدانية الكثير عن {theme}.",
            "يغفل هذا النقاش جانباً مهماً من {theme}.",
            "أتفق مع ما طُرح هنا حول {theme}، مع تحفظ واحد.",
            "تعليق قصير حول {theme} من منظور منظمة صغيرة.",
        ],
        [
            "Après lecture des contributions, je voudrais ajouter un point concernant {theme}.",
            "Notre expérience de terrain en dit long sur {theme}.",
            "Cette discussion néglige un aspect important concernant {theme}.",
            "Je rejoins ce qui a été dit ici sur {theme}, avec une réserve.",
            "Un bref commentaire sur {theme}, du point de vue d'une petite organisation.",
        ],
    ),
    "recommendation": _t(
        [
            "We recommend that governments strengthen {theme}.",
            "Our main recommendation for the regional review is to invest more in {theme}.",
            "States should put {theme} at the centre of their national implementation plans.",
            "We call for a time-bound action plan on {theme}.",
            "The review should ask every state to report on {theme}.",
        ],
        [
            "نوصي الحكومات بتعزيز {theme}.",
            "توصيتنا الرئيسية للاستعراض الإقليمي هي الاستثمار أكثر في {theme}.",
            "ينبغي للدول أن تضع {theme} في صميم خططها الوطنية للتنفيذ.",
            "ندعو إلى خطة عمل محددة زمنياً بشأن {theme}.",
            "ينبغي أن يطلب الاستعراض من كل دولة تقديم تقرير عن {theme}.",
        ],
        [
            "Nous recommandons aux gouvernements de renforcer {theme}.",
            "Notre principale recommandation pour l'examen régional : investir davantage dans {theme}.",
            "Les États devraient placer {theme} au cœur de leurs plans nationaux de mise en œuvre.",
            "Nous demandons un plan d'action assorti d'échéances concernant {theme}.",
            "L'examen devrait demander à chaque État de rendre compte de ses actions sur {theme}.",
        ],
    ),
    "good-practice": _t(
        [
            "We would like to share a practice that has worked well for {theme}.",
            "A pilot project in our city shows what is possible for {theme}.",
            "Here is a good practice on {theme} that others could adapt.",
            "One initiative on {theme} deserves to be better known across the region.",
        ],
        [
            "نود أن نشارككم ممارسة أثبتت نجاحها في مجال {theme}.",
            "يبيّن مشروع تجريبي في مدينتنا ما يمكن تحقيقه في مجال {theme}.",
            "هذه ممارسة جيدة بشأن {theme} يمكن للآخرين تكييفها.",
            "تستحق مبادرة في مجال {theme} أن تكون معروفة أكثر في المنطقة.",
        ],
        [
            "Nous souhaitons partager une pratique qui a fait ses preuves concernant {theme}.",
            "Un projet pilote dans notre ville montre ce qui est possible pour {theme}.",
            "Voici une bonne pratique sur {theme} que d'autres pourraient adapter.",
            "Une initiative concernant {theme} mériterait d'être mieux connue dans la région.",
        ],
    ),
    "report": _t(
        [
            "Please find our report on {theme}, based on interviews conducted in {year}.",
            "This report sums up what we observed in {year} on {theme}.",
            "Our annual monitoring report looks at {theme}.",
        ],
        [
            "تجدون هنا تقريرنا حول {theme}، استناداً إلى مقابلات أُجريت عام {year}.",
            "يلخص هذا التقرير ما رصدناه عام {year} فيما يخص {theme}.",
            "يتناول تقرير الرصد السنوي الخاص بنا {theme}.",
        ],
        [
            "Voici notre rapport sur {theme}, fondé sur des entretiens menés en {year}.",
            "Ce rapport résume nos observations de {year} concernant {theme}.",
            "Notre rapport de suivi annuel porte sur {theme}.",
        ],
    ),
    "pledge": _t(
        [
            "Our organisation pledges to support {theme} over the next two years.",
            "We commit to concrete action on {theme} before the next regional review.",
            "As a pledge, we will devote part of our programme budget to {theme}.",
        ],
        [
            "تتعهد منظمتنا بدعم {theme} خلال العامين المقبلين.",
            "نلتزم باتخاذ إجراءات ملموسة بشأن {theme} قبل الاستعراض الإقليمي المقبل.",
            "نتعهد بتخصيص جزء من ميزانية برامجنا لدعم {theme}.",
        ],
        [
            "Notre organisation s'engage à soutenir {theme} au cours des deux prochaines années.",
            "Nous nous engageons à agir concrètement sur {theme} avant le prochain examen régional.",
            "En guise d'engagement, nous consacrerons une partie de notre budget à soutenir {theme}.",
        ],
    ),
    "question": _t(
        [
            "How are other countries of the region measuring progress on {theme}?",
            "Does anyone have experience of involving local authorities in work on {theme}?",
            "What role will stakeholders have when the review discusses {theme}?",
            "Where can we find the figures the states will present on {theme}?",
        ],
        [
            "كيف تقيس بلدان المنطقة الأخرى التقدم المحرز في {theme}؟",
            "هل لدى أحدكم تجربة في إشراك السلطات المحلية في العمل على {theme}؟",
            "ما الدور الذي سيؤديه أصحاب المصلحة عند مناقشة الاستعراض {theme}؟",
            "أين يمكننا الاطلاع على الأرقام التي ستقدمها الدول حول {theme}؟",
        ],
        [
            "Comment les autres pays de la région mesurent-ils les progrès concernant {theme} ?",
            "Quelqu'un a-t-il déjà associé les collectivités locales au travail sur {theme} ?",
            "Quel rôle auront les parties prenantes quand l'examen abordera {theme} ?",
            "Où trouver les chiffres que les États présenteront sur {theme} ?",
        ],
    ),
}

# What follows the opener, by contribution type.
DETAILS = {
    "comment": _t(
        [
            "It is not only a question of laws but of how they are applied.",
            "Local realities differ a great deal within the region.",
            "The people most concerned are rarely in the room when decisions are taken.",
        ],
        [
            "المسألة لا تتعلق بالقوانين فحسب، بل بكيفية تطبيقها.",
            "تتباين الظروف المحلية كثيراً داخل المنطقة.",
            "نادراً ما يكون المعنيون بالأمر حاضرين عند اتخاذ القرارات.",
        ],
        [
            "Ce n'est pas seulement une question de lois, mais de leur application.",
            "Les réalités locales varient beaucoup au sein de la région.",
            "Les personnes les plus concernées sont rarement présentes quand les décisions se prennent.",
        ],
    ),
    "recommendation": _t(
        [
            "This should come with a budget and clear indicators.",
            "Progress should be reviewed with stakeholders every year.",
            "Commitments made at the last review have not all been followed up.",
        ],
        [
            "وينبغي أن يقترن ذلك بميزانية ومؤشرات واضحة.",
            "ينبغي استعراض التقدم المحرز مع أصحاب المصلحة سنوياً.",
            "لم تُتابَع جميع الالتزامات التي قُطعت في الاستعراض الماضي.",
        ],
        [
            "Cela doit s'accompagner d'un budget et d'indicateurs clairs.",
            "Les progrès devraient être examinés chaque année avec les parties prenantes.",
            "Les engagements pris lors du dernier examen n'ont pas tous été suivis d'effet.",
        ],
    ),
    "good-practice": _t(
        [
            "The project brings {actor} and community leaders together once a month.",
            "It started small in {year} and now reaches {n} people.",
            "Its success rests on a simple agreement between {actor} and local associations.",
        ],
        [
            "يجمع المشروع {actor} وقادة المجتمع المحلي مرة كل شهر.",
            "بدأ المشروع على نطاق صغير عام {year}، ويستفيد منه اليوم عدد متزايد من {people}.",
            "يكمن سر نجاحه في اتفاق بسيط بين {actor} والجمعيات المحلية.",
        ],
        [
            "Le projet réunit {actor} et des responsables communautaires une fois par mois.",
            "Lancé à petite échelle en {year}, il touche aujourd'hui {n} personnes.",
            "Sa réussite repose sur un accord simple entre {actor} et les associations locales.",
        ],
    ),
    "report": _t(
        [
            "The report draws on {n} interviews with {people}.",
            "It identifies three gaps and proposes a recommendation for each.",
            "An executive summary is available in Arabic, English and French.",
        ],
        [
            "يستند التقرير إلى مقابلات مع {people}.",
            "يحدد التقرير ثلاث ثغرات ويقترح توصية لكل منها.",
            "يتوفر ملخص تنفيذي باللغات العربية والإنجليزية والفرنسية.",
        ],
        [
            "Le rapport s'appuie sur {n} entretiens avec {people}.",
            "Il relève trois lacunes et propose une recommandation pour chacune.",
            "Un résumé analytique est disponible en arabe, en anglais et en français.",
        ],
    ),
    "pledge": _t(
        [
            "Concretely, we will train {n} staff members and volunteers.",
            "We will post a progress update in this space every six months.",
            "We invite {actor} to join this commitment.",
        ],
        [
            "عملياً، سندرّب موظفينا ومتطوعينا على ذلك.",
            "سننشر في هذا الفضاء تحديثاً عن التقدم المحرز كل ستة أشهر.",
            "ندعو {actor} إلى الانضمام إلى هذا الالتزام.",
        ],
        [
            "Concrètement, nous formerons {n} salariés et bénévoles.",
            "Nous publierons un point d'étape dans cet espace tous les six mois.",
            "Nous invitons {actor} à se joindre à cet engagement.",
        ],
    ),
    "question": _t(
        [
            "Any examples or contacts would be welcome.",
            "We are preparing our input for the consultation and would value your views.",
            "The answer matters for how we plan our work next year.",
        ],
        [
            "نرحب بأي أمثلة أو جهات اتصال.",
            "نعدّ حالياً مساهمتنا للمشاورة ونقدّر آراءكم.",
            "تهمنا الإجابة لتخطيط عملنا في العام المقبل.",
        ],
        [
            "Tout exemple ou contact serait le bienvenu.",
            "Nous préparons notre contribution à la consultation et vos avis nous seraient précieux.",
            "La réponse compte pour la préparation de notre travail l'an prochain.",
        ],
    ),
}

# The situation on the ground.
CONTEXT = _t(
    [
        "In our country ({country}), {people} still wait months before they can work legally.",
        "Since {year}, we have accompanied {n} people, many of them among {people}.",
        "Too often, {people} do not know where to turn when their rights are violated.",
        "The situation of {people} has become harder since {year}.",
        "Reliable figures are missing, which makes it hard to plan services for {people}.",
        "In our country ({country}), procedures differ from one province to another.",
        "Our survey found that {pct}% of {people} we met had no written contract.",
        "Fees and paperwork keep {people} away from the services they are entitled to.",
        "In our country ({country}), the new rules adopted in {year} are not yet applied.",
    ],
    [
        "في بلدنا ({country})، ما زالت أوضاع {people} صعبة، ولا سيما في الحصول على تصاريح العمل.",
        "منذ عام {year}، رافقنا ما مجموعه {n} من {people} وغيرهم.",
        "كثيراً ما لا تتوفر لدى {people} معلومات عن الجهات التي تتلقى الشكاوى عند انتهاك الحقوق.",
        "تدهورت أوضاع {people} منذ عام {year}.",
        "تفتقر المنطقة إلى أرقام موثوقة، مما يصعّب تخطيط الخدمات الموجهة إلى {people}.",
        "تختلف الإجراءات في بلدنا ({country}) من محافظة إلى أخرى.",
        "أظهر مسحنا أن {pct} في المئة ممن قابلناهم من {people} لا يملكون عقداً مكتوباً.",
        "تحول الرسوم والإجراءات الورقية دون وصول {people} إلى الخدمات التي يكفلها القانون.",
        "في بلدنا ({country})، لم تُطبَّق بعد القواعد الجديدة التي اعتُمدت عام {year}.",
    ],
    [
        "Dans notre pays ({country}), {people} attendent des mois avant de pouvoir travailler légalement.",
        "Depuis {year}, nous avons accompagné {n} personnes, dont beaucoup parmi {people}.",
        "Trop souvent, {people} ne savent pas vers qui se tourner quand leurs droits sont bafoués.",
        "La situation s'est dégradée depuis {year} pour {people}.",
        "Faute de chiffres fiables, il est difficile de planifier des services pour {people}.",
        "Dans notre pays ({country}), les procédures varient d'une province à l'autre.",
        "D'après notre enquête, {pct} % des personnes interrogées parmi {people} n'ont aucun contrat.",
        "Les frais et les formalités éloignent {people} des services prévus par la loi.",
        "Dans notre pays ({country}), les nouvelles règles adoptées en {year} ne sont pas encore appliquées.",
    ],
)

# What should be done, and by whom.
PROPOSALS = _t(
    [
        "{actor} should consult {people} before adopting new rules.",
        "{actor} should publish clear timelines and fees.",
        "{actor} could open one-stop information points in every province.",
        "Funding should go to programmes designed together with {people}.",
        "Training {actor} on migrants' rights would make a real difference.",
        "{actor} need a permanent channel to hear stakeholders, not one-off meetings.",
        "{actor} should share data with researchers and civil society.",
        "Bilateral agreements should include a complaint mechanism open to {people}.",
    ],
    [
        "ينبغي على {actor} التشاور مع {people} قبل اعتماد قواعد جديدة.",
        "ينبغي على {actor} نشر مواعيد ورسوم واضحة.",
        "بإمكان {actor} إنشاء نقاط معلومات موحدة في كل محافظة.",
        "يجب توجيه التمويل إلى برامج تُصمَّم بمشاركة {people}.",
        "من شأن تدريب {actor} على حقوق المهاجرين أن يُحدث فرقاً حقيقياً.",
        "من الضروري أن تتوفر لدى {actor} قناة دائمة للاستماع إلى أصحاب المصلحة، لا اجتماعات متفرقة.",
        "ينبغي على {actor} إتاحة البيانات للباحثين والمجتمع المدني.",
        "يجب أن تتضمن الاتفاقات الثنائية آلية شكاوى مفتوحة أمام {people}.",
    ],
    [
        "{actor} devraient consulter {people} avant d'adopter de nouvelles règles.",
        "{actor} devraient publier des délais et des frais clairs.",
        "{actor} pourraient ouvrir des guichets d'information uniques dans chaque province.",
        "Les financements devraient aller à des programmes conçus avec {people}.",
        "Former {actor} aux droits des migrants changerait réellement la donne.",
        "{actor} ont besoin d'un canal permanent d'écoute des parties prenantes, pas de réunions isolées.",
        "{actor} devraient partager leurs données avec les chercheurs et la société civile.",
        "Les accords bilatéraux devraient prévoir un mécanisme de plainte ouvert pour {people}.",
    ],
)

# A link to a second objective.
LINKS = _t(
    [
        "This is closely linked to {theme2}.",
        "It cannot be separated from {theme2}.",
    ],
    [
        "ولهذا صلة وثيقة بمسألة {theme2}.",
        "ولا يمكن فصل ذلك عن {theme2}.",
    ],
    [
        "Ce point est étroitement lié à la question suivante : {theme2}.",
        "On ne peut pas le dissocier d'un autre enjeu : {theme2}.",
    ],
)

CLOSERS = _t(
    [
        "We are ready to share our data with the rapporteur.",
        "Thank you for opening this space before the review.",
        "We hope this will be reflected in the analysis paper.",
        "More details are available on request.",
        "We will report back on progress at the next consultation.",
    ],
    [
        "نحن على استعداد لمشاركة بياناتنا مع المقرر.",
        "شكراً لفتح هذا الفضاء قبل الاستعراض.",
        "نأمل أن ينعكس ذلك في الورقة التحليلية.",
        "المزيد من التفاصيل متاح عند الطلب.",
        "سنعرض ما تحقق من تقدم في المشاورة المقبلة.",
    ],
    [
        "Nous sommes prêts à partager nos données avec le rapporteur.",
        "Merci d'avoir ouvert cet espace avant l'examen.",
        "Nous espérons que cela figurera dans le document d'analyse.",
        "Plus de détails sont disponibles sur demande.",
        "Nous rendrons compte des progrès lors de la prochaine consultation.",
    ],
)

# Authors' names by the language they write in; Arabic names come with the
# Latin spelling their e-mail address uses.
FIRST_NAMES = _t(
    [
        "Grace",
        "David",
        "Priya",
        "Samuel",
        "Maria",
        "John",
        "Aisha",
        "Daniel",
        "Mei",
        "Carlos",
        "Sarah",
        "Ravi",
    ],
    [
        ("أحمد", "ahmed"),
        ("فاطمة", "fatima"),
        ("محمد", "mohamed"),
        ("مريم", "mariam"),
        ("يوسف", "youssef"),
        ("ليلى", "leila"),
        ("عمر", "omar"),
        ("سلمى", "salma"),
        ("خالد", "khaled"),
        ("نور", "nour"),
        ("حسن", "hassan"),
        ("هدى", "huda"),
    ],
    [
        "Aminata",
        "Jean",
        "Fatou",
        "Moussa",
        "Claire",
        "Karim",
        "Awa",
        "Pierre",
        "Nadia",
        "Ibrahima",
        "Aïcha",
        "Luc",
    ],
)
LAST_NAMES = _t(
    [
        "Okafor",
        "Smith",
        "Fernandes",
        "Nguyen",
        "Mensah",
        "Silva",
        "Khan",
        "Garcia",
        "Rahman",
        "Osei",
        "Tan",
        "Lopez",
    ],
    [
        ("الحسيني", "husseini"),
        ("بن علي", "benali"),
        ("العمري", "omari"),
        ("الخطيب", "khatib"),
        ("حداد", "haddad"),
        ("النجار", "najjar"),
        ("الزين", "zein"),
        ("منصور", "mansour"),
        ("عبد الله", "abdallah"),
        ("قاسم", "kassem"),
        ("يونس", "younes"),
        ("السيد", "sayed"),
    ],
    [
        "Diallo",
        "Traoré",
        "Martin",
        "Ndiaye",
        "Dubois",
        "Kouassi",
        "Camara",
        "Haddad",
        "Sow",
        "Mbaye",
        "Cissé",
        "Moreau",
    ],
)

# One organisation per stakeholder group, written in each language; the
# seeder adds the country. Individual migrants often post without one.
ORGANISATIONS = {
    "migrants": _t("Migrant Voices Collective", "تجمع أصوات المهاجرين", "Collectif Voix des migrants"),
    "civil-society": _t(
        "Rights and Solidarity Network", "شبكة الحقوق والتضامن", "Réseau Droits et Solidarité"
    ),
    "migrant-and-diaspora-organisations": _t(
        "Diaspora Development Forum", "منتدى المغتربين للتنمية", "Forum de la diaspora pour le développement"
    ),
    "faith-based-organisations": _t(
        "Interfaith Welcome Centre", "مركز الضيافة بين الأديان", "Centre interreligieux d'accueil"
    ),
    "local-authorities": _t(
        "City Council, Migrant Desk", "المجلس البلدي، مكتب المهاجرين", "Mairie, guichet migrants"
    ),
    "private-sector": _t(
        "Employers' Alliance for Fair Hiring",
        "تحالف أصحاب العمل من أجل التوظيف العادل",
        "Alliance des employeurs pour un recrutement équitable",
    ),
    "trade-unions": _t(
        "General Federation of Workers", "الاتحاد العام للعمال", "Confédération générale des travailleurs"
    ),
    "parliamentarians": _t(
        "Parliamentary Committee on Migration",
        "لجنة الهجرة البرلمانية",
        "Commission parlementaire des migrations",
    ),
    "national-human-rights-institutions": _t(
        "National Human Rights Commission",
        "اللجنة الوطنية لحقوق الإنسان",
        "Commission nationale des droits de l'homme",
    ),
    "red-cross-red-crescent": _t("National Society", "الجمعية الوطنية", "Société nationale"),
    "academia": _t(
        "Centre for Migration Studies", "مركز دراسات الهجرة", "Centre d'études sur les migrations"
    ),
    "media": _t(
        "Migration Reporters' Network",
        "شبكة الصحفيين المعنيين بالهجرة",
        "Réseau des journalistes sur les migrations",
    ),
    "children-and-youth": _t("Youth for Migration", "الشباب من أجل الهجرة", "Jeunesse et migrations"),
    "un-system": _t(
        "UN country network on migration",
        "شبكة الأمم المتحدة القطرية للهجرة",
        "Réseau des Nations Unies sur les migrations",
    ),
    "other": _t(
        "Independent Consultants' Group", "مجموعة الاستشاريين المستقلين", "Groupe de consultants indépendants"
    ),
}
