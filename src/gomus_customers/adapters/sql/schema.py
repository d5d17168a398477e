"""The SQL schema every SQL store shares: one table per aggregate, written once.

Each aggregate is one row: its whole value as a JSON ``document`` (written and read by the one
cattrs converter, without the fields whose default says nothing), its ``version`` for
optimistic locking, and the key columns that queries, orderings and constraints need,
computed by the domain's own functions (``name_key``, the normalised e-mail). Parts that
others refer to or are searched by (addresses, memberships, fee-table cells, the customers a
case is about) have key tables of their own, so that foreign keys and indexes hold in the
database, not only in the library.

Every constraint has a fixed name; a driver that reports the name (PostgreSQL) lets the
repository say which field was taken. ``{key}`` is the dialect's code-point text type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

__all__ = [
    "INSERT_ORDER",
    "SCHEMA",
    "SCHEMA_VERSION",
    "UPGRADES",
    "insert_rank",
    "statements",
    "upgrade_core",
]

SCHEMA_VERSION = 7
"""The version of the current layout; versions 1 to 3 were SQLite's column layout, 4 the SQL
core's first layout (without ``customer_numbers``), 5 without ``settings``, 6 without the
membership tables."""

MEMBERSHIP_TABLES = """
CREATE TABLE membership_types (
    id {key} NOT NULL CONSTRAINT membership_types_pk PRIMARY KEY,
    name_key {key} NOT NULL CONSTRAINT membership_types_name_key_unique UNIQUE,
    category_id {key} NOT NULL
        CONSTRAINT membership_types_category_fk REFERENCES customer_categories (id),
    offer_id {key} NOT NULL CONSTRAINT membership_types_offer_fk REFERENCES offers (id),
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE membership_cards (
    id {key} NOT NULL CONSTRAINT membership_cards_pk PRIMARY KEY,
    number {key} NOT NULL CONSTRAINT membership_cards_number_unique UNIQUE,
    type_id {key} NOT NULL
        CONSTRAINT membership_cards_type_fk REFERENCES membership_types (id),
    buyer_id {key} NOT NULL CONSTRAINT membership_cards_buyer_fk REFERENCES customers (id),
    ends_on {key} NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX membership_cards_by_buyer ON membership_cards (buyer_id);
CREATE INDEX membership_cards_by_type ON membership_cards (type_id, ends_on);
CREATE INDEX membership_cards_by_end ON membership_cards (ends_on);

CREATE TABLE membership_holders (
    membership_id {key} NOT NULL
        CONSTRAINT membership_holders_card_fk
        REFERENCES membership_cards (id) ON DELETE CASCADE,
    customer_id {key} NOT NULL
        CONSTRAINT membership_holders_customer_fk REFERENCES customers (id),
    CONSTRAINT membership_holders_pk PRIMARY KEY (membership_id, customer_id)
);
CREATE INDEX membership_holders_by_customer ON membership_holders (customer_id)
"""
"""The tables of memberships and annual passes (version 7): in the layout and in its upgrade."""

SCHEMA = (
    """
CREATE TABLE customer_categories (
    id {key} NOT NULL CONSTRAINT customer_categories_pk PRIMARY KEY,
    name_key {key} NOT NULL CONSTRAINT customer_categories_name_key_unique UNIQUE,
    is_default INTEGER NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE UNIQUE INDEX customer_categories_one_default
    ON customer_categories (is_default) WHERE is_default = 1;

CREATE TABLE offer_categories (
    id {key} NOT NULL CONSTRAINT offer_categories_pk PRIMARY KEY,
    name_key {key} NOT NULL CONSTRAINT offer_categories_name_key_unique UNIQUE,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE offers (
    id {key} NOT NULL CONSTRAINT offers_pk PRIMARY KEY,
    name_key {key} NOT NULL,
    category_id {key} NOT NULL
        CONSTRAINT offers_category_fk REFERENCES offer_categories (id),
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX offers_by_category ON offers (category_id);

CREATE TABLE institutions (
    id {key} NOT NULL CONSTRAINT institutions_pk PRIMARY KEY,
    name_key {key} NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE customers (
    id {key} NOT NULL CONSTRAINT customers_pk PRIMARY KEY,
    number {key} CONSTRAINT customers_number_unique UNIQUE,
    category_id {key} NOT NULL
        CONSTRAINT customers_category_fk REFERENCES customer_categories (id),
    email {key},
    first_name_key {key} NOT NULL,
    last_name_key {key} NOT NULL,
    full_name_key {key} NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX customers_by_category ON customers (category_id);
CREATE INDEX customers_by_email ON customers (email);
CREATE INDEX customers_by_full_name ON customers (full_name_key);
CREATE INDEX customers_by_name ON customers (last_name_key, first_name_key, id);

CREATE TABLE addresses (
    id {key} NOT NULL CONSTRAINT addresses_pk PRIMARY KEY,
    customer_id {key} NOT NULL
        CONSTRAINT addresses_customer_fk REFERENCES customers (id) ON DELETE CASCADE,
    institution_id {key} CONSTRAINT addresses_institution_fk REFERENCES institutions (id)
);
CREATE INDEX addresses_by_customer ON addresses (customer_id);
CREATE INDEX addresses_by_institution ON addresses (institution_id);

CREATE TABLE memberships (
    customer_id {key} NOT NULL
        CONSTRAINT memberships_customer_fk REFERENCES customers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    institution_id {key} NOT NULL
        CONSTRAINT memberships_institution_fk REFERENCES institutions (id),
    since {key},
    until {key},
    CONSTRAINT memberships_pk PRIMARY KEY (customer_id, position)
);
CREATE INDEX memberships_by_institution ON memberships (institution_id, customer_id);

CREATE TABLE customer_numbers (
    number {key} NOT NULL CONSTRAINT customer_numbers_pk PRIMARY KEY,
    customer_id {key} NOT NULL
        CONSTRAINT customer_numbers_customer_fk REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX customer_numbers_by_customer ON customer_numbers (customer_id);

CREATE TABLE fee_tables (
    id {key} NOT NULL CONSTRAINT fee_tables_pk PRIMARY KEY,
    name_key {key} NOT NULL CONSTRAINT fee_tables_name_key_unique UNIQUE,
    valid_from {key} NOT NULL CONSTRAINT fee_tables_valid_from_unique UNIQUE,
    valid_until {key},
    fallback_category_id {key}
        CONSTRAINT fee_tables_fallback_fk REFERENCES customer_categories (id),
    digest {key} NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX fee_tables_by_fallback ON fee_tables (fallback_category_id);

CREATE TABLE fee_cells (
    fee_table_id {key} NOT NULL
        CONSTRAINT fee_cells_table_fk REFERENCES fee_tables (id) ON DELETE CASCADE,
    customer_category_id {key} NOT NULL
        CONSTRAINT fee_cells_customer_category_fk REFERENCES customer_categories (id),
    offer_category_id {key} NOT NULL
        CONSTRAINT fee_cells_offer_category_fk REFERENCES offer_categories (id),
    CONSTRAINT fee_cells_pk PRIMARY KEY (fee_table_id, customer_category_id, offer_category_id)
);
CREATE INDEX fee_cells_by_customer_category ON fee_cells (customer_category_id);
CREATE INDEX fee_cells_by_offer_category ON fee_cells (offer_category_id);

CREATE TABLE orders (
    id {key} NOT NULL CONSTRAINT orders_pk PRIMARY KEY,
    customer_id {key} CONSTRAINT orders_customer_fk REFERENCES customers (id),
    institution_id {key} CONSTRAINT orders_institution_fk REFERENCES institutions (id),
    channel {key} NOT NULL,
    placed_on {key} NOT NULL,
    created_at_utc {key} NOT NULL,
    number {key} CONSTRAINT orders_number_unique UNIQUE,
    year INTEGER,
    sequence INTEGER,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX orders_by_number ON orders (year, sequence);
CREATE INDEX orders_by_customer ON orders (customer_id, placed_on);
CREATE INDEX orders_by_institution ON orders (institution_id, placed_on);
CREATE INDEX orders_by_day ON orders (placed_on, created_at_utc, id);

CREATE TABLE access_requests (
    id {key} NOT NULL CONSTRAINT access_requests_pk PRIMARY KEY,
    reference {key} NOT NULL CONSTRAINT access_requests_reference_unique UNIQUE,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    email {key},
    received_on {key} NOT NULL,
    status {key} NOT NULL,
    deadline {key} NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX access_requests_by_email ON access_requests (email);
CREATE INDEX access_requests_by_status ON access_requests (status, deadline);
CREATE INDEX access_requests_by_number ON access_requests (year, number);

CREATE TABLE settings (
    id {key} NOT NULL CONSTRAINT settings_pk PRIMARY KEY,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE access_request_customers (
    access_request_id {key} NOT NULL
        CONSTRAINT access_request_customers_case_fk
        REFERENCES access_requests (id) ON DELETE CASCADE,
    customer_id {key} NOT NULL,
    CONSTRAINT access_request_customers_pk PRIMARY KEY (access_request_id, customer_id)
);
CREATE INDEX access_request_customers_by_customer ON access_request_customers (customer_id);
"""
    + MEMBERSHIP_TABLES
)
"""The current layout, as DDL with ``{key}`` for the dialect's key text type."""

UPGRADES: dict[int, tuple[str, str]] = {
    5: (
        "customer numbers with the numbers of merged duplicates",
        """
CREATE TABLE customer_numbers (
    number {key} NOT NULL CONSTRAINT customer_numbers_pk PRIMARY KEY,
    customer_id {key} NOT NULL
        CONSTRAINT customer_numbers_customer_fk REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX customer_numbers_by_customer ON customer_numbers (customer_id);
INSERT INTO customer_numbers (number, customer_id)
    SELECT number, id FROM customers WHERE number IS NOT NULL
""",
    ),
    6: (
        "the museum's profile",
        """
CREATE TABLE settings (
    id {key} NOT NULL CONSTRAINT settings_pk PRIMARY KEY,
    document TEXT NOT NULL,
    version INTEGER NOT NULL
)
""",
    ),
    7: (
        "memberships and annual passes",
        MEMBERSHIP_TABLES,
    ),
}
"""What brings a layout of the SQL core to the next version, by the version it brings it to:
``UPGRADES[5]`` turns version 4 into 5 (a description and its DDL). Each runs in the
migrating transaction."""


def upgrade_core(
    execute: Callable[[str], object], found: int, *, key: str, record: Callable[[int, str], object]
) -> None:
    """Run every upgrade after version ``found`` (4 or later) in order, recording each."""
    for version in sorted(UPGRADES):
        if version > found:
            description, script = UPGRADES[version]
            for statement in statements(script, key=key):
                execute(statement)
            record(version, description)


INSERT_ORDER = (
    "customer_categories", "offer_categories", "institutions", "offers", "customers",
    "fee_tables", "addresses", "memberships", "customer_numbers", "fee_cells", "orders",
    "access_requests", "access_request_customers", "settings", "membership_types",
    "membership_cards", "membership_holders",
)  # fmt: skip
"""The tables in an order where every table comes after the tables it refers to: inserts
batched by table in this order keep every foreign key."""


def insert_rank(statement: str) -> int:
    """Where an ``INSERT INTO <table> ...`` statement goes in :data:`INSERT_ORDER`."""
    table = statement.split(maxsplit=3)[2]
    return INSERT_ORDER.index(table) if table in INSERT_ORDER else len(INSERT_ORDER)


def statements(script: str, *, key: str) -> Iterator[str]:
    """The statements of a DDL script, with ``{key}`` spelt as ``key``.

    The scripts hold no semicolons inside literals, so splitting at ``;`` is exact.
    """
    for statement in script.replace("{key}", key).split(";"):
        if statement.strip():
            yield statement.strip()
