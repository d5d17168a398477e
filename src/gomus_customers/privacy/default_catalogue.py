"""A museum's processing catalogue in German and English (DESIGN 4 and 13): the data
categories, sources and processing activities the built-in collectors' records belong to, with
purposes, legal bases, recipients and retention. :func:`default_catalogue` builds it; a host
passes its own controller and supervisory authority, or replaces the whole catalogue.
"""

from __future__ import annotations

from gomus_customers.privacy.catalogue import (
    Category,
    Controller,
    ProcessingActivity,
    ProcessingCatalogue,
    SupervisoryAuthority,
)
from gomus_customers.privacy.collectors import Text

__all__ = ["default_catalogue"]

T = Text

_CATEGORIES = (
    Category("identity", T("Name und Anrede", "Name and form of address")),
    Category("contact", T("Kontaktdaten (E-Mail, Telefon)", "Contact details (e-mail, phone)")),
    Category("address", T("Anschriften", "Postal addresses")),
    Category(
        "customer",
        T(
            "Kundendaten (Kundennummer, Kategorie, Sprache)",
            "Customer data (customer number, category, language)",
        ),
    ),
    Category("birth_date", T("Geburtsdatum", "Date of birth")),
    Category(
        "preferences",
        T("Einwilligungen und Präferenzen (Newsletter)", "Consents and preferences (newsletter)"),
    ),
    Category("notes", T("Vermerke des Besucherservice", "Notes of the visitor service")),
    Category("membership", T("Zugehörigkeit zu Institutionen", "Membership in institutions")),
    Category("orders", T("Bestell- und Buchungsdaten", "Order and booking data")),
    Category(
        "membership_cards",
        T(
            "Mitgliedschaften und Jahreskarten (Nummer, Art, Gültigkeit, Nutzungen)",
            "Memberships and annual passes (number, type, validity, uses)",
        ),
    ),
    Category("request", T("Angaben zu Auskunftsersuchen", "Details of access requests")),
    Category(
        "access_log",
        T(
            "Protokoll der Zugriffe auf Ihre Daten (wann und wozu)",
            "Log of consultations of your data (when and what for)",
        ),
    ),
)

_SOURCES = (
    Category("data_subject", T("Von Ihnen selbst", "From you")),
    Category(
        "institution",
        T(
            "Von Ihrer Institution (z. B. Schule, Verein, Unternehmen)",
            "From your institution (e.g. school, club, company)",
        ),
    ),
    Category(
        "import",
        T(
            "Aus dem Import eines früheren Kassensystems",
            "From the import of an earlier ticketing system",
        ),
    ),
    Category(
        "museum_systems",
        T("Aus unseren eigenen Systemen (Protokolle)", "From our own systems (logs)"),
    ),
)

_ACTIVITIES = (
    ProcessingActivity(
        key="customer_management",
        name=T("Kundenverwaltung", "Customer management"),
        purposes=(
            T(
                "Verwaltung der Kundenbeziehung und Beantwortung von Anfragen",
                "Managing the customer relationship and answering enquiries",
            ),
            T(
                "Versand des Newsletters, wenn Sie ihn bestellt haben",
                "Sending the newsletter if you subscribed to it",
            ),
        ),
        legal_basis=T(
            "Art. 6 Abs. 1 lit. b DSGVO (Vertrag); für den Newsletter Art. 6 Abs. 1 lit. a "
            "DSGVO (Einwilligung)",
            "Art. 6(1)(b) GDPR (contract); for the newsletter Art. 6(1)(a) GDPR (consent)",
        ),
        data_categories=(
            "identity",
            "contact",
            "address",
            "customer",
            "birth_date",
            "preferences",
            "notes",
        ),
        recipients=(
            T(
                "IT-Dienstleister des Museums als Auftragsverarbeiter (Art. 28 DSGVO)",
                "The museum's IT service providers as processors (Art. 28 GDPR)",
            ),
        ),
        retention=T(
            "Für die Dauer der Kundenbeziehung und drei weitere Jahre (Verjährung, § 195 BGB); "
            "die Newsletter-Einwilligung bis zum Widerruf",
            "For the customer relationship and three further years (limitation, § 195 BGB); "
            "the newsletter consent until withdrawn",
        ),
        sources=("data_subject", "import"),
    ),
    ProcessingActivity(
        key="ticket_sales",
        name=T("Ticketverkauf und Bestellungen", "Ticket sales and orders"),
        purposes=(
            T(
                "Verkauf von Eintrittskarten, Führungen und Angeboten, Rechnungsstellung",
                "Selling tickets, guided tours and other offers; invoicing",
            ),
            T(
                "Erfüllung handels- und steuerrechtlicher Aufbewahrungspflichten",
                "Keeping records as commercial and tax law require",
            ),
        ),
        legal_basis=T(
            "Art. 6 Abs. 1 lit. b DSGVO (Vertrag); Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 147 AO "
            "und § 257 HGB (Aufbewahrung)",
            "Art. 6(1)(b) GDPR (contract); Art. 6(1)(c) GDPR with § 147 AO and § 257 HGB "
            "(record keeping)",
        ),
        data_categories=("identity", "address", "orders", "membership"),
        recipients=(
            T("Zahlungsdienstleister", "Payment service providers"),
            T("Steuerberatung und Wirtschaftsprüfung", "Tax advisers and auditors"),
            T(
                "Finanzbehörden, soweit gesetzlich vorgeschrieben",
                "Tax authorities where the law requires it",
            ),
        ),
        retention=T(
            "Buchungsbelege acht Jahre ab Ende des Kalenderjahres, in dem die Bestellung "
            "aufgegeben wurde (§ 147 Abs. 3 AO, § 257 Abs. 4 HGB, seit dem 1. Januar 2025); "
            "Bücher und Jahresabschlüsse zehn Jahre",
            "Booking records eight years from the end of the calendar year in which the order "
            "was placed (§ 147(3) AO, § 257(4) HGB, since 1 January 2025); books and annual "
            "accounts ten years",
        ),
        sources=("data_subject", "institution"),
    ),
    ProcessingActivity(
        key="memberships",
        name=T("Mitgliedschaften und Jahreskarten", "Memberships and annual passes"),
        purposes=(
            T(
                "Verwaltung Ihrer Mitgliedschaften und Jahreskarten (Gültigkeit, Inhaber, "
                "Nutzungen)",
                "Managing your memberships and annual passes (validity, holders, uses)",
            ),
            T(
                "Mitgliederpreise beim Kauf von Eintrittskarten und Führungen",
                "Member prices when you buy tickets and tours",
            ),
            T("Erinnerung an die Verlängerung", "Reminding you of the renewal"),
        ),
        legal_basis=T("Art. 6 Abs. 1 lit. b DSGVO (Vertrag)", "Art. 6(1)(b) GDPR (contract)"),
        data_categories=("identity", "membership_cards", "orders"),
        recipients=(
            T(
                "IT-Dienstleister des Museums als Auftragsverarbeiter (Art. 28 DSGVO)",
                "The museum's IT service providers as processors (Art. 28 GDPR)",
            ),
        ),
        retention=T(
            "Für die Dauer jeder Mitgliedschaft und drei weitere Jahre (Verjährung, § 195 BGB); "
            "die Bestellungen, mit denen sie bezahlt wurden, als Buchungsbelege (siehe "
            "Ticketverkauf und Bestellungen)",
            "For the duration of each membership and three further years (limitation, § 195 "
            "BGB); the orders that paid for them as booking records (see ticket sales and "
            "orders)",
        ),
        sources=("data_subject", "import"),
    ),
    ProcessingActivity(
        key="institution_accounts",
        name=T("Institutionskonten", "Institution accounts"),
        purposes=(
            T(
                "Zuordnung von Bestellungen zu Ihrer Institution und Gewährung ihres Rabatts",
                "Assigning orders to your institution and granting its discount",
            ),
        ),
        legal_basis=T(
            "Art. 6 Abs. 1 lit. b und f DSGVO (Vertrag mit der Institution, berechtigtes "
            "Interesse an der richtigen Zuordnung)",
            "Art. 6(1)(b) and (f) GDPR (contract with the institution, legitimate interest in "
            "assigning orders correctly)",
        ),
        data_categories=("identity", "address", "membership"),
        recipients=(
            T(
                "Ihre Institution für Rechnungen ihrer Bestellungen",
                "Your institution, for invoices of its orders",
            ),
        ),
        retention=T(
            "Für die Dauer der Zugehörigkeit und drei weitere Jahre",
            "For the membership and three further years",
        ),
        sources=("data_subject", "institution"),
    ),
    ProcessingActivity(
        key="access_requests",
        name=T("Bearbeitung von Auskunftsersuchen", "Handling access requests"),
        purposes=(
            T(
                "Beantwortung Ihrer Auskunftsersuchen nach Art. 15 DSGVO",
                "Answering your access requests under Art. 15 GDPR",
            ),
        ),
        legal_basis=T(
            "Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 12 und 15 DSGVO",
            "Art. 6(1)(c) GDPR with Art. 12 and 15 GDPR",
        ),
        data_categories=("identity", "contact", "request"),
        recipients=(),
        retention=T(
            "Drei Jahre nach Abschluss des Ersuchens (Nachweis der Erfüllung)",
            "Three years after the request was closed (proof of compliance)",
        ),
        sources=("data_subject",),
    ),
    ProcessingActivity(
        key="access_logging",
        name=T("Protokollierung der Zugriffe", "Logging of consultations"),
        purposes=(
            T(
                "Nachweis, wer wann und wozu auf Kundendaten zugegriffen hat, zur Sicherheit "
                "der Verarbeitung",
                "Proof of who consulted customer data, when and what for, for the security "
                "of processing",
            ),
        ),
        legal_basis=T(
            "Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 5 Abs. 1 lit. f und Art. 32 DSGVO",
            "Art. 6(1)(c) GDPR with Art. 5(1)(f) and Art. 32 GDPR",
        ),
        data_categories=("access_log",),
        recipients=(),
        retention=T("Ein Jahr nach dem Zugriff", "One year after the consultation"),
        sources=("museum_systems",),
    ),
)


def default_catalogue(
    controller: Controller | None = None, authority: SupervisoryAuthority | None = None
) -> ProcessingCatalogue:
    """A museum's processing catalogue in German and English.

    Pass the museum as ``controller`` and its supervisory authority (that of its Land); the
    placeholders say where they belong.
    """
    return ProcessingCatalogue(
        version="museum-default-1",
        controller=controller
        or Controller(
            name="Das Museum (bitte im Katalog eintragen)",
            address=("Museumsstraße 1", "12345 Museumsstadt"),
            email="datenschutz@museum.example",
        ),
        authority=authority
        or SupervisoryAuthority(
            name=T(
                "Die Datenschutzaufsichtsbehörde Ihres Landes",
                "The data protection supervisory authority of your Land",
            ),
            url="https://www.bfdi.bund.de/DE/Service/Anschriften/Laender/Laender-node.html",
        ),
        activities=_ACTIVITIES,
        data_categories=_CATEGORIES,
        sources=_SOURCES,
        rights=(
            T(
                "Berichtigung unrichtiger Daten (Art. 16 DSGVO)",
                "Rectification of inaccurate data (Art. 16 GDPR)",
            ),
            T("Löschung (Art. 17 DSGVO)", "Erasure (Art. 17 GDPR)"),
            T(
                "Einschränkung der Verarbeitung (Art. 18 DSGVO)",
                "Restriction of processing (Art. 18 GDPR)",
            ),
            T(
                "Widerspruch gegen die Verarbeitung (Art. 21 DSGVO)",
                "Objection to processing (Art. 21 GDPR)",
            ),
        ),
        automated_decisions=T(
            "Es findet keine automatisierte Entscheidungsfindung einschließlich Profiling "
            "(Art. 22 DSGVO) statt.",
            "There is no automated decision-making, including profiling (Art. 22 GDPR).",
        ),
        third_country_transfers=T(
            "Ihre Daten werden nicht in Drittländer oder an internationale Organisationen "
            "übermittelt.",
            "Your data are not transferred to third countries or international organisations.",
        ),
    )
