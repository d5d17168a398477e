"""Pricing (Preisberechnung): fee tables and the engine that prices lines. Pure domain code."""

from gomus_customers.pricing.engine import (
    LineBasis,
    PriceSource,
    PriceTrace,
    PricingEngine,
    Quote,
    QuoteLine,
)
from gomus_customers.pricing.fee_tables import FeeKey, FeeTable, fee_table_in_force

__all__ = [
    "FeeKey",
    "FeeTable",
    "LineBasis",
    "PriceSource",
    "PriceTrace",
    "PricingEngine",
    "Quote",
    "QuoteLine",
    "fee_table_in_force",
]
