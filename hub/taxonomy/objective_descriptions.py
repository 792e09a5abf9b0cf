"""The 23 objectives' full titles and a paragraph on what each commits to, in
English, Arabic and French.

Written for the Hub from the Compact's text (A/RES/73/195): the title as the
Compact gives it, then its commitments in a sentence or two, in the words a
contribution on the subject would use. Objective suggestions start from
them (with the thesaurus), so a suggestion works before anyone has tagged a
contribution; editors read and correct them on the objectives' snippets.
``load_taxonomy`` writes them into ``GcmObjective.description``.
"""


def _t(en, ar, fr):
    return {"en": en, "ar": ar, "fr": fr}


DESCRIPTIONS = {
    1: _t(
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies. "
        "We commit to strengthen the global evidence base on international migration by improving and "
        "investing in the collection, analysis and dissemination of accurate, reliable and comparable "
        "data, disaggregated by sex, age, migration status and other characteristics, including "
        "censuses, surveys, administrative registers and labour market statistics, while upholding the "
        "right to privacy and protecting personal data.",
        "جمع واستخدام بيانات دقيقة ومصنفة كأساس لسياسات قائمة على الأدلة. نلتزم بتعزيز قاعدة الأدلة "
        "العالمية بشأن الهجرة الدولية من خلال تحسين جمع البيانات الدقيقة والموثوقة والقابلة للمقارنة "
        "وتحليلها ونشرها، مصنفةً حسب الجنس والعمر ووضع الهجرة وغيرها من الخصائص، بما في ذلك التعدادات "
        "والمسوح والسجلات الإدارية وإحصاءات سوق العمل، مع احترام الحق في الخصوصية وحماية البيانات الشخصية.",
        "Collecter et utiliser des données exactes et ventilées pour formuler des politiques fondées sur "
        "la connaissance des faits. Nous nous engageons à renforcer la base de connaissances sur les "
        "migrations internationales en améliorant la collecte, l'analyse et la diffusion de données "
        "exactes, fiables et comparables, ventilées par sexe, âge, statut migratoire et autres "
        "caractéristiques, notamment les recensements, les enquêtes, les registres administratifs et les "
        "statistiques du marché du travail, dans le respect de la vie privée et de la protection des "
        "données personnelles.",
    ),
    2: _t(
        "Minimize the adverse drivers and structural factors that compel people to leave their country of "
        "origin. We commit to create conducive political, economic, social and environmental conditions "
        "for people to lead peaceful, productive and sustainable lives in their own country, by "
        "eradicating poverty, investing in sustainable development, education, employment and decent "
        "jobs for young people, and addressing conflicts, natural disasters, climate change, "
        "environmental degradation, desertification and food insecurity.",
        "التقليل إلى أدنى حد من الدوافع السلبية والعوامل الهيكلية التي تضطر الناس إلى مغادرة بلدانهم "
        "الأصلية. نلتزم بتهيئة ظروف سياسية واقتصادية واجتماعية وبيئية تمكّن الناس من العيش في سلام في "
        "بلدانهم، من خلال القضاء على الفقر والاستثمار في التنمية المستدامة والتعليم وفرص العمل اللائق "
        "للشباب، والتصدي للنزاعات والكوارث الطبيعية وتغير المناخ والتدهور البيئي والتصحر وانعدام الأمن "
        "الغذائي.",
        "Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes à "
        "quitter leur pays d'origine. Nous nous engageons à créer des conditions politiques, économiques, "
        "sociales et environnementales permettant aux personnes de vivre en paix dans leur propre pays, en "
        "éliminant la pauvreté, en investissant dans le développement durable, l'éducation, l'emploi et le "
        "travail décent des jeunes, et en s'attaquant aux conflits, aux catastrophes naturelles, aux "
        "changements climatiques, à la dégradation de l'environnement, à la désertification et à "
        "l'insécurité alimentaire.",
    ),
    3: _t(
        "Provide accurate and timely information at all stages of migration. We commit to strengthen "
        "efforts to provide, make available and disseminate accurate, timely, accessible and transparent "
        "information on migration-related aspects for and between States, communities and migrants at all "
        "stages of migration, through information campaigns, migrant resource centres, websites, hotlines "
        "and pre-departure orientation on rights, obligations, legal pathways and the risks of irregular "
        "migration.",
        "توفير معلومات دقيقة وفي الوقت المناسب في جميع مراحل الهجرة. نلتزم بتعزيز الجهود الرامية إلى "
        "توفير معلومات دقيقة وحديثة وميسّرة وشفافة عن جوانب الهجرة ونشرها للدول والمجتمعات والمهاجرين في "
        "جميع مراحل الهجرة، عبر حملات التوعية ومراكز موارد المهاجرين والمواقع الإلكترونية وخطوط المساعدة "
        "والتوجيه قبل المغادرة بشأن الحقوق والواجبات والمسارات القانونية ومخاطر الهجرة غير النظامية.",
        "Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration. "
        "Nous nous engageons à renforcer les efforts visant à fournir et diffuser des informations "
        "exactes, actualisées, accessibles et transparentes sur les différents aspects de la migration, à "
        "l'intention des États, des communautés et des migrants, à toutes les étapes de la migration, au "
        "moyen de campagnes d'information, de centres de ressources pour les migrants, de sites web, de "
        "lignes d'assistance et d'une orientation avant le départ sur les droits, les obligations, les "
        "voies légales et les risques de la migration irrégulière.",
    ),
    4: _t(
        "Ensure that all migrants have proof of legal identity and adequate documentation. We commit to "
        "fulfil the right of all individuals to a legal identity by providing all our nationals with proof "
        "of nationality and relevant documentation, such as passports, birth certificates, identity cards "
        "and travel documents, allowing national and local authorities to ascertain a migrant's identity, "
        "preventing statelessness through birth registration, and issuing consular identity cards.",
        "ضمان حصول جميع المهاجرين على ما يثبت هويتهم القانونية وعلى وثائق مناسبة. نلتزم بإعمال حق جميع "
        "الأفراد في الهوية القانونية بتزويد جميع مواطنينا بما يثبت جنسيتهم وبالوثائق اللازمة مثل جوازات "
        "السفر وشهادات الميلاد وبطاقات الهوية ووثائق السفر، وتمكين السلطات من التحقق من هوية المهاجرين، "
        "ومنع انعدام الجنسية من خلال تسجيل المواليد، وإصدار بطاقات الهوية القنصلية.",
        "Munir tous les migrants d'une preuve d'identité légale et de papiers adéquats. Nous nous engageons "
        "à garantir le droit de chacun à une identité juridique en fournissant à tous nos ressortissants "
        "une preuve de nationalité et des documents appropriés, tels que passeports, actes de naissance, "
        "cartes d'identité et documents de voyage, en permettant aux autorités de vérifier l'identité des "
        "migrants, en prévenant l'apatridie par l'enregistrement des naissances et en délivrant des cartes "
        "d'identité consulaires.",
    ),
    5: _t(
        "Enhance availability and flexibility of pathways for regular migration. We commit to adapt "
        "options and pathways for regular migration in a manner that facilitates labour mobility and "
        "decent work reflecting demographic and labour market realities, optimizes education "
        "opportunities, upholds the right to family life through family reunification, and responds to "
        "the needs of migrants in a situation of vulnerability, including humanitarian visas, work "
        "permits, student visas, seasonal work and skills-based programmes.",
        "تعزيز توافر مسارات الهجرة النظامية ومرونتها. نلتزم بتكييف خيارات الهجرة النظامية ومساراتها على "
        "نحو ييسّر تنقل اليد العاملة والعمل اللائق بما يعكس الواقع الديمغرافي وواقع سوق العمل، ويعزز فرص "
        "التعليم، ويصون الحق في الحياة الأسرية من خلال لمّ شمل الأسر، ويلبي احتياجات المهاجرين الذين "
        "يعيشون أوضاعًا هشة، بما في ذلك التأشيرات الإنسانية وتصاريح العمل وتأشيرات الدراسة والعمل الموسمي "
        "وبرامج التنقل القائمة على المهارات.",
        "Accroître la disponibilité et la flexibilité des filières de migration régulière. Nous nous "
        "engageons à adapter les options et les filières de migration régulière de manière à faciliter la "
        "mobilité de la main-d'œuvre et le travail décent en fonction des réalités démographiques et du "
        "marché du travail, à optimiser les possibilités d'éducation, à respecter le droit à la vie de "
        "famille par le regroupement familial et à répondre aux besoins des migrants en situation de "
        "vulnérabilité, notamment par des visas humanitaires, des permis de travail, des visas d'études, "
        "le travail saisonnier et des programmes fondés sur les compétences.",
    ),
    6: _t(
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work. We "
        "commit to review existing recruitment mechanisms to guarantee that they are fair and ethical, and "
        "to protect all migrant workers against all forms of exploitation and abuse, by prohibiting "
        "recruitment fees charged to workers, regulating recruitment agencies, enforcing labour standards "
        "and employment contracts, and preventing confiscation of passports, forced labour and wage theft, "
        "including for domestic workers.",
        "تيسير التوظيف العادل والأخلاقي وضمان الظروف التي تكفل العمل اللائق. نلتزم بمراجعة آليات التوظيف "
        "القائمة لضمان عدالتها وأخلاقيتها، وبحماية جميع العمال المهاجرين من جميع أشكال الاستغلال "
        "والإساءة، من خلال حظر تحميل العمال رسوم الاستقدام وتنظيم وكالات التوظيف وإنفاذ معايير العمل "
        "وعقود العمل، ومنع مصادرة جوازات السفر والعمل الجبري وسرقة الأجور، بما في ذلك لعمال المنازل "
        "ونظام الكفالة.",
        "Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d'un travail "
        "décent. Nous nous engageons à revoir les mécanismes de recrutement existants pour qu'ils soient "
        "justes et éthiques, et à protéger tous les travailleurs migrants contre toute forme "
        "d'exploitation et d'abus, en interdisant les frais de recrutement facturés aux travailleurs, en "
        "réglementant les agences de recrutement, en faisant respecter les normes du travail et les "
        "contrats de travail, et en empêchant la confiscation des passeports, le travail forcé et le vol "
        "de salaire, y compris pour les travailleurs domestiques.",
    ),
    7: _t(
        "Address and reduce vulnerabilities in migration. We commit to respond to the needs of migrants "
        "who face situations of vulnerability, which may arise from the circumstances in which they travel "
        "or the conditions they face in countries of origin, transit and destination, by assisting and "
        "protecting them, in particular women at risk, unaccompanied and separated children, victims of "
        "violence and gender-based violence, persons with disabilities and older persons, and by "
        "facilitating access to regularization.",
        "معالجة أوجه الضعف في سياق الهجرة والحد منها. نلتزم بالاستجابة لاحتياجات المهاجرين الذين يواجهون "
        "أوضاعًا هشة قد تنشأ عن الظروف التي يسافرون فيها أو التي يواجهونها في بلدان المنشأ والعبور "
        "والمقصد، بمساعدتهم وحمايتهم، ولا سيما النساء المعرضات للخطر والأطفال غير المصحوبين والمنفصلين عن "
        "ذويهم وضحايا العنف والعنف القائم على النوع الاجتماعي والأشخاص ذوي الإعاقة وكبار السن، وبتيسير "
        "الحصول على تسوية الوضع.",
        "S'attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire. Nous nous engageons à "
        "répondre aux besoins des migrants en situation de vulnérabilité, qui peut tenir aux conditions "
        "dans lesquelles ils voyagent ou à celles qu'ils rencontrent dans les pays d'origine, de transit et "
        "de destination, en les aidant et en les protégeant, en particulier les femmes à risque, les "
        "enfants non accompagnés et séparés, les victimes de violence et de violence fondée sur le genre, "
        "les personnes handicapées et les personnes âgées, et en facilitant l'accès à la régularisation.",
    ),
    8: _t(
        "Save lives and establish coordinated international efforts on missing migrants. We commit to "
        "cooperate internationally to save lives and prevent migrant deaths and injuries through search "
        "and rescue operations at sea and on land, and to identify those who have died or gone missing, "
        "collect and exchange information on missing migrants, return the remains of the dead and "
        "facilitate communication with affected families.",
        "إنقاذ الأرواح وتنسيق الجهود الدولية بشأن المهاجرين المفقودين. نلتزم بالتعاون دوليًا لإنقاذ "
        "الأرواح ومنع وفاة المهاجرين وإصابتهم من خلال عمليات البحث والإنقاذ في البحر وعلى البر، وتحديد "
        "هوية المتوفين والمفقودين، وجمع المعلومات عن المهاجرين المفقودين وتبادلها، وإعادة رفات الموتى، "
        "وتيسير التواصل مع الأسر المتضررة.",
        "Sauver des vies et mener des actions internationales coordonnées pour retrouver les migrants "
        "disparus. Nous nous engageons à coopérer à l'échelle internationale pour sauver des vies et "
        "prévenir les décès et les blessures de migrants par des opérations de recherche et de sauvetage "
        "en mer et sur terre, à identifier les personnes décédées ou disparues, à recueillir et échanger "
        "des informations sur les migrants disparus, à rapatrier les dépouilles et à faciliter la "
        "communication avec les familles touchées.",
    ),
    9: _t(
        "Strengthen the transnational response to smuggling of migrants. We commit to intensify joint "
        "efforts to prevent and counter smuggling of migrants by strengthening capacities and "
        "international cooperation to prevent, investigate, prosecute and penalize the smuggling of "
        "migrants and dismantle smuggling networks, in line with the Protocol against the Smuggling of "
        "Migrants, while ensuring that migrants do not become liable to criminal prosecution for the fact "
        "of having been smuggled.",
        "تعزيز الاستجابة عبر الوطنية لتهريب المهاجرين. نلتزم بتكثيف الجهود المشتركة لمنع تهريب "
        "المهاجرين ومكافحته بتعزيز القدرات والتعاون الدولي من أجل منع التهريب والتحقيق فيه وملاحقة "
        "مرتكبيه ومعاقبتهم وتفكيك شبكات المهربين، وفقًا لبروتوكول مكافحة تهريب المهاجرين، مع ضمان عدم "
        "تعريض المهاجرين للملاحقة الجنائية لكونهم محل تهريب.",
        "Renforcer l'action transnationale face au trafic de migrants. Nous nous engageons à redoubler "
        "d'efforts pour prévenir et combattre le trafic illicite de migrants en renforçant les capacités et "
        "la coopération internationale afin de prévenir, d'enquêter, de poursuivre et de sanctionner le "
        "trafic illicite de migrants et de démanteler les réseaux de passeurs, conformément au Protocole "
        "contre le trafic illicite de migrants, tout en veillant à ce que les migrants ne fassent pas "
        "l'objet de poursuites pénales du fait d'avoir été l'objet d'un trafic.",
    ),
    10: _t(
        "Prevent, combat and eradicate trafficking in persons in the context of international migration. "
        "We commit to take legislative or other measures to prevent, combat and eradicate trafficking in "
        "persons by strengthening capacities and international cooperation to investigate, prosecute and "
        "penalize trafficking, discouraging the demand that fosters exploitation leading to trafficking, "
        "and identifying, protecting and assisting victims of trafficking, including sexual exploitation, "
        "forced labour and servitude.",
        "منع الاتجار بالأشخاص ومكافحته والقضاء عليه في سياق الهجرة الدولية. نلتزم باتخاذ تدابير تشريعية "
        "وغيرها لمنع الاتجار بالأشخاص ومكافحته والقضاء عليه، بتعزيز القدرات والتعاون الدولي للتحقيق في "
        "جرائم الاتجار وملاحقة مرتكبيها ومعاقبتهم، والحد من الطلب الذي يغذي الاستغلال، وتحديد ضحايا "
        "الاتجار وحمايتهم ومساعدتهم، بما في ذلك ضحايا الاستغلال الجنسي والعمل القسري والاستعباد.",
        "Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations "
        "internationales. Nous nous engageons à prendre des mesures législatives ou autres pour prévenir, "
        "combattre et éliminer la traite des personnes en renforçant les capacités et la coopération "
        "internationale afin d'enquêter sur la traite, d'en poursuivre et d'en sanctionner les auteurs, en "
        "décourageant la demande qui favorise l'exploitation, et en identifiant, protégeant et assistant "
        "les victimes de la traite, notamment d'exploitation sexuelle, de travail forcé et de servitude.",
    ),
    11: _t(
        "Manage borders in an integrated, secure and coordinated manner. We commit to manage our national "
        "borders in a coordinated manner, promoting bilateral and regional cooperation, ensuring security "
        "for States, communities and migrants, and facilitating safe and regular cross-border movements of "
        "people while preventing irregular migration, with human rights-based border controls, screening "
        "and individual assessment at border crossings, and training of border officials.",
        "إدارة الحدود بطريقة متكاملة وآمنة ومنسقة. نلتزم بإدارة حدودنا الوطنية على نحو منسق، وتعزيز "
        "التعاون الثنائي والإقليمي، وضمان أمن الدول والمجتمعات والمهاجرين، وتيسير التنقل الآمن والنظامي "
        "للأشخاص عبر الحدود مع منع الهجرة غير النظامية، من خلال مراقبة للحدود قائمة على حقوق الإنسان، "
        "والفحص والتقييم الفردي عند المعابر الحدودية، وتدريب موظفي الحدود.",
        "Gérer les frontières de manière intégrée, sûre et coordonnée. Nous nous engageons à gérer nos "
        "frontières nationales de manière coordonnée, en favorisant la coopération bilatérale et "
        "régionale, en assurant la sécurité des États, des communautés et des migrants, et en facilitant "
        "les mouvements transfrontières sûrs et réguliers tout en prévenant la migration irrégulière, avec "
        "des contrôles aux frontières respectueux des droits de l'homme, un examen et une évaluation "
        "individuels aux points de passage et la formation des garde-frontières.",
    ),
    12: _t(
        "Strengthen certainty and predictability in migration procedures for appropriate screening, "
        "assessment and referral. We commit to increase legal certainty and predictability of migration "
        "procedures by developing and strengthening effective and human rights-based mechanisms for the "
        "adequate and timely screening and individual assessment of all migrants, to identify and refer "
        "them to the appropriate procedures, including asylum procedures, child protection and "
        "identification of victims of trafficking, with clear information on visa, residence permit and "
        "appeal procedures.",
        "تعزيز اليقين وإمكانية التنبؤ في إجراءات الهجرة لأغراض الفرز والتقييم والإحالة على النحو "
        "المناسب. نلتزم بزيادة اليقين القانوني وإمكانية التنبؤ في إجراءات الهجرة بتطوير آليات فعالة "
        "قائمة على حقوق الإنسان لفرز جميع المهاجرين وتقييمهم فرديًا في الوقت المناسب، لتحديد هويتهم "
        "وإحالتهم إلى الإجراءات الملائمة، بما فيها إجراءات اللجوء وحماية الطفل وتحديد ضحايا الاتجار، مع "
        "معلومات واضحة عن إجراءات التأشيرات وتصاريح الإقامة والطعون.",
        "Améliorer la certitude et la prévisibilité des procédures migratoires pour assurer des contrôles, "
        "des évaluations et une orientation appropriés. Nous nous engageons à améliorer la sécurité "
        "juridique et la prévisibilité des procédures migratoires en mettant en place des mécanismes "
        "efficaces et respectueux des droits de l'homme pour le contrôle et l'évaluation individuelle de "
        "tous les migrants, afin de les identifier et de les orienter vers les procédures appropriées, "
        "notamment les procédures d'asile, la protection de l'enfance et l'identification des victimes de "
        "la traite, avec des informations claires sur les visas, les titres de séjour et les recours.",
    ),
    13: _t(
        "Use migration detention only as a measure of last resort and work towards alternatives. We "
        "commit to ensure that any detention in the context of international migration follows due "
        "process, is non-arbitrary, is based on law, necessity, proportionality and individual assessment, "
        "is carried out by authorized officials and is for the shortest possible period, and to prioritize "
        "non-custodial alternatives to detention, ending the practice of child detention.",
        "عدم اللجوء إلى احتجاز المهاجرين إلا كملاذ أخير والعمل على إيجاد بدائل له. نلتزم بضمان أن يكون "
        "أي احتجاز في سياق الهجرة الدولية وفق الأصول القانونية، وغير تعسفي، وقائمًا على القانون والضرورة "
        "والتناسب والتقييم الفردي، وأن ينفذه موظفون مخولون ولأقصر مدة ممكنة، وبإعطاء الأولوية لبدائل "
        "الاحتجاز غير الاحتجازية، وإنهاء ممارسة احتجاز الأطفال.",
        "Ne recourir au placement en rétention administrative des migrants qu'en dernier ressort et "
        "chercher des solutions de rechange. Nous nous engageons à veiller à ce que toute rétention dans le "
        "contexte des migrations internationales respecte les garanties d'une procédure régulière, ne soit "
        "pas arbitraire, repose sur la loi, la nécessité, la proportionnalité et une évaluation "
        "individuelle, soit effectuée par des agents habilités et dure le moins longtemps possible, et à "
        "privilégier les solutions non privatives de liberté, en mettant fin à la rétention des enfants.",
    ),
    14: _t(
        "Enhance consular protection, assistance and cooperation throughout the migration cycle. We commit "
        "to strengthen consular protection of and assistance to our nationals abroad, as well as consular "
        "cooperation between States, in order to better safeguard the rights and interests of all migrants "
        "at all times, through embassies and consulates, consular registration, labour attachés, emergency "
        "assistance and the issuance of documents to nationals abroad.",
        "تعزيز الحماية والمساعدة والتعاون في المجال القنصلي طوال دورة الهجرة. نلتزم بتعزيز الحماية "
        "والمساعدة القنصليتين لمواطنينا في الخارج، وكذلك التعاون القنصلي بين الدول، من أجل صون حقوق جميع "
        "المهاجرين ومصالحهم في جميع الأوقات، عبر السفارات والقنصليات والتسجيل القنصلي والملحقين العماليين "
        "والمساعدة في حالات الطوارئ وإصدار الوثائق للمواطنين في الخارج.",
        "Améliorer la protection, l'assistance et la coopération consulaires tout au long du cycle "
        "migratoire. Nous nous engageons à renforcer la protection et l'assistance consulaires à nos "
        "ressortissants à l'étranger, ainsi que la coopération consulaire entre les États, afin de mieux "
        "défendre en tout temps les droits et les intérêts de tous les migrants, par l'intermédiaire des "
        "ambassades et des consulats, de l'immatriculation consulaire, des attachés chargés du travail, de "
        "l'assistance d'urgence et de la délivrance de documents aux ressortissants à l'étranger.",
    ),
    15: _t(
        "Provide access to basic services for migrants. We commit to ensure that all migrants, regardless "
        "of their migration status, can exercise their human rights through safe access to basic services "
        "such as health care, education, housing, water and sanitation, and social protection, and to "
        "ensure that cooperation between service providers and immigration authorities does not create "
        "fear of reporting or deny access to services, with firewalls where needed.",
        "إتاحة إمكانية حصول المهاجرين على الخدمات الأساسية. نلتزم بضمان تمكّن جميع المهاجرين، بصرف النظر "
        "عن وضعهم من حيث الهجرة، من ممارسة حقوقهم الإنسانية عبر الحصول الآمن على الخدمات الأساسية مثل "
        "الرعاية الصحية والتعليم والسكن والمياه والصرف الصحي والحماية الاجتماعية، وضمان ألا يؤدي التعاون "
        "بين مقدمي الخدمات وسلطات الهجرة إلى حرمان المهاجرين من الخدمات أو تخويفهم من طلبها.",
        "Assurer l'accès des migrants aux services de base. Nous nous engageons à faire en sorte que tous "
        "les migrants, quel que soit leur statut migratoire, puissent exercer leurs droits humains grâce à "
        "un accès sûr aux services de base tels que les soins de santé, l'éducation, le logement, l'eau et "
        "l'assainissement et la protection sociale, et à veiller à ce que la coopération entre les "
        "prestataires de services et les autorités d'immigration ne dissuade pas les migrants de "
        "s'adresser aux services.",
    ),
    16: _t(
        "Empower migrants and societies to realize full inclusion and social cohesion. We commit to foster "
        "inclusive and cohesive societies by empowering migrants to become active members of society, "
        "promoting the reciprocal engagement of receiving communities and migrants, language learning, "
        "recognition of the contributions of migrants, community centres, access to the labour market, "
        "family integration and mutual respect for the cultures and customs of communities of destination "
        "and of migrants.",
        "تمكين المهاجرين والمجتمعات من تحقيق الإدماج الكامل والتماسك الاجتماعي. نلتزم بتعزيز مجتمعات "
        "شاملة ومتماسكة من خلال تمكين المهاجرين من أن يصبحوا أعضاء فاعلين في المجتمع، وتشجيع التفاعل "
        "المتبادل بين المجتمعات المضيفة والمهاجرين، وتعلم اللغة، والاعتراف بإسهامات المهاجرين، والمراكز "
        "المجتمعية، والوصول إلى سوق العمل، واندماج الأسر، والاحترام المتبادل لثقافات المجتمعات المضيفة "
        "والمهاجرين وعاداتهم.",
        "Donner aux migrants et aux sociétés les moyens de réaliser la pleine intégration et la cohésion "
        "sociale. Nous nous engageons à favoriser des sociétés inclusives et cohésives en donnant aux "
        "migrants les moyens de devenir des membres actifs de la société, en promouvant l'engagement "
        "mutuel des communautés d'accueil et des migrants, l'apprentissage de la langue, la reconnaissance "
        "de l'apport des migrants, les centres communautaires, l'accès au marché du travail, l'intégration "
        "des familles et le respect mutuel des cultures et coutumes des communautés de destination et des "
        "migrants.",
    ),
    17: _t(
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape "
        "perceptions of migration. We commit to eliminate all forms of discrimination, condemn and counter "
        "expressions, acts and manifestations of racism, racial discrimination, violence, xenophobia and "
        "related intolerance against all migrants, and to promote an open and evidence-based public "
        "discourse on migration, in partnership with the media, through awareness campaigns and "
        "responsible reporting that counters hate speech and misinformation.",
        "القضاء على جميع أشكال التمييز وتعزيز خطاب عام مستند إلى الأدلة من أجل تشكيل تصورات الهجرة. "
        "نلتزم بالقضاء على جميع أشكال التمييز، وإدانة مظاهر العنصرية والتمييز العنصري والعنف وكراهية "
        "الأجانب وما يتصل بذلك من تعصب ضد جميع المهاجرين ومكافحتها، وتعزيز خطاب عام منفتح وقائم على "
        "الأدلة بشأن الهجرة، بالشراكة مع وسائل الإعلام، من خلال حملات التوعية والتغطية الإعلامية المسؤولة "
        "التي تتصدى لخطاب الكراهية والمعلومات المضللة.",
        "Éliminer toutes les formes de discrimination et encourager un débat public fondé sur l'analyse "
        "des faits afin de faire évoluer la manière dont les migrations sont perçues. Nous nous engageons "
        "à éliminer toutes les formes de discrimination, à condamner et combattre les expressions, actes "
        "et manifestations de racisme, de discrimination raciale, de violence, de xénophobie et "
        "d'intolérance qui y est associée à l'encontre de tous les migrants, et à promouvoir un débat "
        "public ouvert et fondé sur les faits, en partenariat avec les médias, par des campagnes de "
        "sensibilisation et un journalisme responsable qui combat les discours de haine et la "
        "désinformation.",
    ),
    18: _t(
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and "
        "competences. We commit to invest in innovative solutions that facilitate mutual recognition of "
        "skills, qualifications and competences of migrant workers at all skills levels, and promote "
        "demand-driven skills development, vocational training, skills partnerships, the recognition of "
        "diplomas and certificates, and the portability of qualifications to optimize the employability of "
        "migrants.",
        "الاستثمار في تنمية المهارات وتيسير الاعتراف المتبادل بالمهارات والمؤهلات والكفاءات. نلتزم "
        "بالاستثمار في حلول مبتكرة تيسّر الاعتراف المتبادل بمهارات العمال المهاجرين ومؤهلاتهم وكفاءاتهم "
        "على جميع مستويات المهارة، وتعزيز تنمية المهارات وفقًا للطلب والتدريب المهني وشراكات المهارات "
        "والاعتراف بالشهادات والدبلومات وقابلية نقل المؤهلات من أجل تحسين فرص توظيف المهاجرين.",
        "Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle des "
        "aptitudes, qualifications et compétences. Nous nous engageons à investir dans des solutions "
        "novatrices qui facilitent la reconnaissance mutuelle des aptitudes, qualifications et "
        "compétences des travailleurs migrants à tous les niveaux, et à promouvoir le perfectionnement des "
        "compétences adapté à la demande, la formation professionnelle, les partenariats pour les "
        "compétences, la reconnaissance des diplômes et des certificats et la transférabilité des "
        "qualifications afin d'améliorer l'employabilité des migrants.",
    ),
    19: _t(
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in "
        "all countries. We commit to empower migrants and diasporas to catalyse their contributions to "
        "development, and to harness the benefits of migration as a source of sustainable development, "
        "through diaspora engagement, investment and entrepreneurship, knowledge and skills transfer, "
        "circular migration and the participation of diaspora communities in their countries of origin.",
        "تهيئة الظروف اللازمة لتمكين المهاجرين والمغتربين من المساهمة الكاملة في التنمية المستدامة في "
        "جميع البلدان. نلتزم بتمكين المهاجرين والجاليات في المهجر من تعزيز إسهاماتهم في التنمية، "
        "والاستفادة من منافع الهجرة بوصفها مصدرًا للتنمية المستدامة، من خلال إشراك المغتربين والاستثمار "
        "وريادة الأعمال ونقل المعارف والمهارات والهجرة الدائرية ومشاركة مجتمعات المغتربين في بلدانهم "
        "الأصلية.",
        "Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au "
        "développement durable dans tous les pays. Nous nous engageons à donner aux migrants et aux "
        "diasporas les moyens de contribuer au développement et à tirer parti des avantages de la "
        "migration comme source de développement durable, par la mobilisation des diasporas, "
        "l'investissement et l'entrepreneuriat, le transfert de connaissances et de compétences, la "
        "migration circulaire et la participation des communautés de la diaspora dans leur pays d'origine.",
    ),
    20: _t(
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of "
        "migrants. We commit to promote faster, safer and cheaper remittances by further developing "
        "conducive policy and regulatory environments that enable competition and innovation, reduce the "
        "transaction costs of money transfers to less than 3 per cent, develop mobile money and digital "
        "payment solutions, and provide gender-responsive programmes that foster the financial inclusion "
        "of migrants and their families, including access to bank accounts and financial literacy.",
        "تشجيع تحويل المهاجرين للأموال بطرق أسرع وأسلم وأرخص وتعزيز الشمول المالي للمهاجرين. نلتزم "
        "بتشجيع التحويلات المالية الأسرع والأسلم والأرخص من خلال تطوير بيئات سياساتية وتنظيمية مواتية "
        "تتيح المنافسة والابتكار، وخفض تكاليف تحويل الأموال إلى أقل من 3 في المائة، وتطوير الأموال عبر "
        "الهاتف المحمول والدفع الرقمي، وتوفير برامج مراعية للمنظور الجنساني تعزز الشمول المالي للمهاجرين "
        "وأسرهم، بما في ذلك فتح الحسابات المصرفية والتثقيف المالي.",
        "Promouvoir des transferts de fonds plus rapides, plus sûrs et moins coûteux et favoriser "
        "l'inclusion financière des migrants. Nous nous engageons à promouvoir des envois de fonds plus "
        "rapides, plus sûrs et moins coûteux en développant des cadres politiques et réglementaires "
        "favorables à la concurrence et à l'innovation, en ramenant les coûts de transaction des "
        "transferts d'argent à moins de 3 %, en développant l'argent mobile et les paiements numériques, "
        "et en proposant des programmes tenant compte des questions de genre qui favorisent l'inclusion "
        "financière des migrants et de leurs familles, y compris l'accès aux comptes bancaires et "
        "l'éducation financière.",
    ),
    21: _t(
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable "
        "reintegration. We commit to facilitate and cooperate for safe and dignified return, readmission "
        "and sustainable reintegration, guaranteeing due process and individual assessment, upholding the "
        "prohibition of collective expulsion and the principle of non-refoulement, preferring voluntary "
        "return, and supporting returnees with reintegration assistance, access to livelihoods, housing "
        "and psychosocial support in their communities.",
        "التعاون في تيسير العودة وإعادة القبول في ظروف آمنة وكريمة، وكذلك إعادة الإدماج المستدام. نلتزم "
        "بتيسير العودة وإعادة القبول وإعادة الإدماج المستدام في ظروف آمنة وكريمة والتعاون في ذلك، مع ضمان "
        "الأصول القانونية والتقييم الفردي، واحترام حظر الطرد الجماعي ومبدأ عدم الإعادة القسرية، وتفضيل "
        "العودة الطوعية، ودعم العائدين بمساعدات إعادة الإدماج وسبل العيش والسكن والدعم النفسي والاجتماعي "
        "في مجتمعاتهم.",
        "Coopérer en vue de faciliter dans la sécurité et la dignité le retour, la réadmission et la "
        "réintégration durable. Nous nous engageons à faciliter le retour, la réadmission et la "
        "réintégration durable dans la sécurité et la dignité, en garantissant une procédure régulière et "
        "une évaluation individuelle, en respectant l'interdiction des expulsions collectives et le "
        "principe de non-refoulement, en privilégiant le retour volontaire, et en soutenant les personnes "
        "de retour par une aide à la réintégration, l'accès aux moyens de subsistance, au logement et un "
        "soutien psychosocial dans leurs communautés.",
    ),
    22: _t(
        "Establish mechanisms for the portability of social security entitlements and earned benefits. We "
        "commit to assist migrant workers at all skills levels to have access to social protection in "
        "countries of destination and profit from the portability of applicable social security "
        "entitlements and earned benefits in their countries of origin or when they decide to take up work "
        "in another country, through bilateral and multilateral social security agreements covering "
        "pensions, health insurance and other benefits.",
        "وضع آليات لقابلية نقل استحقاقات الضمان الاجتماعي والمزايا المكتسبة. نلتزم بمساعدة العمال "
        "المهاجرين على جميع مستويات المهارة في الحصول على الحماية الاجتماعية في بلدان المقصد والاستفادة من "
        "قابلية نقل استحقاقات الضمان الاجتماعي والمزايا المكتسبة إلى بلدانهم الأصلية أو عند انتقالهم للعمل "
        "في بلد آخر، من خلال اتفاقات ثنائية ومتعددة الأطراف للضمان الاجتماعي تشمل المعاشات التقاعدية "
        "والتأمين الصحي وغيرها من الاستحقاقات.",
        "Mettre en place des mécanismes de portabilité des droits de sécurité sociale et des avantages "
        "acquis. Nous nous engageons à aider les travailleurs migrants de tous niveaux de compétence à "
        "accéder à la protection sociale dans les pays de destination et à bénéficier de la portabilité "
        "des droits de sécurité sociale et des avantages acquis dans leur pays d'origine ou lorsqu'ils "
        "décident de travailler dans un autre pays, au moyen d'accords bilatéraux et multilatéraux de "
        "sécurité sociale couvrant les pensions de retraite, l'assurance maladie et d'autres prestations.",
    ),
    23: _t(
        "Strengthen international cooperation and global partnerships for safe, orderly and regular "
        "migration. We commit to support each other in the realization of the objectives and commitments "
        "of the Global Compact through enhanced international cooperation, a revitalized global "
        "partnership, capacity building, funding mechanisms, regional consultative processes, bilateral "
        "agreements and the whole-of-government and whole-of-society approach, including the UN Network "
        "on Migration and the International Migration Review Forum.",
        "تعزيز التعاون الدولي والشراكات العالمية من أجل الهجرة الآمنة والمنظمة والنظامية. نلتزم بدعم "
        "بعضنا بعضًا في تحقيق أهداف الاتفاق العالمي والتزاماته من خلال تعزيز التعاون الدولي وتنشيط "
        "الشراكة العالمية وبناء القدرات وآليات التمويل والعمليات التشاورية الإقليمية والاتفاقات الثنائية "
        "ونهج الحكومة بأسرها والمجتمع بأسره، بما في ذلك شبكة الأمم المتحدة المعنية بالهجرة ومنتدى استعراض "
        "الهجرة الدولية.",
        "Renforcer la coopération internationale et les partenariats mondiaux pour des migrations sûres, "
        "ordonnées et régulières. Nous nous engageons à nous entraider pour réaliser les objectifs et les "
        "engagements du Pacte mondial grâce à une coopération internationale renforcée, un partenariat "
        "mondial revitalisé, le renforcement des capacités, des mécanismes de financement, les processus "
        "consultatifs régionaux, les accords bilatéraux et les approches mobilisant l'ensemble des "
        "pouvoirs publics et l'ensemble de la société, y compris le Réseau des Nations Unies sur les "
        "migrations et le Forum d'examen des migrations internationales.",
    ),
}
