"""Every value in the HTML letter is escaped, whatever markup it holds."""

from __future__ import annotations

import html.parser
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from gomus_customers import CustomerModule

_MARKUP = st.sampled_from(
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<a href='//evil'>x</a>",
     "</td></tr></table><iframe src=//evil>", "<style>@import url(//evil)</style>", "&amp;<b>"]
)  # fmt: skip
_WORDS = st.sampled_from(["Anna", "Ölmühle", "O'Brien", "Dr.", "Straße 1"])
_TEXT = st.builds(lambda a, b: f"{a} {b}", _WORDS, _MARKUP)
_ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "strong", "br", "p",
            "h1", "h2", "h3", "h4", "ul", "li", "table", "tr", "th", "td", "a"}  # fmt: skip


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


@settings(max_examples=15, deadline=None)
@given(st.lists(_TEXT, min_size=8, max_size=8))
def test_markup_in_every_field_is_escaped(values: list[str]) -> None:
    first, last, title, note, street, city, institution, role = values
    module = CustomerModule.in_memory()
    category = module.categories.add_customer_category(f"K{title}", is_default=True)
    school = module.institutions.add(institution)
    customer = module.customers.add(
        first_name=first,
        last_name=last,
        title=title,
        note=note,
        category_id=category.id,
        email="a@example.org",
    )
    module.customers.add_address(customer.id, street=street, postal_code="14467", city=city)
    module.customers.join_institution(
        customer.id, school.id, role=role, street=street, postal_code="14467", city=city
    )
    case = module.access_requests.open(
        requester_name=f"{first} {last}",
        channel="email",
        received_on=date(2026, 1, 31),
        email="a@example.org",
    )
    module.access_requests.link_customer(case.id, customer.id)
    module.access_requests.verify_identity(case.id, method=note, on=date(2026, 2, 2))
    module.access_requests.collect(case.id)
    for language in ("de", "en"):
        page = module.access_requests.render(case.id, format="html", language=language)
        parser = _Tags()
        parser.feed(page)
        assert {tag for tag, _ in parser.tags} <= _ALLOWED
        links = [a for tag, a in parser.tags if tag == "a"]
        assert len(links) == 1  # the supervisory authority, nothing else
        assert all(name != "src" for _, attributes in parser.tags for name, _ in attributes)
