"""Sphinx configuration: MyST Markdown pages, furo theme, API reference from docstrings."""

from __future__ import annotations

import gomus_customers

project = "gomus-customers"
author = "The gomus-customers developers"
copyright = "2026, The gomus-customers developers"  # noqa: A001 - Sphinx's setting name
release = gomus_customers.__version__
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "conftest.py"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

html_theme = "furo"
html_title = f"gomus-customers {release}"
