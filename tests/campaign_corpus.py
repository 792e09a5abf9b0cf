"""A planted set for measuring campaign grouping: campaigns and look-alikes.

``planted(seed, campaigns, controls)`` returns ``Text`` rows: each campaign
is a base text (Arabic, English or French, built from that language's
phrases on one GCM topic) sent by 2 to 40 different authors with the small
edits campaigners make — a name swapped in the signature, a greeting added,
a sentence added or removed, a word changed. The controls are what must
*not* group: texts on the same topic written independently (they share
the topic's phrases), template-like official submissions (a shared
paragraph of boilerplate, then their own substance), and one author
posting the same text twice (one voice, not a campaign).
"""

import random
from dataclasses import dataclass
from itertools import combinations

PHRASES = {
    "en": (
        "access to justice",
        "for all migrants",
        "regular pathways",
        "labour migration",
        "decent work",
        "the Global Compact for Migration",
        "immigration detention",
        "of migrant children",
        "as a last resort",
        "family reunification",
        "recruitment fees",
        "social protection",
        "portability of benefits",
        "climate-induced displacement",
        "safe and dignified return",
        "consular assistance",
        "hate speech",
        "evidence-based public discourse",
        "data disaggregated by sex and age",
        "skills recognition",
        "remittance costs",
        "border governance",
        "search and rescue",
        "missing migrants",
        "trafficking in persons",
        "we call on governments to",
        "we urge states to",
        "it is essential to",
        "in line with human rights",
        "civil society organisations",
        "local authorities",
        "the private sector",
        "in the region",
        "over the past four years",
        "without discrimination",
        "in cooperation with",
        "the review process",
        "national action plans",
        "alternatives to detention",
        "access to health care",
    ),
    "fr": (
        "l'accès à la justice",
        "pour tous les migrants",
        "des voies régulières",
        "la migration de main-d'œuvre",
        "le travail décent",
        "le Pacte mondial sur les migrations",
        "la rétention administrative",
        "des enfants migrants",
        "en dernier recours",
        "le regroupement familial",
        "les frais de recrutement",
        "la protection sociale",
        "la portabilité des droits",
        "les déplacements liés au climat",
        "un retour sûr et digne",
        "l'assistance consulaire",
        "les discours de haine",
        "un débat public fondé",
        "des données ventilées par sexe et âge",
        "la reconnaissance des compétences",
        "le coût des envois de fonds",
        "la gouvernance des frontières",
        "la recherche et le sauvetage",
        "les migrants disparus",
        "la traite des personnes",
        "nous appelons les gouvernements à",
        "nous exhortons les États à",
        "il est essentiel de",
        "conformément aux droits humains",
        "les organisations de la société civile",
        "les autorités locales",
        "le secteur privé",
        "dans la région",
        "au cours des quatre dernières années",
        "sans discrimination",
        "en coopération avec",
        "le processus d'examen",
        "des plans d'action nationaux",
        "des alternatives à la détention",
        "l'accès aux soins de santé",
    ),
    "ar": (
        "الوصول إلى العدالة",
        "لجميع المهاجرين",
        "المسارات النظامية",
        "هجرة اليد العاملة",
        "العمل اللائق",
        "الاتفاق العالمي من أجل الهجرة",
        "احتجاز المهاجرين",
        "الأطفال المهاجرين",
        "كملاذ أخير",
        "لم شمل الأسرة",
        "رسوم التوظيف",
        "الحماية الاجتماعية",
        "نقل الاستحقاقات",
        "النزوح بسبب المناخ",
        "العودة الآمنة والكريمة",
        "المساعدة القنصلية",
        "خطاب الكراهية",
        "خطاب عام قائم على الأدلة",
        "بيانات مصنفة حسب الجنس والعمر",
        "الاعتراف بالمهارات",
        "تكاليف التحويلات",
        "إدارة الحدود",
        "البحث والإنقاذ",
        "المهاجرين المفقودين",
        "الاتجار بالأشخاص",
        "ندعو الحكومات إلى",
        "نحث الدول على",
        "من الضروري",
        "بما يتماشى مع حقوق الإنسان",
        "منظمات المجتمع المدني",
        "السلطات المحلية",
        "القطاع الخاص",
        "في المنطقة",
        "خلال السنوات الأربع الماضية",
        "دون تمييز",
        "بالتعاون مع",
        "عملية الاستعراض",
        "خطط العمل الوطنية",
        "بدائل الاحتجاز",
        "الحصول على الرعاية الصحية",
    ),
}
LINKS = {
    "en": ("and", "with", "through", "including", "while ensuring", "so that", "because", "by"),
    "fr": ("et", "avec", "par", "notamment", "tout en garantissant", "afin que", "car", "grâce à"),
    "ar": ("و", "مع", "من خلال", "بما في ذلك", "مع ضمان", "بحيث", "لأن", "عبر"),
}
GREETINGS = {
    "en": ("Dear colleagues,", "To whom it may concern,", "Hello,"),
    "fr": ("Chers collègues,", "Madame, Monsieur,", "Bonjour,"),
    "ar": ("السادة الزملاء،", "إلى من يهمه الأمر،", "تحية طيبة،"),
}
SIGNED = {"en": "Signed,", "fr": "Signé,", "ar": "التوقيع:"}
NAMES = (
    "Maria Lopez",
    "Ahmed Said",
    "Fatima Zahra",
    "Jean Dupont",
    "Amina Diallo",
    "Omar Haddad",
    "Sara Nasser",
    "Claire Martin",
    "Youssef Karim",
    "Leila Mansour",
    "Paul Girard",
    "Nour Khalil",
)
BOILERPLATE = {
    "en": "The Government welcomes the opportunity to contribute to the regional review of the Global "
    "Compact for Safe, Orderly and Regular Migration and reaffirms its commitment to the guiding "
    "principles of the Compact. This submission summarises the measures taken since the last review.",
    "fr": "Le Gouvernement se félicite de l'occasion de contribuer à l'examen régional du Pacte mondial "
    "pour des migrations sûres, ordonnées et régulières et réaffirme son attachement aux principes "
    "directeurs du Pacte. La présente contribution résume les mesures prises depuis le dernier examen.",
    "ar": "ترحب الحكومة بفرصة المساهمة في الاستعراض الإقليمي للاتفاق العالمي من أجل الهجرة الآمنة والمنظمة "
    "والنظامية وتؤكد مجددا التزامها بالمبادئ التوجيهية للاتفاق. تلخص هذه المساهمة التدابير المتخذة منذ "
    "الاستعراض الأخير.",
}


@dataclass(frozen=True)
class Text:
    key: int
    author: str
    language: str
    text: str
    campaign: int | None  # the planted campaign, None for a control


def _sentence(rng, language):
    parts = []
    for _i in range(rng.randint(3, 5)):
        parts.append(rng.choice(PHRASES[language]))
        parts.append(rng.choice(LINKS[language]))
    return " ".join(parts[:-1]) + "."


def _text(rng, language, sentences):
    return [_sentence(rng, language) for _i in range(sentences)]


def _edit(rng, language, sentences, name):
    """One campaigner's copy: the base with one to two small edits and their own signature."""
    sentences = list(sentences)
    for edit in rng.sample(("greeting", "add", "remove", "word"), rng.randint(1, 2)):
        if edit == "greeting":
            sentences.insert(0, rng.choice(GREETINGS[language]))
        elif edit == "add":
            sentences.insert(rng.randrange(len(sentences) + 1), _sentence(rng, language))
        elif edit == "remove" and len(sentences) > 4:
            sentences.pop(rng.randrange(len(sentences)))
        elif edit == "word":
            at = rng.randrange(len(sentences))
            words = sentences[at].split()
            words[rng.randrange(len(words))] = rng.choice(LINKS[language])
            sentences[at] = " ".join(words)
    return " ".join([*sentences, SIGNED[language], name])


def planted(seed=1, campaigns=40, controls=200):
    rng = random.Random(seed)
    rows = []
    authors = iter(range(1, 10**9))

    def add(author, language, text, campaign):
        rows.append(Text(len(rows) + 1, author, language, text, campaign))

    languages = ("ar", "en", "fr")
    for number in range(campaigns):
        language = languages[number % 3]
        base = _text(rng, language, rng.randint(5, 8))
        for _i in range(rng.choice((2, 3, 5, 10, 40))):
            add(f"a{next(authors)}", language, _edit(rng, language, base, rng.choice(NAMES)), number)
    for number in range(controls):
        language = languages[number % 3]
        kind = number % 4
        if kind in (0, 1):  # same topic, written independently
            add(f"a{next(authors)}", language, " ".join(_text(rng, language, rng.randint(4, 8))), None)
        elif kind == 2:  # an official template: shared boilerplate, its own substance
            body = " ".join([BOILERPLATE[language], *_text(rng, language, rng.randint(3, 5))])
            add(f"a{next(authors)}", language, body, None)
        else:  # one author posting the same text twice: one voice
            author, text = f"a{next(authors)}", " ".join(_text(rng, language, 5))
            add(author, language, text, None)
            add(author, language, text + " " + rng.choice(GREETINGS[language]), None)
    rng.shuffle(rows)
    return rows


def pairs(groups):
    """Every unordered pair of keys inside the same group."""
    return {tuple(sorted(pair)) for group in groups for pair in combinations(group, 2)}


def precision_recall(rows, found_groups):
    """Pairwise precision and recall of ``found_groups`` (sets of keys) against the planted campaigns."""
    truth = {}
    for row in rows:
        if row.campaign is not None:
            truth.setdefault(row.campaign, set()).add(row.key)
    expected, found = pairs(truth.values()), pairs(found_groups)
    true_positive = len(expected & found)
    precision = true_positive / len(found) if found else 1.0
    recall = true_positive / len(expected) if expected else 1.0
    return precision, recall


def prints(rows):
    """The rows as grouping's input (``search.campaigns.grouping.Prints``), keyed by ``Text.key``."""
    from search.campaigns import fingerprint, grouping  # Django must be set up first

    signatures = fingerprint.signatures([row.text for row in rows])
    return grouping.Prints.of([(row.key, row.author, sig) for row, sig in zip(rows, signatures, strict=True)])
