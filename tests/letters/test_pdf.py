"""Every letter, in German and English, printed to PDF by headless Chromium (DESIGN 13): the
letters are self-contained HTML pages for A4, so a browser prints them as they are.

Needs Debian's ``chromium``; ``.ci/run`` installs it where it is missing and sets
``GOMUS_REQUIRE_CHROMIUM=1``, which turns the skip into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from gomus_customers import CustomerModule
from gomus_customers.ids import AccessRequestId
from gomus_customers.services.access_queries import LetterKind

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
BROWSER = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)


@pytest.fixture(name="browser")
def fixture_browser() -> str:
    if BROWSER is None:
        if os.environ.get("GOMUS_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is required (GOMUS_REQUIRE_CHROMIUM=1) but not installed")
        pytest.skip("no chromium: apt-get install chromium (.ci/run does)")
    return BROWSER


def _print(browser: str, page: Path, *, pdf: Path | None = None, png: Path | None = None) -> None:
    options = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
    if pdf is not None:
        options.append(f"--print-to-pdf={pdf}")
    if png is not None:  # A4 at 96 dpi: 794 x 1123 pixels
        options += ["--hide-scrollbars", "--window-size=794,1123", f"--screenshot={png}"]
    subprocess.run(  # noqa: S603 - the browser found above, with fixed options
        [browser, *options, page.as_uri()], check=True, capture_output=True, timeout=120
    )


def _pages(pdf: Path) -> int:
    """The number of pages: the page objects (``/Type /Page``, not ``/Pages``) of the file."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))


def _cases(module: CustomerModule) -> dict[str, AccessRequestId]:
    """An answered access request with an extension, a rejected one, an erasure request."""
    module.settings.update(
        name="Museum am Neuen Garten", street="Am Neuen Garten 1", postal_code="14469",
        city="Potsdam", email="datenschutz@museum.example", dpo_name="Dr. Petra Lange",
        authority_name="Die Landesbeauftragte für den Datenschutz Brandenburg",
        authority_url="https://www.lda.brandenburg.de", state="BB",
    )  # fmt: skip
    private = module.categories.add_customer_category("Privatkunde", is_default=True)
    admission = module.categories.add_offer_category("Eintritt", vat_rate="7")
    ticket = module.catalog.add_offer("Eintritt", category_id=admission.id, price="12.00")
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", salutation="ms", category_id=private.id,
        email="anna.schmidt@example.org", phone="0331 123456",
    )  # fmt: skip
    module.customers.add_address(
        anna.id, street="Lindenstraße 42", postal_code="14467", city="Potsdam"
    )
    module.customers.record_consent(anna.id, given=True, on=date(2026, 1, 10), source="Webformular")
    for day in (date(2026, 1, 15), date(2026, 2, 1)):
        module.orders.place(
            channel="online_shop", customer_id=anna.id, lines=[(ticket.id, 2)], on=day
        )
    access = module.access_requests.open(
        requester_name="Anna Schmidt", email="anna.schmidt@example.org",
        received_on=date(2026, 2, 2), channel="email",
    )  # fmt: skip
    module.access_requests.link_customer(access.id, anna.id)
    module.access_requests.verify_identity(access.id, method="bekannte E-Mail", on=date(2026, 2, 3))
    module.access_requests.extend(
        access.id, reason="drei Archive zu durchsuchen sind", notified_on=date(2026, 2, 10)
    )
    module.access_requests.collect(access.id)
    module.access_requests.answer(access.id, on=date(2026, 3, 1))
    refused = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=date(2026, 3, 2), channel="letter"
    )
    module.access_requests.reject(
        refused.id, reason_code="manifestly_unfounded",
        justification="Ihr Ersuchen wiederholt das vom Februar", on=date(2026, 3, 3),
    )  # fmt: skip
    erasure = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=date(2026, 3, 10), channel="letter",
        kind="erasure",
    )  # fmt: skip
    module.access_requests.link_customer(erasure.id, anna.id)
    module.access_requests.verify_identity(erasure.id, method="Unterschrift", on=date(2026, 3, 10))
    return {"access": access.id, "refused": refused.id, "erasure": erasure.id}


def test_every_letter_prints_on_a4_in_both_languages(browser: str, tmp_path: Path) -> None:
    module = CustomerModule.in_memory(clock=lambda: NOW)
    cases = _cases(module)
    letters: list[tuple[str, LetterKind, int | None]] = [
        ("access", "acknowledgement", 1),
        ("access", "identity_request", 1),
        ("access", "extension_notice", 1),
        ("refused", "rejection", 1),
        ("access", "answer", None),  # the copy runs to several pages
    ]
    printed: dict[str, int] = {}
    for language in ("de", "en"):
        for case, kind, pages in letters:
            page = tmp_path / f"{kind}-{language}.html"
            page.write_text(
                module.access_requests.render(
                    cases[case], format="html", language=language, letter=kind
                ),
                encoding="utf-8",
            )
            pdf = page.with_suffix(".pdf")
            _print(browser, page, pdf=pdf)
            assert pdf.read_bytes().startswith(b"%PDF-")
            printed[f"{kind}-{language}"] = _pages(pdf)
            if pages is not None:
                assert printed[f"{kind}-{language}"] == pages, (kind, language)
    # The answer: the information of Art. 15(1), the copy of two orders, a consent and the
    # customer record, the completeness declaration: more than one page, fewer than eight.
    assert 1 < printed["answer-de"] < 8
    assert 1 < printed["answer-en"] < 8
    # The erasure request's answer letter, once the erasure is done.
    module.privacy.erase(module.customers.list()[0].id, reason="Antrag", on=date(2026, 3, 20))
    module.access_requests.answer(cases["erasure"], on=date(2026, 3, 20))
    page = tmp_path / "erasure-de.html"
    page.write_text(
        module.access_requests.render(cases["erasure"], format="html"), encoding="utf-8"
    )
    _print(browser, page, pdf=page.with_suffix(".pdf"))
    assert _pages(page.with_suffix(".pdf")) == 1
    # The first page of the answer, as the person sees it (kept for a look: it is an image of
    # an A4 page with the museum's letterhead, the address block and the heading).
    first = tmp_path / "answer-de.png"
    _print(browser, tmp_path / "answer-de.html", png=first)
    assert first.read_bytes().startswith(b"\x89PNG")
    assert first.stat().st_size > 20_000  # a page of text, not a blank one
