"""The questionnaires shipped with the system: both surveys, versions 2018 and 2020.

Loaded by migration 0002. Written for this system in the spirit of the real surveys.
An item used in both versions is one constant below, so its comparability key and texts
are the same in both; an item whose question changed is two constants with different keys
(or one of them none), which breaks its time series in the reports.

Changing a text here changes only databases created afterwards: once a version has been
loaded, Udir edits it in the admin (until a round using it opens).
"""

from __future__ import annotations

AGREE = "agreement"
YES_PARTLY_NO = "yes_partly_no"
YES_NO = "yes_no"
FREQ = "frequency"


def item(key: str, scale: str, nb: str, nn: str, en: str, *, high_is_good: bool = True) -> dict:
    return {"key": key, "scale": scale, "nb": nb, "nn": nn, "en": en, "high_is_good": high_is_good}


def theme(key: str, nb: str, nn: str, en: str, items: list[dict], intro=("", "", "")) -> dict:
    return {"key": key, "nb": nb, "nn": nn, "en": en, "intro": intro, "items": items}


# --- The apprentice survey (Lærlingundersøkelsen) ---------------------------------------

LIKES_TRADE = item(
    "motivation-likes-trade",
    AGREE,
    "Jeg trives med faget jeg har valgt.",
    "Eg trivst med faget eg har valt.",
    "I enjoy the trade I have chosen.",
)
MOTIVATED = item(
    "motivation-to-learn",
    AGREE,
    "Jeg er motivert for å lære faget.",
    "Eg er motivert for å lære faget.",
    "I am motivated to learn my trade.",
)
WILL_COMPLETE = item(
    "motivation-complete-test",
    AGREE,
    "Jeg har tenkt å fullføre fagprøven eller kompetanseprøven.",
    "Eg har tenkt å fullføre fagprøva eller kompetanseprøva.",
    "I intend to complete my trade test or competence test.",
)
STAY_AT_COMPANY_2018 = item(
    "motivation-stay-at-company",
    AGREE,
    "Jeg ønsker å fortsette i lærebedriften etter læretiden.",
    "Eg ønskjer å halde fram i lærebedrifta etter læretida.",
    "I would like to stay on at my training company after my apprenticeship.",
)
WORK_IN_TRADE_2020 = item(
    "motivation-work-in-trade",
    AGREE,
    "Jeg ønsker å jobbe i faget etter at læretiden er over.",
    "Eg ønskjer å jobbe i faget etter at læretida er over.",
    "I would like to work in my trade after my apprenticeship is over.",
)

HAPPY_AT_WORK = item(
    "wellbeing-happy-at-work",
    AGREE,
    "Jeg trives på arbeidsplassen.",
    "Eg trivst på arbeidsplassen.",
    "I am happy at my workplace.",
)
COLLEAGUES = item(
    "wellbeing-colleagues",
    AGREE,
    "Jeg trives sammen med kollegene mine.",
    "Eg trivst saman med kollegaene mine.",
    "I get on well with my colleagues.",
)
INCLUDED = item(
    "wellbeing-included",
    AGREE,
    "Jeg føler meg som en del av arbeidsfellesskapet.",
    "Eg kjenner meg som ein del av arbeidsfellesskapet.",
    "I feel part of the team at work.",
)
RESPECT_2018 = item(
    "wellbeing-respect",
    AGREE,
    "Jeg blir behandlet med respekt.",
    "Eg blir behandla med respekt.",
    "I am treated with respect.",
)
RESPECT_BY_ADULTS_2020 = item(
    "wellbeing-respect-by-adults",
    AGREE,
    "Jeg blir behandlet med respekt av de voksne på arbeidsplassen.",
    "Eg blir behandla med respekt av dei vaksne på arbeidsplassen.",
    "I am treated with respect by the adults at my workplace.",
)

SUPERVISOR_TIME = item(
    "guidance-supervisor-time",
    AGREE,
    "Den faglige lederen eller instruktøren min har tid til å veilede meg.",
    "Den faglege leiaren eller instruktøren min har tid til å rettleie meg.",
    "My professional supervisor or instructor has time to guide me.",
)
HELP_WHEN_ASKING = item(
    "guidance-help-when-asking",
    AGREE,
    "Jeg får hjelp når jeg spør om noe jeg ikke kan.",
    "Eg får hjelp når eg spør om noko eg ikkje kan.",
    "I get help when I ask about something I cannot do.",
)
FEEDBACK = item(
    "guidance-feedback",
    AGREE,
    "Jeg får tilbakemeldinger som hjelper meg å bli bedre i faget.",
    "Eg får tilbakemeldingar som hjelper meg å bli betre i faget.",
    "I get feedback that helps me improve in my trade.",
)
EXPLAINS_WHY = item(
    "guidance-explains-why",
    AGREE,
    "Instruktøren forklarer hvorfor arbeidet skal gjøres slik det gjøres.",
    "Instruktøren forklarer kvifor arbeidet skal gjerast slik det blir gjort.",
    "My instructor explains why the work is done the way it is.",
)

HAS_PLAN = item(
    "training-has-plan",
    YES_PARTLY_NO,
    "Har du fått en plan for opplæringen din i bedriften?",
    "Har du fått ein plan for opplæringa di i bedrifta?",
    "Have you been given a plan for your training at the company?",
)
PLAN_FOLLOWED = item(
    "training-plan-followed",
    AGREE,
    "Opplæringen jeg får, følger planen.",
    "Opplæringa eg får, følgjer planen.",
    "The training I receive follows the plan.",
)
HAD_ASSESSMENT_2018 = item(
    "training-had-assessment",
    YES_NO,
    "Har du hatt halvårsvurdering?",
    "Har du hatt halvårsvurdering?",
    "Have you had a six-monthly assessment?",
)
ASSESSMENT_LAST_HALF_YEAR_2020 = item(
    "training-assessment-last-half-year",
    YES_PARTLY_NO,
    "Har du hatt halvårsvurdering med lærebedriften det siste halvåret?",
    "Har du hatt halvårsvurdering med lærebedrifta det siste halvåret?",
    "Have you had a six-monthly assessment with your training company in the last six months?",
)
ASSESSMENT_USEFUL = item(
    "training-assessment-useful",
    AGREE,
    "Halvårsvurderingen hjelper meg å se hva jeg må lære mer om.",
    "Halvårsvurderinga hjelper meg å sjå kva eg må lære meir om.",
    "The six-monthly assessment helps me see what I need to learn more about.",
)
KNOWS_AIMS = item(
    "training-knows-aims",
    AGREE,
    "Jeg vet hvilke kompetansemål i læreplanen jeg skal nå.",
    "Eg veit kva kompetansemål i læreplanen eg skal nå.",
    "I know which competence aims in the curriculum I am to achieve.",
)
VARIED = item(
    "training-varied",
    AGREE,
    "Jeg får variert opplæring som dekker hele faget.",
    "Eg får variert opplæring som dekkjer heile faget.",
    "I receive varied training that covers the whole trade.",
)
WORK_WITHOUT_TRAINING = item(
    "training-work-without-learning",
    AGREE,
    "Jeg brukes for mye til arbeid som ikke gir meg opplæring.",
    "Eg blir brukt for mykje til arbeid som ikkje gir meg opplæring.",
    "I am used too much for work that gives me no training.",
    high_is_good=False,
)

SAY_IN_WORK = item(
    "participation-say-in-work",
    AGREE,
    "Jeg får være med og bestemme hvordan arbeidet skal gjøres.",
    "Eg får vere med og bestemme korleis arbeidet skal gjerast.",
    "I have a say in how the work is to be done.",
)
OPINION_ON_TRAINING = item(
    "participation-opinion-on-training",
    AGREE,
    "Jeg får si min mening om opplæringen min.",
    "Eg får seie meininga mi om opplæringa mi.",
    "I can give my opinion on my training.",
)
VIEWS_COUNT = item(
    "participation-views-count",
    AGREE,
    "Bedriften tar hensyn til det jeg mener.",
    "Bedrifta tek omsyn til det eg meiner.",
    "The company takes my views into account.",
)

MISTAKES_OK = item(
    "environment-mistakes-ok",
    AGREE,
    "Det er greit å gjøre feil mens jeg lærer.",
    "Det er greitt å gjere feil medan eg lærer.",
    "It is fine to make mistakes while I am learning.",
)
FITTING_TASKS = item(
    "environment-fitting-tasks",
    AGREE,
    "Jeg får oppgaver som passer til det jeg kan.",
    "Eg får oppgåver som passar til det eg kan.",
    "I get tasks that match what I can do.",
)
WORKLOAD = item(
    "environment-workload",
    AGREE,
    "Jeg har en arbeidsmengde jeg klarer.",
    "Eg har ei arbeidsmengd eg klarer.",
    "My workload is manageable.",
)
STRESSED_2018 = item(
    "environment-stressed",
    AGREE,
    "Jeg føler meg ofte stresset på jobb.",
    "Eg kjenner meg ofte stressa på jobb.",
    "I often feel stressed at work.",
    high_is_good=False,
)
UNPAID_OVERTIME_2020 = item(
    "environment-unpaid-overtime",
    FREQ,
    "Hvor ofte jobber du mer enn avtalt uten å få betalt for det?",
    "Kor ofte jobbar du meir enn avtalt utan å få betalt for det?",
    "How often do you work more than agreed without being paid for it?",
    high_is_good=False,
)

SAFETY_TRAINING = item(
    "physical-safety-training",
    AGREE,
    "Jeg har fått opplæring i å gjøre arbeidet på en trygg måte.",
    "Eg har fått opplæring i å gjere arbeidet på ein trygg måte.",
    "I have been trained to do my work safely.",
)
PROTECTIVE_EQUIPMENT = item(
    "physical-protective-equipment",
    AGREE,
    "Jeg har verneutstyret jeg trenger.",
    "Eg har verneutstyret eg treng.",
    "I have the protective equipment I need.",
)
PREMISES = item(
    "physical-premises",
    AGREE,
    "Lokalene jeg jobber i, er gode å jobbe i (lys, luft, støy og temperatur).",
    "Lokala eg jobbar i, er gode å jobbe i (lys, luft, støy og temperatur).",
    "The premises I work in are good to work in (light, air, noise and temperature).",
)

BULLYING_INTRO = (
    "Med mobbing mener vi gjentatt negativ eller ondsinnet oppførsel fra én eller flere, rettet "
    "mot en som har vanskelig for å forsvare seg. Erting på en sårende måte er også mobbing.",
    "Med mobbing meiner vi gjenteken negativ eller vondsinna åtferd frå éin eller fleire, retta "
    "mot ein som har vanskeleg for å forsvare seg. Erting på ein sårande måte er også mobbing.",
    "By bullying we mean repeated negative or malicious behaviour by one or more people, aimed "
    "at someone who finds it hard to defend themselves. Hurtful teasing is also bullying.",
)
BULLIED_HOW_OFTEN = item(
    "bullying-how-often",
    FREQ,
    "Hvor ofte har du blitt mobbet på arbeidsplassen de siste månedene?",
    "Kor ofte har du blitt mobba på arbeidsplassen dei siste månadene?",
    "How often have you been bullied at your workplace in recent months?",
    high_is_good=False,
)
BULLIED_DIGITALLY_2020 = item(
    "bullying-digital-how-often",
    FREQ,
    "Hvor ofte har du blitt mobbet digitalt (på mobil eller nett) av noen på arbeidsplassen?",
    "Kor ofte har du blitt mobba digitalt (på mobil eller nett) av nokon på arbeidsplassen?",
    "How often have you been bullied digitally (by phone or online) by someone at your workplace?",
    high_is_good=False,
)
IF_BULLIED_INTRO = (
    "Svar på spørsmålene på denne siden bare hvis du har blitt mobbet. Ellers kan du gå videre.",
    "Svar på spørsmåla på denne sida berre dersom du har blitt mobba. Elles kan du gå vidare.",
    "Answer the questions on this page only if you have been bullied. Otherwise, move on.",
)
BY_APPRENTICES = item(
    "bullying-by-apprentices",
    YES_NO,
    "Har du blitt mobbet av andre lærlinger?",
    "Har du blitt mobba av andre lærlingar?",
    "Have you been bullied by other apprentices?",
    high_is_good=False,
)
BY_COLLEAGUES = item(
    "bullying-by-colleagues",
    YES_NO,
    "Har du blitt mobbet av kolleger?",
    "Har du blitt mobba av kollegaer?",
    "Have you been bullied by colleagues?",
    high_is_good=False,
)
BY_SUPERVISOR = item(
    "bullying-by-supervisor",
    YES_NO,
    "Har du blitt mobbet av instruktøren eller den faglige lederen din?",
    "Har du blitt mobba av instruktøren eller den faglege leiaren din?",
    "Have you been bullied by your instructor or professional supervisor?",
    high_is_good=False,
)
BY_OUTSIDERS = item(
    "bullying-by-outsiders",
    YES_NO,
    "Har du blitt mobbet av kunder, pasienter eller andre utenfor bedriften?",
    "Har du blitt mobba av kundar, pasientar eller andre utanfor bedrifta?",
    "Have you been bullied by customers, patients or others outside the company?",
    high_is_good=False,
)
TOLD_SOMEONE = item(
    "bullying-told-someone",
    YES_NO,
    "Har du sagt fra til noen om mobbingen?",
    "Har du sagt frå til nokon om mobbinga?",
    "Have you told anyone about the bullying?",
)
STOPPED_2018 = item(
    "bullying-was-stopped",
    YES_NO,
    "Ble det gjort noe for å stoppe mobbingen?",
    "Vart det gjort noko for å stoppe mobbinga?",
    "Was anything done to stop the bullying?",
)
ACTION_TAKEN_2020 = item(
    "bullying-company-acted",
    YES_PARTLY_NO,
    "Har noen i bedriften gjort noe for å stoppe mobbingen?",
    "Har nokon i bedrifta gjort noko for å stoppe mobbinga?",
    "Has anyone at the company done something to stop the bullying?",
)

SCHOOL_PREPARED = item(
    "school-prepared",
    AGREE,
    "Opplæringen i skolen forberedte meg godt på læretiden.",
    "Opplæringa i skulen førebudde meg godt på læretida.",
    "My education at school prepared me well for my apprenticeship.",
)
SCHOOL_USEFUL = item(
    "school-useful-now",
    AGREE,
    "Det jeg lærte i skolen, er nyttig i arbeidet jeg gjør nå.",
    "Det eg lærte i skulen, er nyttig i arbeidet eg gjer no.",
    "What I learned at school is useful in the work I do now.",
)
SCHOOL_INFO_2018 = item(
    "school-information",
    AGREE,
    "Skolen ga meg god informasjon om hvordan det er å være lærling.",
    "Skulen gav meg god informasjon om korleis det er å vere lærling.",
    "My school gave me good information about what being an apprentice is like.",
)
SCHOOL_YFF_2020 = item(
    "school-yff-picture",
    AGREE,
    "Yrkesfaglig fordypning (YFF) ga meg et godt bilde av hvordan det er å jobbe i faget.",
    "Yrkesfagleg fordjuping (YFF) gav meg eit godt bilete av korleis det er å jobbe i faget.",
    "In-depth vocational studies (YFF) gave me a good picture of what working in the trade is "
    "like.",
)

SATISFIED = item(
    "overall-satisfied",
    AGREE,
    "Alt i alt er jeg fornøyd med læretiden min så langt.",
    "Alt i alt er eg nøgd med læretida mi så langt.",
    "All in all, I am satisfied with my apprenticeship so far.",
)
RECOMMEND = item(
    "overall-recommend",
    AGREE,
    "Jeg vil anbefale lærebedriften min til andre.",
    "Eg vil tilrå lærebedrifta mi til andre.",
    "I would recommend my training company to others.",
)


def _apprentice(version: int) -> list[dict]:
    new = version == 2020
    return [
        theme(
            "motivation",
            "Motivasjon",
            "Motivasjon",
            "Motivation",
            [
                LIKES_TRADE,
                MOTIVATED,
                WILL_COMPLETE,
                WORK_IN_TRADE_2020 if new else STAY_AT_COMPANY_2018,
            ],
        ),
        theme(
            "wellbeing",
            "Trivsel på arbeidsplassen",
            "Trivsel på arbeidsplassen",
            "Well-being at the workplace",
            [HAPPY_AT_WORK, COLLEAGUES, INCLUDED, RESPECT_BY_ADULTS_2020 if new else RESPECT_2018],
        ),
        theme(
            "guidance",
            "Faglig veiledning",
            "Fagleg rettleiing",
            "Professional guidance",
            [SUPERVISOR_TIME, HELP_WHEN_ASKING, FEEDBACK, EXPLAINS_WHY],
        ),
        theme(
            "training",
            "Opplæringen i bedriften",
            "Opplæringa i bedrifta",
            "Training at the company",
            [
                HAS_PLAN,
                PLAN_FOLLOWED,
                ASSESSMENT_LAST_HALF_YEAR_2020 if new else HAD_ASSESSMENT_2018,
                ASSESSMENT_USEFUL,
                KNOWS_AIMS,
                VARIED,
                WORK_WITHOUT_TRAINING,
            ],
        ),
        theme(
            "participation",
            "Medvirkning",
            "Medverknad",
            "Participation",
            [SAY_IN_WORK, OPINION_ON_TRAINING, VIEWS_COUNT],
        ),
        theme(
            "environment",
            "Arbeids- og læringsmiljø",
            "Arbeids- og læringsmiljø",
            "Working and learning environment",
            [MISTAKES_OK, FITTING_TASKS, WORKLOAD, UNPAID_OVERTIME_2020 if new else STRESSED_2018],
        ),
        theme(
            "physical",
            "Fysisk arbeidsmiljø",
            "Fysisk arbeidsmiljø",
            "Physical working environment",
            [SAFETY_TRAINING, PROTECTIVE_EQUIPMENT, PREMISES],
        ),
        theme(
            "bullying",
            "Mobbing",
            "Mobbing",
            "Bullying",
            [BULLIED_HOW_OFTEN, BULLIED_DIGITALLY_2020] if new else [BULLIED_HOW_OFTEN],
            intro=BULLYING_INTRO,
        ),
        theme(
            "if-bullied",
            "Hvis du har blitt mobbet",
            "Dersom du har blitt mobba",
            "If you have been bullied",
            [
                BY_APPRENTICES,
                BY_COLLEAGUES,
                BY_SUPERVISOR,
                BY_OUTSIDERS,
                TOLD_SOMEONE,
                ACTION_TAKEN_2020 if new else STOPPED_2018,
            ],
            intro=IF_BULLIED_INTRO,
        ),
        theme(
            "school",
            "Skolen som forberedelse",
            "Skulen som førebuing",
            "School as preparation",
            [SCHOOL_PREPARED, SCHOOL_USEFUL, SCHOOL_YFF_2020 if new else SCHOOL_INFO_2018],
        ),
        theme("overall", "Alt i alt", "Alt i alt", "All in all", [SATISFIED, RECOMMEND]),
    ]


# --- The supervisor survey (Faglig leder-undersøkelsen) ----------------------------------

COUNTY_INFORMATION = item(
    "supervisor-county-information",
    AGREE,
    "Fylkeskommunen gir oss den informasjonen vi trenger som lærebedrift.",
    "Fylkeskommunen gir oss den informasjonen vi treng som lærebedrift.",
    "The county authority gives us the information we need as a training company.",
)
COUNTY_REACHABLE = item(
    "supervisor-county-reachable",
    AGREE,
    "Det er lett å få kontakt med fylkeskommunen når vi trenger det.",
    "Det er lett å få kontakt med fylkeskommunen når vi treng det.",
    "It is easy to get in touch with the county authority when we need to.",
)
COUNTY_VISITED_2020 = item(
    "supervisor-county-visited",
    YES_NO,
    "Har fylkeskommunen besøkt bedriften det siste året?",
    "Har fylkeskommunen vitja bedrifta det siste året?",
    "Has the county authority visited the company in the past year?",
)
OFFICE_INTRO = (
    "Svar bare hvis bedriften er medlem av et opplæringskontor.",
    "Svar berre dersom bedrifta er medlem av eit opplæringskontor.",
    "Answer only if the company is a member of a training office.",
)
OFFICE_SUPPORT = item(
    "supervisor-office-support",
    AGREE,
    "Opplæringskontoret gir oss god støtte i arbeidet med lærlingene.",
    "Opplæringskontoret gir oss god støtte i arbeidet med lærlingane.",
    "The training office gives us good support in our work with the apprentices.",
)
OFFICE_PLAN = item(
    "supervisor-office-plan",
    AGREE,
    "Opplæringskontoret hjelper oss med å lage og følge opp planen for opplæringen.",
    "Opplæringskontoret hjelper oss med å lage og følgje opp planen for opplæringa.",
    "The training office helps us draw up and follow up the training plan.",
)
BASIC_SKILLS = item(
    "supervisor-school-basic-skills",
    AGREE,
    "Lærlingene har med seg de grunnleggende ferdighetene de trenger fra skolen.",
    "Lærlingane har med seg dei grunnleggjande ferdigheitene dei treng frå skulen.",
    "The apprentices bring the basic skills they need from school.",
)
KNOW_EXPECTATIONS = item(
    "supervisor-school-expectations",
    AGREE,
    "Lærlingene vet hva som ventes av dem i arbeidslivet.",
    "Lærlingane veit kva som blir venta av dei i arbeidslivet.",
    "The apprentices know what is expected of them in working life.",
)
SCHOOL_CONTACT_2018 = item(
    "supervisor-school-contact",
    AGREE,
    "Bedriften har god kontakt med skolene i området.",
    "Bedrifta har god kontakt med skulane i området.",
    "The company has good contact with the schools in the area.",
)
SCHOOL_YFF_COOPERATION_2020 = item(
    "supervisor-school-yff-cooperation",
    AGREE,
    "Skolen og bedriften samarbeider godt om elevene i yrkesfaglig fordypning.",
    "Skulen og bedrifta samarbeider godt om elevane i yrkesfagleg fordjuping.",
    "The school and the company cooperate well on pupils in in-depth vocational studies.",
)
ENOUGH_TIME = item(
    "supervisor-enough-time",
    AGREE,
    "Jeg har nok tid til å veilede lærlingene.",
    "Eg har nok tid til å rettleie lærlingane.",
    "I have enough time to guide the apprentices.",
)
COMPETENCE = item(
    "supervisor-competence",
    AGREE,
    "Jeg har den kompetansen jeg trenger som faglig leder.",
    "Eg har den kompetansen eg treng som fagleg leiar.",
    "I have the competence I need as a professional supervisor.",
)
COURSE = item(
    "supervisor-course",
    YES_NO,
    "Har du tatt kurs for faglige ledere eller instruktører?",
    "Har du teke kurs for faglege leiarar eller instruktørar?",
    "Have you taken a course for professional supervisors or instructors?",
)
MANAGEMENT_PRIORITY = item(
    "supervisor-management-priority",
    AGREE,
    "Ledelsen i bedriften prioriterer opplæringen av lærlinger.",
    "Leiinga i bedrifta prioriterer opplæringa av lærlingar.",
    "The company's management gives priority to training apprentices.",
)
PLAN_PER_APPRENTICE = item(
    "supervisor-plan-per-apprentice",
    YES_PARTLY_NO,
    "Har bedriften en plan for opplæringen av hver lærling?",
    "Har bedrifta ein plan for opplæringa av kvar lærling?",
    "Does the company have a training plan for each apprentice?",
)
ASSESSMENT_DOCUMENTED_2018 = item(
    "supervisor-assessment-documented",
    YES_NO,
    "Blir halvårsvurderingene dokumentert skriftlig?",
    "Blir halvårsvurderingane dokumenterte skriftleg?",
    "Are the six-monthly assessments documented in writing?",
)
ASSESSMENT_EACH_2020 = item(
    "supervisor-assessment-each-apprentice",
    YES_PARTLY_NO,
    "Gjennomfører dere halvårsvurdering med hver lærling?",
    "Gjennomfører de halvårsvurdering med kvar lærling?",
    "Do you carry out a six-monthly assessment with each apprentice?",
)
COVERS_AIMS = item(
    "supervisor-covers-aims",
    AGREE,
    "Opplæringen dekker alle kompetansemålene i læreplanen.",
    "Opplæringa dekkjer alle kompetansemåla i læreplanen.",
    "The training covers all the competence aims in the curriculum.",
)
READY_FOR_TEST = item(
    "supervisor-ready-for-test",
    AGREE,
    "Lærlingene er godt forberedt når de går opp til fagprøven.",
    "Lærlingane er godt førebudde når dei går opp til fagprøva.",
    "The apprentices are well prepared when they sit their trade test.",
)
BULLYING_ROUTINES = item(
    "supervisor-bullying-routines",
    YES_PARTLY_NO,
    "Har bedriften rutiner for å avdekke og stoppe mobbing av lærlinger?",
    "Har bedrifta rutinar for å avdekkje og stoppe mobbing av lærlingar?",
    "Does the company have procedures for uncovering and stopping bullying of apprentices?",
)
APPRENTICE_VOICE = item(
    "supervisor-apprentice-voice",
    AGREE,
    "Lærlingene får være med og påvirke sin egen opplæring.",
    "Lærlingane får vere med og påverke si eiga opplæring.",
    "The apprentices have a say in their own training.",
)
SATISFIED_AS_COMPANY = item(
    "supervisor-satisfied",
    AGREE,
    "Alt i alt er bedriften fornøyd med å være lærebedrift.",
    "Alt i alt er bedrifta nøgd med å vere lærebedrift.",
    "All in all, the company is satisfied with being a training company.",
)
WANTS_NEW_APPRENTICES = item(
    "supervisor-wants-new-apprentices",
    AGREE,
    "Bedriften ønsker å ta inn nye lærlinger.",
    "Bedrifta ønskjer å ta inn nye lærlingar.",
    "The company wants to take on new apprentices.",
)


def _supervisor(version: int) -> list[dict]:
    new = version == 2020
    return [
        theme(
            "county",
            "Samarbeid med fylkeskommunen",
            "Samarbeid med fylkeskommunen",
            "Cooperation with the county authority",
            [COUNTY_INFORMATION, COUNTY_REACHABLE] + ([COUNTY_VISITED_2020] if new else []),
        ),
        theme(
            "office",
            "Samarbeid med opplæringskontoret",
            "Samarbeid med opplæringskontoret",
            "Cooperation with the training office",
            [OFFICE_SUPPORT, OFFICE_PLAN],
            intro=OFFICE_INTRO,
        ),
        theme(
            "school",
            "Lærlingenes forberedelse fra skolen",
            "Lærlingane si førebuing frå skulen",
            "The apprentices' preparation from school",
            [
                BASIC_SKILLS,
                KNOW_EXPECTATIONS,
                SCHOOL_YFF_COOPERATION_2020 if new else SCHOOL_CONTACT_2018,
            ],
        ),
        theme(
            "resources",
            "Ressurser til veiledning",
            "Ressursar til rettleiing",
            "Resources for guidance",
            [ENOUGH_TIME, COMPETENCE, COURSE, MANAGEMENT_PRIORITY],
        ),
        theme(
            "planning",
            "Planlegging og vurdering",
            "Planlegging og vurdering",
            "Planning and assessment",
            [
                PLAN_PER_APPRENTICE,
                ASSESSMENT_EACH_2020 if new else ASSESSMENT_DOCUMENTED_2018,
                COVERS_AIMS,
                READY_FOR_TEST,
            ],
        ),
        theme(
            "learning-environment",
            "Læringsmiljø",
            "Læringsmiljø",
            "Learning environment",
            [BULLYING_ROUTINES, APPRENTICE_VOICE],
        ),
        theme(
            "overall",
            "Alt i alt",
            "Alt i alt",
            "All in all",
            [SATISFIED_AS_COMPANY, WANTS_NEW_APPRENTICES],
        ),
    ]


VERSIONS: list[dict] = [
    {
        "survey": "apprentice",
        "year": 2018,
        "note": "Versjonen fra 2018.",
        "themes": _apprentice(2018),
    },
    {
        "survey": "apprentice",
        "year": 2020,
        "note": (
            "Nytt i 2020: digital mobbing og ubetalt overtid; halvårsvurdering og tiltak mot "
            "mobbing med ny svarskala; respekt, YFF og ønske om å jobbe i faget omformulert."
        ),
        "themes": _apprentice(2020),
    },
    {
        "survey": "supervisor",
        "year": 2018,
        "note": "Versjonen fra 2018.",
        "themes": _supervisor(2018),
    },
    {
        "survey": "supervisor",
        "year": 2020,
        "note": (
            "Nytt i 2020: besøk fra fylkeskommunen; samarbeid om YFF og halvårsvurdering "
            "med hver lærling erstatter tidligere spørsmål."
        ),
        "themes": _supervisor(2020),
    },
]
