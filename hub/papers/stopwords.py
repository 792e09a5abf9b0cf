"""Words that are never a paper's recurring term: function words and the
connective filler of any text (prepositions, pronouns, auxiliaries, "still",
"often", "across", "many", ...), in Arabic, English and French.

Wider than the search's stop words (``search.analysis``), which are only
the few words that would match almost every contribution: a search for
"between" or "عبر" should still find what it can, while a paper's themes are
the words of what people wrote about.

The lists are written as people write the words; ``stop_terms`` turns them
into the search's analysed terms (normalised: Arabic diacritics and tanween
removed, hamza and alef forms unified; stemmed), which is what the themes
count, so كثيراً، كثيرا، كثيرًا، الكثير and وكثيرا are all left out by writing
كثيرا and كثير once, and "recommendations" by "recommendation".
"""

from functools import cache

from search import analysis

ARABIC = """
في من على إلى الى عن أن إن أنّ إنّ ما لا لم لن ليس ليست هذا هذه هذان هاتان ذلك تلك
هؤلاء أولئك هنا هناك هنالك التي الذي الذين اللذين اللتين اللاتي اللواتي
أو أم ثم بل لكن لكنّ لكنه لكنها إلا إلّا أما إما حتى إذا إذ لو لولا كي لكي
كان كانت كانوا يكون تكون يكونوا نكون أكون صار أصبح أصبحت يصبح تصبح أضحى ظل ظلت بات
زال زالت زالوا يزال تزال يزالون تزالون مازال مازالت مايزال ماتزال لازال لازالت لايزال لاتزال
ما زال ما زالت لا يزال لا تزال
قد لقد سوف كل كلّ كافة جميع بعض عدة عدّة معظم أغلب غالبية مختلف
مع عند عندما بين عبر خلال ضمن حول لدى منذ نحو دون بدون سوى غير رغم برغم رغماً حسب وفق وفقا وفقاً
تحت فوق أمام خلف وراء قبل بعد أثناء إثر لدى لدي لدينا لديهم لديه لديها بشأن بخصوص فيما
كما مثل مثلا مثلاً أيضا أيضاً كذلك ذاته ذاتها ذات
أكثر أقل كثير كثيرا كثيراً كثيرًا كثيرة الكثير كثيرون كثيرين قليل قليلا قليلاً قليلة جدا جداً
فقط لاسيما لا سيما سيما حيث حين حينما بينما كلما أينما أين متى كيف لماذا هل
هو هي هم هما هن نحن أنا أنت أنتم أنتن إياه إياها إياهم
فيه فيها فيهم منه منها منهم عليه عليها عليهم عنه عنها عنهم إليه إليها إليهم
به بها بهم له لها لهم لنا لكم معه معها معهم بينهم بيننا
يجب ينبغي يمكن يمكنه يمكنها يمكنهم تم يتم تمت وقد وهو وهي وهم وكان وكانت
أي أية أيّ شيء أمر أمور بشكل بصورة مجال مدى جانب
يوجد توجد هناك إنه إنها أنه أنها إنهم أنهم
واحد واحدة اثنان أول أولى ثاني أخرى آخر آخرون أخريات
نود أود نأمل يأمل نرى يرى أرى نعتقد أظهر أظهرت يظهر تظهر تتضمن يتضمن ينعكس تنعكس مسألة
"""

ENGLISH = """
a about above across after afterwards again against all almost alone along already also although
always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
be became because become becomes becoming been before beforehand behind being below beside besides
between beyond both but by can cannot could did do does doing done down due during each either else
elsewhere enough etc even ever every everyone everything everywhere except few for former formerly
from further furthermore had has have having he hence her here hereby herein hers herself him
himself his how however i if in indeed into is it its itself just last latter least less like
made make many may me meanwhile might more moreover most mostly much must my myself namely
neither never nevertheless next no nobody none nor not nothing now nowhere of off often on once
one only onto or other others otherwise our ours ourselves out over own per perhaps please quite
rather really same several shall she should since so some somehow someone something sometimes
somewhat still such than that the their theirs them themselves then there thereby therefore
therein these they this those though through throughout thus to together too toward towards under
until up upon us very via was we well were what whatever when whenever where whereas wherever
whether which while who whoever whole whom whose why will with within without would yet you your
yours yourself yourselves
said says say see seen way ways thing things lot lots kind part side point one two three
want wish hope think believe know knew found find met meet wait show shows showed shown include
includes including get got take taken go goes come comes give given put keep let seem seems tell
ask asked call new main hard based closely regarding related issue issues
"""

FRENCH = """
a à afin ai aie aient ainsi alors apres après as au aucun aucune aujourd auquel aussi autre autres
aux auxquelles auxquels avaient avais avait avant avec avez aviez avions avoir avons ayant beaucoup
bien c ça car ce ceci cela celle celles celui cependant certain certaine certaines certains ces cet
cette ceux chacun chacune chaque chez ci comme comment concernant contre d dans de depuis des dès
desquelles desquels déjà deux doit doivent donc dont du duquel durant elle elles en encore entre
environ es est et étaient étais était étant été être eu eux fait faire fais faut fois font hors
ici il ils j je jusqu jusque l la là laquelle le lequel les lesquelles lesquels leur leurs lors
lorsque lui m ma mais malgré me même mêmes mes moi moins mon n ne ni non nos notre nous on ont
or ou où par parce parmi pas pendant peu peut peuvent plus plusieurs pour pourquoi pourrait
pourraient près puis puisque qu quand quant que quel quelle quelles quels qui quoi s sa sans se
selon ses seulement si sien sienne soi soit sommes son sont souvent sous suis sur t ta tandis tant
te tel telle telles tels tes toi ton toujours tous tout toute toutes très trop tu un une unes uns
travers vers via voici voilà vos votre vous y
devrait devraient doit peut notamment ailleurs également davantage dit ainsi part côté point
espérons souhaitons voudrais rejoins pensons croyons montre montrent comprend examinés sein
"""


# The search keeps the one-letter prepositions and conjunctions written onto
# an Arabic word (لكل، بين، وبعض): a function word is one with them too.
_ARABIC_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")


def _terms(words_text, language, prefixes=("",)):
    terms = set()
    for word in words_text.split():
        for prefix in prefixes:
            # (A word the search itself leaves out gives no term: it never reaches the themes.)
            terms.update(term for _start, _end, term in analysis.term_spans(prefix + word, language))
    return frozenset(terms)


@cache
def stop_terms(language):
    """The analysed terms never shown as recurring terms of text in ``language``.

    Arabic-script terms are the same in every language's text; Latin-script
    ones are stemmed as that language's text is (French, or English otherwise).
    """
    latin = "fr" if language == "fr" else "en"
    return _terms(ARABIC, latin, _ARABIC_PREFIXES) | _terms(ENGLISH if latin == "en" else FRENCH, latin)
