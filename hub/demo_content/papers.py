"""An example analysis paper under the Arab States page.

The figures and the quotation are illustrative, and the paper says so: they
show how findings are presented, not what stakeholders actually posted.
"""

import datetime

from hub.models import AnalysisPaperPage

from .spec import PageSpec
from .text import Bullets, T, bar_chart, heading, key_figures, paragraph, quotation, same

CONTRIBUTIONS = T("contributions", "مساهمة", "contributions")


def build_arab_states_paper(copy, pages):
    return AnalysisPaperPage(
        title=copy(
            T(
                "What stakeholders told the Arab States space",
                "ما قاله أصحاب المصلحة في فضاء الدول العربية",
                "Ce que les parties prenantes ont dit dans l'espace des États arabes",
            )
        ),
        slug="analysis-of-contributions-2024",
        published_on=datetime.date(2024, 6, 20),
        summary=copy(
            T(
                "An example analysis paper: how the contributions posted before the second Arab review "
                "are counted, grouped and presented. Its figures are illustrative.",
                "ورقة تحليلية نموذجية تبيّن كيف تُحصى المساهمات المنشورة قبل الاستعراض العربي الثاني "
                "وتُصنَّف وتُعرض. والأرقام الواردة فيها توضيحية.",
                "Un exemple de document d'analyse : comment les contributions publiées avant le "
                "deuxième examen arabe sont comptées, regroupées et présentées. Ses chiffres sont "
                "illustratifs.",
            )
        ),
        body=[
            heading(copy, T("Main findings", "أبرز النتائج", "Principaux constats")),
            paragraph(
                copy,
                T(
                    "Contributions came in Arabic, English and French. Most were recommendations; good "
                    "practices came next, often from local authorities and migrant organisations "
                    "describing services they run.",
                    "وردت المساهمات بالعربية والإنجليزية والفرنسية. وكان معظمها توصيات، تلتها "
                    "الممارسات الجيدة، وكثيرًا ما قدّمتها سلطات محلية ومنظمات للمهاجرين تصف خدمات "
                    "تديرها.",
                    "Les contributions sont arrivées en arabe, en anglais et en français. La plupart "
                    "étaient des recommandations ; venaient ensuite les bonnes pratiques, souvent "
                    "décrites par des autorités locales et des organisations de migrants à propos des "
                    "services qu'elles gèrent.",
                ),
            ),
            key_figures(
                copy,
                T("The contributions in figures", "المساهمات بالأرقام", "Les contributions en chiffres"),
                [
                    ("120", CONTRIBUTIONS),
                    ("3", T("languages", "لغات", "langues")),
                    ("6", T("key areas covered", "مجالات رئيسية مشمولة", "domaines clés couverts")),
                ],
            ),
            bar_chart(
                copy,
                T("Contributions by kind", "المساهمات حسب النوع", "Contributions par type"),
                CONTRIBUTIONS,
                [
                    (T("Recommendations", "التوصيات", "Recommandations"), 54),
                    (T("Good practices", "الممارسات الجيدة", "Bonnes pratiques"), 31),
                    (T("Comments", "التعليقات", "Commentaires"), 23),
                    (T("Reports", "التقارير", "Rapports"), 12),
                ],
            ),
            quotation(
                copy,
                T(
                    "Regular pathways only help if people can find out about them in a language they read.",
                    "لا تنفع المسارات النظامية إلا إذا استطاع الناس التعرّف عليها بلغة يقرؤونها.",
                    "Les voies régulières ne servent que si l'on peut s'informer à leur sujet dans une "
                    "langue que l'on lit.",
                ),
                T("A migrant organisation", "منظمة للمهاجرين", "Une organisation de migrants"),
                T(
                    "Contribution to the Arab States space (illustrative)",
                    "مساهمة في فضاء الدول العربية (توضيحية)",
                    "Contribution à l'espace des États arabes (exemple)",
                ),
            ),
            heading(
                copy,
                T(
                    "What stakeholders recommend",
                    "ما يوصي به أصحاب المصلحة",
                    "Ce que recommandent les parties prenantes",
                ),
            ),
            paragraph(
                copy,
                Bullets(
                    (
                        T(
                            "Publish information on regular pathways in the languages migrants read.",
                            "نشر المعلومات عن المسارات النظامية باللغات التي يقرؤها المهاجرون.",
                            "Publier l'information sur les voies régulières dans les langues que lisent "
                            "les migrants.",
                        ),
                        T(
                            "Open basic services to migrants whatever their status.",
                            "إتاحة الخدمات الأساسية للمهاجرين أيًّا كان وضعهم.",
                            "Ouvrir les services de base aux migrants quel que soit leur statut.",
                        ),
                        T(
                            "Involve trade unions and migrant organisations in the national follow-up of "
                            "the review.",
                            "إشراك النقابات العمالية ومنظمات المهاجرين في المتابعة الوطنية للاستعراض.",
                            "Associer syndicats et organisations de migrants au suivi national de l'examen.",
                        ),
                    )
                ),
            ),
        ],
        methodology=copy.rich(
            T(
                "Every contribution posted in the Arab States space between 1 December 2023 and 1 June "
                "2024 was read and coded by kind (comment, recommendation, good practice, report), by "
                "GCM objective and by stakeholder group. Contributions in Arabic and French were "
                "analysed in their own language.",
                "قُرئت كل مساهمة نُشرت في فضاء الدول العربية بين 1 كانون الأول/ديسمبر 2023 و1 "
                "حزيران/يونيو 2024 وصُنّفت حسب النوع (تعليق أو توصية أو ممارسة جيدة أو تقرير) وحسب هدف "
                "الاتفاق العالمي ومجموعة أصحاب المصلحة. وحُلّلت المساهمات العربية والفرنسية بلغتها "
                "الأصلية.",
                "Chaque contribution publiée dans l'espace des États arabes entre le 1er décembre 2023 "
                "et le 1er juin 2024 a été lue et codée par type (commentaire, recommandation, bonne "
                "pratique, rapport), par objectif du Pacte et par groupe de parties prenantes. Les "
                "contributions en arabe et en français ont été analysées dans leur langue.",
            ),
            T(
                "This paper is part of the demonstration content: its figures and its quotation are "
                "illustrative.",
                "هذه الورقة جزء من المحتوى التجريبي للموقع، وأرقامها والاقتباس الوارد فيها توضيحية.",
                "Ce document fait partie du contenu de démonstration : ses chiffres et sa citation sont "
                "illustratifs.",
            ),
        ),
        contributions_from=datetime.date(2023, 12, 1),
        contributions_until=datetime.date(2024, 6, 1),
        contribution_count=120,
        contribution_query=copy(same("space=arab-states&until=2024-06-01")),
    )


SPECS = [PageSpec(key="paper:arab-states", parent="region:arab-states", build=build_arab_states_paper)]
