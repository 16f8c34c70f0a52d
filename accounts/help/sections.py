"""The help for each role, as the year runs: one section per step, each with its text in
bokmål, nynorsk and English and the pages it is about.

Help is prose, not interface: it is kept here as whole paragraphs per language rather than
as hundreds of gettext fragments, so a translator reads a section as a whole. Every portal
page names its section with `{% help_link "key" %}` (accounts/templatetags/help.py);
tests/accounts/test_help.py walks the portal and checks that each page links to a section
that exists for the role that sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COUNTY = "fylke"
OFFICE = "kontor"
UDIR = "udir"
ROLES = (COUNTY, OFFICE, UDIR)

# An organisation's kind (accounts.models.Organisation.Kind) -> the role whose help it gets.
ROLE_OF_KIND = {"county": COUNTY, "office": OFFICE, "directorate": UDIR}


@dataclass(frozen=True)
class Section:
    key: str
    title: dict[str, str]
    text: dict[str, list[str]]
    # (URL name, link text per language): the pages the step is done on.
    pages: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def _t(nb: str, nn: str, en: str) -> dict[str, str]:
    return {"nb": nb, "nn": nn, "en": en}


def _p(nb: list[str], nn: list[str], en: list[str]) -> dict[str, list[str]]:
    return {"nb": nb, "nn": nn, "en": en}


ROLE_TITLES = {
    COUNTY: _t("Hjelp for fylkeskommuner", "Hjelp for fylkeskommunar", "Help for counties"),
    OFFICE: _t(
        "Hjelp for opplæringskontor", "Hjelp for opplæringskontor", "Help for training offices"
    ),
    UDIR: _t(
        "Hjelp for Utdanningsdirektoratet",
        "Hjelp for Utdanningsdirektoratet",
        "Help for the Directorate",
    ),
}

_YEAR = Section(
    "aret",
    _t("Året i Lærlingundersøkelsen", "Året i Lærlingundersøkinga", "The survey's year"),
    _p(
        [
            "Undersøkelsen går hver høst. I august og september sørger dere for tilgang i "
            "Altinn, lager en lokal gjennomføringsplan og sjekker kontaktinformasjonen i "
            "utvalget. Rettelser gjøres i VIGO til og med 30. september kl. 12.00; det endelige "
            "uttrekket tas 1. oktober. Så åpner undersøkelsen, dere sender invitasjoner og "
            "påminnelser og følger svarprosenten. Etter siste svardag lagres svarene, og "
            "resultatene publiseres i slutten av november.",
        ],
        [
            "Undersøkinga går kvar haust. I august og september syter de for tilgang i "
            "Altinn, lagar ein lokal gjennomføringsplan og sjekkar kontaktinformasjonen i "
            "utvalet. Rettingar blir gjorde i VIGO til og med 30. september kl. 12.00; det "
            "endelege uttrekket blir teke 1. oktober. Så opnar undersøkinga, de sender "
            "invitasjonar og påminningar og følgjer svarprosenten. Etter siste svardag blir "
            "svara lagra, og resultata blir publiserte i slutten av november.",
        ],
        [
            "The survey runs every autumn. In August and September you make sure of your "
            "access in Altinn, make a local plan and check the contact data in the sample. "
            "Corrections are made in VIGO until 30 September at 12:00; the final extract is "
            "taken on 1 October. Then the survey opens, you send invitations and reminders "
            "and follow the response rate. After the last day to answer the responses are "
            "stored, and the results are published at the end of November.",
        ],
    ),
    [("accounts:portal", _t("Min side", "Mi side", "My page"))],
)

_ACCESS = Section(
    "tilgang",
    _t("Tilgang i Altinn", "Tilgang i Altinn", "Access in Altinn"),
    _p(
        [
            "Du logger inn med ID-porten. Hva du får se, bestemmes av rettigheten "
            "«Lærlingundersøkelsen administrasjon» i Altinn for organisasjonsnummeret du "
            "arbeider for. Den som er hovedadministrator i Altinn for organisasjonen, gir "
            "rettigheten; be om den i god tid før august. Har du rettigheter for flere "
            "organisasjoner, bytter du mellom dem på Min side.",
        ],
        [
            "Du loggar inn med ID-porten. Kva du får sjå, blir avgjort av rettigheita "
            "«Lærlingundersøkelsen administrasjon» i Altinn for organisasjonsnummeret du "
            "arbeider for. Den som er hovudadministrator i Altinn for organisasjonen, gir "
            "rettigheita; be om ho i god tid før august. Har du rettar for fleire "
            "organisasjonar, byter du mellom dei på Mi side.",
        ],
        [
            "You log in with ID-porten. What you see is decided by the right "
            "“Lærlingundersøkelsen administrasjon” in Altinn for the organisation number you "
            "work for. Your organisation's main administrator in Altinn grants it; ask in "
            "good time before August. If you hold rights for several organisations, you "
            "switch between them on My page.",
        ],
    ),
    [("accounts:portal", _t("Min side", "Mi side", "My page"))],
)

_SAMPLE = Section(
    "utvalg",
    _t(
        "Sjekk utvalget før fristen i VIGO",
        "Sjekk utvalet før fristen i VIGO",
        "Check the sample before the VIGO deadline",
    ),
    _p(
        [
            "Utvalget er lærlingene og lærekandidatene fra VIGO-uttrekket. Kvalitetsrapporten "
            "viser hvem som mangler e-post eller mobilnummer, hvem som ikke kunne nås ved "
            "forrige utsending, og rader som ble avvist. Rett opp i VIGO, ikke her: det "
            "endelige uttrekket tas fra VIGO etter fristen 30. september kl. 12.00.",
        ],
        [
            "Utvalet er lærlingane og lærekandidatane frå VIGO-uttrekket. Kvalitetsrapporten "
            "viser kven som manglar e-post eller mobilnummer, kven som ikkje kunne nåast ved "
            "førre utsending, og rader som vart avviste. Rett opp i VIGO, ikkje her: det "
            "endelege uttrekket blir teke frå VIGO etter fristen 30. september kl. 12.00.",
        ],
        [
            "The sample is the apprentices and training candidates of the VIGO extract. The "
            "quality report shows who lacks an e-mail address or mobile number, who could not "
            "be reached by an earlier dispatch, and rows that were rejected. Correct them in "
            "VIGO, not here: the final extract is taken from VIGO after the deadline of "
            "30 September at 12:00.",
        ],
    ),
    [
        ("surveys:sample", _t("Utvalget", "Utvalet", "The sample")),
        (
            "surveys:quality_report",
            _t("Kvalitetsrapporten", "Kvalitetsrapporten", "Quality report"),
        ),
    ],
)

_SENDING = Section(
    "utsending",
    _t("Invitasjoner og påminnelser", "Invitasjonar og påminningar", "Invitations and reminders"),
    _p(
        [
            "Når undersøkelsen er åpen, sender du invitasjon og deretter påminnelser på e-post, "
            "SMS eller begge. Siden viser hvor mange som nås og hvorfor andre er utelatt, før du "
            "bekrefter. Hver lærling får sin egen lenke. SMS teller mot organisasjonens "
            "SMS-kvote, og SMS sendes ikke om natten. Mens utsendingen går, ser du hvor langt "
            "den har kommet og hvor mange meldinger som ikke kom fram, og hvorfor.",
            "Du kan planlegge en utsending til et senere tidspunkt og endre eller avlyse den til "
            "den starter; SMS-kvoten gis tilbake når den avlyses. Send gjerne en testmelding til "
            "deg selv først. Før undersøkelsen åpner, kan du sende informasjon uten lenke.",
        ],
        [
            "Når undersøkinga er open, sender du invitasjon og deretter påminningar på e-post, "
            "SMS eller begge. Sida viser kor mange som blir nådde og kvifor andre er utelatne, "
            "før du stadfestar. Kvar lærling får si eiga lenkje. SMS tel mot SMS-kvoten til "
            "organisasjonen, og SMS blir ikkje sende om natta. Medan utsendinga går, ser du kor "
            "langt ho har kome og kor mange meldingar som ikkje kom fram, og kvifor.",
            "Du kan planleggje ei utsending til seinare og endre eller avlyse ho til ho startar; "
            "SMS-kvoten blir gitt tilbake når ho blir avlyst. Send gjerne ei testmelding til "
            "deg sjølv først. Før undersøkinga opnar, kan du sende informasjon utan lenkje.",
        ],
        [
            "When the survey is open, you send an invitation and then reminders by e-mail, "
            "SMS or both. The page shows how many will be reached and why others are left "
            "out before you confirm. Each apprentice gets a personal link. SMS count against "
            "your organisation's SMS quota and are not sent at night. While a dispatch runs, "
            "you see how far it has come and how many messages failed, and why.",
            "You can plan a dispatch for later and change or cancel it until it starts; its "
            "SMS quota comes back when cancelled. Send yourself a test message first. Before "
            "the survey opens, you can send information without a link.",
        ],
    ),
    [
        ("distribution:compose", _t("Ny utsending", "Ny utsending", "New dispatch")),
        (
            "distribution:dispatches",
            _t("Utsendinger og SMS-kvote", "Utsendingar og SMS-kvote", "Dispatches and quota"),
        ),
    ],
)

_RATES = Section(
    "oppfolging",
    _t("Følg svarprosenten", "Følg svarprosenten", "Follow the response rate"),
    _p(
        [
            "Svarprosenten viser hvor mange i utvalget som er invitert og har svart, samlet og "
            "fordelt på opplæringskontor, bedrift, programområde og kontraktstype, og svar per "
            "dag med utsendingene markert. Grupper med 5 eller færre i utvalget vises med en "
            "prikk i stedet for tall, så ingen kan se hvem som har svart. Samlinger der "
            "lærlingene svarer sammen, er det som hever svarprosenten mest.",
        ],
        [
            "Svarprosenten viser kor mange i utvalet som er inviterte og har svart, samla og "
            "fordelt på opplæringskontor, bedrift, programområde og kontraktstype, og svar per "
            "dag med utsendingane markerte. Grupper med 5 eller færre i utvalet blir viste med "
            "ein prikk i staden for tal, så ingen kan sjå kven som har svart. Samlingar der "
            "lærlingane svarer saman, er det som hevar svarprosenten mest.",
        ],
        [
            "The response rate shows how many of the sample were invited and answered, in all "
            "and by training office, company, trade and contract type, and answers per day "
            "with the dispatches marked. Groups of 5 or fewer in the sample show a dot instead "
            "of figures, so no one can tell who answered. Gatherings where apprentices answer "
            "together raise the response rate most.",
        ],
    ),
    [("distribution:rates", _t("Svarprosent", "Svarprosent", "Response rates"))],
)

_INFORMATION = Section(
    "informasjon",
    _t(
        "Informer lærlingene i forkant",
        "Informer lærlingane på førehand",
        "Inform the apprentices beforehand",
    ),
    _p(
        [
            "Informasjonsarket forklarer lærlingene hva undersøkelsen er, at den er frivillig, "
            "og hva som skjer med svarene. Del det ut eller send det før undersøkelsen åpner, "
            "slik at invitasjonen ikke kommer som en overraskelse.",
        ],
        [
            "Informasjonsarket forklarer lærlingane kva undersøkinga er, at ho er frivillig, og "
            "kva som skjer med svara. Del det ut eller send det før undersøkinga opnar, slik at "
            "invitasjonen ikkje kjem som ei overrasking.",
        ],
        [
            "The information sheet tells the apprentices what the survey is, that it is "
            "voluntary and what happens to their answers. Hand it out or send it before the "
            "survey opens, so the invitation comes as no surprise.",
        ],
    ),
    [
        (
            "surveys:information_sheets",
            _t("Informasjonsark", "Informasjonsark", "Information sheets"),
        ),
        ("surveys:about", _t("Om undersøkelsen", "Om undersøkinga", "About the survey")),
    ],
)

_PLAN = Section(
    "plan",
    _t("Lokal gjennomføringsplan", "Lokal gjennomføringsplan", "The local plan"),
    _p(
        [
            "Planen samler årets datoer, utsendingene dere har planlagt og sendt, målet for "
            "svarprosenten og sjekklisten over oppgavene: tilgang i Altinn, informere "
            "lærlingene i forkant, sjekke kontaktinformasjonen i VIGO, avtale med kontorene "
            "hvem som sender til hvem, og samlinger. Kryss av når en oppgave er gjort; planen "
            "viser hvem som gjorde det og når.",
            "Før gjennomføringen åpner, skriver dere inn hvilke resultater dere forventer per "
            "tema, med fjorårets resultat ved siden av. Når resultatene er publisert, vises "
            "resultatet mot forventningen og mot i fjor.",
        ],
        [
            "Planen samlar datoane for året, utsendingane de har planlagt og sendt, målet for "
            "svarprosenten og sjekklista over oppgåvene: tilgang i Altinn, informere "
            "lærlingane på førehand, sjekke kontaktinformasjonen i VIGO, avtale med kontora "
            "kven som sender til kven, og samlingar. Kryss av når ei oppgåve er gjord; planen "
            "viser kven som gjorde det og når.",
            "Før gjennomføringa opnar, skriv de inn kva resultat de forventar per tema, med "
            "resultatet frå i fjor ved sida av. Når resultata er publiserte, blir resultatet "
            "vist mot forventninga og mot i fjor.",
        ],
        [
            "The plan holds the year's dates, the dispatches you planned and sent, the target "
            "response rate and the check-list of duties: access in Altinn, informing the "
            "apprentices beforehand, checking contact data in VIGO, agreeing with the offices "
            "who sends to whom, and gatherings. Tick a duty when it is done; the plan shows "
            "who did it and when.",
            "Before the round opens, enter the results you expect per theme, with last year's "
            "result beside. Once the results are published, each result is shown against the "
            "expectation and against last year.",
        ],
    ),
    [
        ("distribution:plan", _t("Planen", "Planen", "The plan")),
        ("reporting:expectations", _t("Forventninger", "Forventningar", "Expectations")),
    ],
)

_GATHERINGS = Section(
    "samling",
    _t("Samlinger", "Samlingar", "Gatherings"),
    _p(
        [
            "Samle lærlingene og la dem svare sammen: det hever svarprosenten mest. Lag en "
            "samling og vis siden med QR-koden og den korte adressen på skjermen. Hver lærling "
            "ber om sin egen lenke med mobilnummeret eller e-postadressen sin. Har noen mistet "
            "meldingen, kan de be om lenken igjen på samme måte.",
        ],
        [
            "Samle lærlingane og la dei svare saman: det hevar svarprosenten mest. Lag ei "
            "samling og vis sida med QR-koden og den korte adressa på skjermen. Kvar lærling "
            "ber om si eiga lenkje med mobilnummeret eller e-postadressa si. Har nokon mista "
            "meldinga, kan dei be om lenkja igjen på same måte.",
        ],
        [
            "Gather the apprentices and let them answer together: it raises the response rate "
            "most. Make a gathering and show its page with the QR code and short address on "
            "screen. Each apprentice asks for their own link with their mobile number or "
            "e-mail address. Anyone who lost their message can ask for the link again the same "
            "way.",
        ],
    ),
    [("distribution:gatherings", _t("Samlinger", "Samlingar", "Gatherings"))],
)


_COOPERATION = {
    COUNTY: Section(
        "samarbeid",
        _t(
            "Avtal med opplæringskontorene",
            "Avtal med opplæringskontora",
            "Agree with the training offices",
        ),
        _p(
            [
                "Fylket skal nå lærlingene i frittstående lærebedrifter og kan nå lærlingene i "
                "bedrifter som er medlem av et opplæringskontor. Ha god dialog med kontorene om "
                "hvem som sender til hvem, så ingen får dobbelt opp og ingen blir glemt. Siden om "
                "samarbeid viser hva hvert kontor har sendt til lærlingene i fylket, og der "
                "registrerer dere hvem som sender til hvert kontors lærlinger.",
            ],
            [
                "Fylket skal nå lærlingane i frittståande lærebedrifter og kan nå lærlingane i "
                "bedrifter som er medlem av eit opplæringskontor. Ha god dialog med kontora om "
                "kven som sender til kven, så ingen får dobbelt opp og ingen blir gløymd. Sida om "
                "samarbeid viser kva kvart kontor har sendt til lærlingane i fylket, og der "
                "registrerer de kven som sender til lærlingane til kvart kontor.",
            ],
            [
                "The county must reach the apprentices of independent companies and may reach "
                "those of companies in a training office. Agree with the offices who sends to "
                "whom, so no one gets everything twice and no one is forgotten. The page on "
                "working together shows what each office sent to the county's apprentices, and "
                "there you record who sends to each office's apprentices.",
            ],
        ),
        [("distribution:in_step", _t("Samarbeid", "Samarbeid", "Working together"))],
    ),
    OFFICE: Section(
        "samarbeid",
        _t("Samarbeid med fylket", "Samarbeid med fylket", "Working with the county"),
        _p(
            [
                "Kontoret sender til lærlingene i medlemsbedriftene sine, som kan høre til flere "
                "fylker. Avtal med fylkene hvem som sender til hvem, så ingen får dobbelt opp.",
            ],
            [
                "Kontoret sender til lærlingane i medlemsbedriftene sine, som kan høyre til "
                "fleire fylke. Avtal med fylka kven som sender til kven, så ingen får dobbelt opp.",
            ],
            [
                "The office sends to the apprentices of its member companies, who may belong to "
                "several counties. Agree with the counties who sends to whom, so no one gets "
                "everything twice.",
            ],
        ),
        [("distribution:in_step", _t("Samarbeid", "Samarbeid", "Working together"))],
    ),
}

_RESULTS = Section(
    "resultater",
    _t("Resultater", "Resultat", "Results"),
    _p(
        [
            "Resultatene publiseres på publiseringsdatoen, når svarene er lagret. Hvert tema "
            "har en indeks fra 1 til 5 med antallet som svarte, og hvert spørsmål fordelingen "
            "av svar og andelen som er enige, ved siden av landet. Grupper der 5 eller færre "
            "svarte, vises med en prikk, og flere grupper skjules der de ellers kunne regnes ut. "
            "Bedrifter, kontor og programområder som var for små, står sammen som «små grupper "
            "samlet».",
            "Først på siden står funn som krever umiddelbar oppfølging: viste grupper der "
            "andelen mobbet, eller indeksen på et tema Udir har merket, er på eller forbi "
            "terskelen Udir har satt.",
        ],
        [
            "Resultata blir publiserte på publiseringsdatoen, når svara er lagra. Kvart tema "
            "har ein indeks frå 1 til 5 med talet på dei som svarte, og kvart spørsmål "
            "fordelinga av svar og delen som er samde, ved sida av landet. Grupper der 5 eller "
            "færre svarte, blir viste med ein prikk, og fleire grupper blir gøymde der dei "
            "elles kunne reknast ut. Bedrifter, kontor og programområde som var for små, står "
            "saman som «små grupper samla».",
            "Først på sida står funn som krev oppfølging med ein gong: viste grupper der delen "
            "mobba, eller indeksen på eit tema Udir har merkt, er på eller forbi terskelen "
            "Udir har sett.",
        ],
        [
            "Results are published on the publication date, once the responses are stored. "
            "Each theme has an index from 1 to 5 with the number who answered, and each "
            "question the distribution of answers and the share who agree, beside the country. "
            "Groups where 5 or fewer answered show a dot, and more groups are hidden where they "
            "could otherwise be worked out. Companies, offices and trades too small to show "
            "stand together as “small groups together”.",
            "First on the page are findings that need follow-up at once: shown groups whose "
            "share bullied, or index on a theme Udir marks, is at or beyond Udir's threshold.",
        ],
    ),
    [("reporting:overview", _t("Resultater", "Resultat", "Results"))],
)

_TEMPLATES = Section(
    "maler",
    _t("Meldingstekster", "Meldingstekstar", "Message texts"),
    _p(
        [
            "Tekstene i invitasjoner, påminnelser og informasjon før åpning finnes per "
            "undersøkelse, kanal og språk. Rediger dem i administrasjonen; forhåndsvisningen "
            "viser e-posten og SMS-en slik mottakeren ser dem, med antall SMS-deler. En tekst "
            "uten den personlige lenken blir ikke lagret.",
        ],
        [
            "Tekstane i invitasjonar, påminningar og informasjon før opning finst per "
            "undersøking, kanal og språk. Rediger dei i administrasjonen; førehandsvisinga "
            "viser e-posten og SMS-en slik mottakaren ser dei, med talet på SMS-delar. Ein "
            "tekst utan den personlege lenkja blir ikkje lagra.",
        ],
        [
            "The texts of invitations, reminders and information before opening exist per "
            "survey, channel and language. Edit them in the admin; the preview shows the "
            "e-mail and the SMS as the recipient sees them, with the number of SMS segments. A "
            "text without the personal link is not saved.",
        ],
    ),
    [
        (
            "admin:distribution_messagetemplate_changelist",
            _t("Meldingstekster", "Meldingstekstar", "Message texts"),
        )
    ],
)

_UDIR = [
    _YEAR,
    _SAMPLE,
    _INFORMATION,
    _SENDING,
    _TEMPLATES,
    _RATES,
    _RESULTS,
    Section(
        "gjennomforinger",
        _t("Gjennomføringer og datoer", "Gjennomføringar og datoar", "Rounds and their dates"),
        _p(
            [
                "Hvert år får hver undersøkelse en gjennomføring med standarddatoer: rettefrist i "
                "VIGO, referansedato, åpning, siste svardag og publisering. Datoene som avgjør "
                "hva som er låst, kan ikke endres etter åpning. Forhåndsvis spørreskjemaet fra "
                "gjennomføringen.",
            ],
            [
                "Kvart år får kvar undersøking ei gjennomføring med standarddatoar: rettefrist i "
                "VIGO, referansedato, opning, siste svardag og publisering. Datoane som avgjer "
                "kva som er låst, kan ikkje endrast etter opning. Førehandsvis spørjeskjemaet "
                "frå gjennomføringa.",
            ],
            [
                "Every year each survey gets a round with default dates: the VIGO correction "
                "deadline, the reference date, opening, the last day to answer and publication. "
                "Dates that decide what is frozen cannot change after opening. Preview the "
                "questionnaire from the round.",
            ],
        ),
        [("admin:surveys_round_changelist", _t("Gjennomføringer", "Gjennomføringar", "Rounds"))],
    ),
    Section(
        "uttrekk",
        _t("Uttrekket fra VIGO", "Uttrekket frå VIGO", "The VIGO extract"),
        _p(
            [
                "Last opp uttrekket fra VIGO (CSV eller Excel). Filen kontrolleres før noe "
                "endres; du ser hva som blir lagt til, endret og trukket ut, og bekrefter. Den "
                "samme filen to ganger endrer ingenting.",
            ],
            [
                "Last opp uttrekket frå VIGO (CSV eller Excel). Fila blir kontrollert før noko "
                "blir endra; du ser kva som blir lagt til, endra og trekt ut, og stadfestar. Den "
                "same fila to gonger endrar ingenting.",
            ],
            [
                "Upload the VIGO extract (CSV or Excel). The file is checked before anything "
                "changes; you see what is added, changed and withdrawn, and confirm. The same "
                "file twice changes nothing.",
            ],
        ),
        [("admin:surveys_sampleimport_upload", _t("Last opp", "Last opp", "Upload"))],
    ),
    Section(
        "kvoter",
        _t("SMS-kvoter", "SMS-kvotar", "SMS quotas"),
        _p(
            [
                "Hver fylkeskommune og hvert opplæringskontor har en SMS-kvote per gjennomføring. "
                "Oversikten over svarprosent i hele landet viser hvor mye som er igjen.",
            ],
            [
                "Kvar fylkeskommune og kvart opplæringskontor har ein SMS-kvote per "
                "gjennomføring. Oversikta over svarprosent i heile landet viser kor mykje som er "
                "att.",
            ],
            [
                "Each county and training office has an SMS quota per round. The national "
                "response-rate overview shows how much is left.",
            ],
        ),
        [
            (
                "distribution:rates",
                _t("Svarprosent i landet", "Svarprosent i landet", "National rates"),
            )
        ],
    ),
    Section(
        "lagring",
        _t("Etter siste svardag", "Etter siste svardag", "After the last day to answer"),
        _p(
            [
                "Natten etter siste svardag lagres svarene i ett steg, med bakgrunnsvariabler "
                "generalisert til minst 6 per kombinasjon (manage.py store_responses gjør det "
                "samme). 30 dager etter siste svardag slettes navn, adresser, numre og lenker. "
                "Siden om personopplysninger viser hva som er lagret per gjennomføring og når "
                "det slettes.",
            ],
            [
                "Natta etter siste svardag blir svara lagra i eitt steg, med bakgrunnsvariablar "
                "generaliserte til minst 6 per kombinasjon (manage.py store_responses gjer det "
                "same). 30 dagar etter siste svardag blir namn, adresser, nummer og lenkjer "
                "sletta. Sida om personopplysningar viser kva som er lagra per gjennomføring og "
                "når det blir sletta.",
            ],
            [
                "The night after the last day to answer, the responses are stored in one step, "
                "with dimensions generalised to at least 6 per combination (manage.py "
                "store_responses does the same). 30 days after the last day, names, addresses, "
                "numbers and links are deleted. The personal-data page shows what each round "
                "holds and when it goes.",
            ],
        ),
        [
            (
                "admin:surveys_round_personal_data",
                _t("Personopplysninger", "Personopplysningar", "Personal data"),
            )
        ],
    ),
    Section(
        "forskning",
        _t("Forskningsuttrekk", "Forskingsuttrekk", "Research extracts"),
        _p(
            [
                "Registrer prosjektet, forskerne, formålet, perioden og referansen til den "
                "signerte taushetserklæringen, velg gjennomføringer med lagrede svar, og lag "
                "uttrekket én gang fra registreringen. Uttrekket har ingen id, og hver "
                "kombinasjon av bakgrunnsvariabler deles av minst 6 svar. Alt skrives i loggen.",
            ],
            [
                "Registrer prosjektet, forskarane, formålet, perioden og referansen til den "
                "signerte teieplikterklæringa, vel gjennomføringar med lagra svar, og lag "
                "uttrekket éin gong frå registreringa. Uttrekket har ingen id, og kvar "
                "kombinasjon av bakgrunnsvariablar blir delt av minst 6 svar. Alt blir skrive i "
                "loggen.",
            ],
            [
                "Record the project, the researchers, the purpose, the period and the reference "
                "of the signed confidentiality declaration, choose rounds with stored responses, "
                "and make the extract once from the record. It holds no id, and every "
                "combination of its dimensions is shared by at least 6 responses. All of it goes "
                "to the audit log.",
            ],
        ),
        [
            (
                "admin:surveys_researchextract_changelist",
                _t("Forskningsuttrekk", "Forskingsuttrekk", "Research extracts"),
            )
        ],
    ),
    Section(
        "tilgang",
        _t("Lokal tilgang", "Lokal tilgang", "Local access"),
        _p(
            [
                "Tidligere fylkeskommuner finnes ikke lenger i Altinn. Gi lokal tilgang til "
                "resultatene deres med en begrunnelse og en sluttdato.",
            ],
            [
                "Tidlegare fylkeskommunar finst ikkje lenger i Altinn. Gi lokal tilgang til "
                "resultata deira med ei grunngiving og ein sluttdato.",
            ],
            [
                "Former counties are no longer in Altinn. Grant local access to their results "
                "with a reason and an end date.",
            ],
        ),
        [
            (
                "admin:accounts_localgrant_changelist",
                _t("Lokal tilgang", "Lokal tilgang", "Local access"),
            )
        ],
    ),
]

SECTIONS: dict[str, list[Section]] = {
    COUNTY: [
        _YEAR,
        _ACCESS,
        _PLAN,
        _SAMPLE,
        _INFORMATION,
        _COOPERATION[COUNTY],
        _SENDING,
        _RATES,
        _GATHERINGS,
        _RESULTS,
    ],
    OFFICE: [
        _YEAR,
        _ACCESS,
        _PLAN,
        _SAMPLE,
        _INFORMATION,
        _COOPERATION[OFFICE],
        _SENDING,
        _RATES,
        _GATHERINGS,
        _RESULTS,
    ],
    UDIR: _UDIR,
}


def keys(role: str) -> set[str]:
    return {section.key for section in SECTIONS[role]}
