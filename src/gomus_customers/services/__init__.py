"""Application services: each public method loads, calls the domain and saves in one unit."""

from gomus_customers.services._common import UNSET, ServiceContext, Unset
from gomus_customers.services.access_requests import AccessRequestService, DueCase
from gomus_customers.services.catalog import CatalogService
from gomus_customers.services.categories import CategoryService
from gomus_customers.services.customers import CustomerService
from gomus_customers.services.institutions import InstitutionService
from gomus_customers.services.orders import OrderService
from gomus_customers.services.pricing import FeeMatrix, PricingService
from gomus_customers.services.reports import ReportService

__all__ = [
    "UNSET",
    "AccessRequestService",
    "CatalogService",
    "CategoryService",
    "CustomerService",
    "DueCase",
    "FeeMatrix",
    "InstitutionService",
    "OrderService",
    "PricingService",
    "ReportService",
    "ServiceContext",
    "Unset",
]
