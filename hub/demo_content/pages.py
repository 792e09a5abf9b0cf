"""The "About" page: who runs the Hub, the review cycle, how stakeholders take part."""

from hub.models import StandardPage

from .spec import PageSpec
from .text import Bullets, T, call_to_action, heading, paragraph


def build_about(copy, pages):
    return StandardPage(
        title=copy(T("About the Hub", "عن المركز", "À propos du Pôle")),
        slug="about",
        show_in_menus=True,
        summary=copy(
            T(
                "Why the Migration Network Hub exists, who runs it, and how stakeholders take part in "
                "the regional reviews.",
                "لماذا أُنشئ مركز الربط الشبكي المعني بالهجرة، ومن يديره، وكيف يشارك أصحاب المصلحة في "
                "الاستعراضات الإقليمية.",
                "Pourquoi le Pôle du Réseau sur les migrations existe, qui l'anime et comment les "
                "parties prenantes participent aux examens régionaux.",
            )
        ),
        body=[
            heading(copy, T("Who runs the Hub", "من يدير المركز", "Qui anime le Pôle")),
            paragraph(
                copy,
                T(
                    "The UN Network on Migration brings together 39 UN entities to support member "
                    "states in implementing, following up and reviewing the Global Compact for Safe, "
                    "Orderly and Regular Migration, adopted in 2018. Its secretariat, hosted by IOM, "
                    "and its regional networks publish the roadmap, news, events and analysis papers "
                    "here.",
                    "تضم شبكة الأمم المتحدة المعنية بالهجرة 39 كيانًا أمميًا لدعم الدول الأعضاء في تنفيذ "
                    "الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية، المعتمد عام 2018، ومتابعته "
                    "واستعراضه. وتنشر أمانتها، التي تستضيفها المنظمة الدولية للهجرة، وشبكاتها الإقليمية "
                    "هنا خارطة الطريق والأخبار والفعاليات والأوراق التحليلية.",
                    "Le Réseau des Nations Unies sur les migrations réunit 39 entités des Nations Unies "
                    "pour aider les États membres à mettre en œuvre, suivre et examiner le Pacte mondial "
                    "pour des migrations sûres, ordonnées et régulières, adopté en 2018. Son "
                    "secrétariat, hébergé par l'OIM, et ses réseaux régionaux publient ici la feuille de "
                    "route, les actualités, les événements et les documents d'analyse.",
                ),
            ),
            heading(
                copy, T("A review every four years", "استعراض كل أربع سنوات", "Un examen tous les quatre ans")
            ),
            paragraph(
                copy,
                T(
                    "Under paragraph 50 of the Compact, each region reviews its implementation every "
                    "four years, alternating with the global International Migration Review Forum. The "
                    "first forum met in New York in May 2022; the results of the 2024 regional reviews "
                    "go to a plenary of the UN General Assembly in the second half of 2024.",
                    "بموجب الفقرة 50 من الاتفاق، تستعرض كل منطقة تنفيذه كل أربع سنوات، بالتناوب مع "
                    "منتدى استعراض الهجرة الدولية على المستوى العالمي. وقد انعقد المنتدى الأول في "
                    "نيويورك في أيار/مايو 2022، وتُعرض نتائج الاستعراضات الإقليمية لعام 2024 على جلسة "
                    "عامة للجمعية العامة للأمم المتحدة في النصف الثاني من عام 2024.",
                    "Aux termes du paragraphe 50 du Pacte, chaque région examine sa mise en œuvre tous "
                    "les quatre ans, en alternance avec le Forum d'examen des migrations "
                    "internationales au niveau mondial. Le premier forum s'est réuni à New York en mai "
                    "2022 ; les résultats des examens régionaux de 2024 sont présentés à une séance "
                    "plénière de l'Assemblée générale des Nations Unies au second semestre 2024.",
                ),
            ),
            heading(copy, T("How stakeholders take part", "كيف يشارك أصحاب المصلحة", "Comment participer")),
            paragraph(
                copy,
                T(
                    "In every region, engagement runs in three steps:",
                    "تجري المشاركة في كل منطقة على ثلاث مراحل:",
                    "Dans chaque région, la participation se déroule en trois étapes :",
                ),
                Bullets(
                    (
                        T(
                            "a virtual pre-consultation, at least twelve weeks before the review;",
                            "مشاورة تمهيدية افتراضية، قبل الاستعراض باثني عشر أسبوعًا على الأقل؛",
                            "une préconsultation virtuelle, au moins douze semaines avant l'examen ;",
                        ),
                        T(
                            "an in-person multi-stakeholder consultation, often the day before the review;",
                            "مشاورة حضورية لأصحاب المصلحة المتعددين، كثيرًا ما تُعقد عشية الاستعراض؛",
                            "une consultation multipartite en présentiel, souvent la veille de l'examen ;",
                        ),
                        T(
                            "the intergovernmental regional review conference, where a rapporteur "
                            "presents the stakeholders' conclusions.",
                            "مؤتمر الاستعراض الإقليمي الحكومي الدولي، حيث يعرض المقرر استنتاجات أصحاب "
                            "المصلحة.",
                            "la conférence intergouvernementale d'examen régional, où un rapporteur "
                            "présente les conclusions des parties prenantes.",
                        ),
                    )
                ),
                T(
                    "Between these meetings, the Hub's five discussion spaces are open to migrants, "
                    "civil society, diaspora organisations, trade unions, local authorities, academia "
                    "and every other stakeholder. What they post is analysed in a paper presented "
                    "before each regional review.",
                    "وبين هذه الاجتماعات، تظل فضاءات المناقشة الخمسة في المركز مفتوحة أمام المهاجرين "
                    "والمجتمع المدني ومنظمات المغتربين والنقابات العمالية والسلطات المحلية والأوساط "
                    "الأكاديمية وسائر أصحاب المصلحة. ويُحلَّل ما ينشرونه في ورقة تُعرض قبل كل استعراض "
                    "إقليمي.",
                    "Entre ces réunions, les cinq espaces de discussion du Pôle sont ouverts aux "
                    "migrants, à la société civile, aux organisations de la diaspora, aux syndicats, aux "
                    "autorités locales, aux milieux universitaires et à toutes les autres parties "
                    "prenantes. Leurs contributions sont analysées dans un document présenté avant "
                    "chaque examen régional.",
                ),
            ),
            heading(copy, T("Languages", "اللغات", "Langues")),
            paragraph(
                copy,
                T(
                    "The Hub is written in Arabic, English and French, the three languages of the Arab "
                    "region's consultations; the six UN languages are the horizon. Stakeholders write "
                    "in the language they choose, and the search finds contributions in all three.",
                    "يصدر المركز بالعربية والإنجليزية والفرنسية، وهي لغات مشاورات المنطقة العربية "
                    "الثلاث، والأفق هو لغات الأمم المتحدة الست. ويكتب أصحاب المصلحة باللغة التي "
                    "يختارونها، ويعثر البحث على المساهمات باللغات الثلاث جميعها.",
                    "Le Pôle est rédigé en arabe, en anglais et en français, les trois langues des "
                    "consultations de la région arabe ; les six langues des Nations Unies sont "
                    "l'horizon. Les parties prenantes écrivent dans la langue de leur choix, et la "
                    "recherche retrouve les contributions dans les trois.",
                ),
            ),
            call_to_action(
                copy,
                T("Where the cycle stands", "أين وصلت الدورة", "Où en est le cycle"),
                T(
                    "The roadmap lists every region's milestones, as precisely as they are known.",
                    "تعرض خارطة الطريق معالم كل منطقة بالدقة المعروفة.",
                    "La feuille de route présente les étapes de chaque région, aussi précisément qu'on "
                    "les connaît.",
                ),
                T("See the roadmap", "اطّلعوا على خارطة الطريق", "Voir la feuille de route"),
                pages["roadmap"],
            ),
        ],
    )


SPECS = [PageSpec(key="about", parent="home", build=build_about)]
