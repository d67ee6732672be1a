"""The render stage: an ``Archive`` → the site's files (pages through markdown-it-py and the Jinja2
layouts, lists, feed, sitemap, open data) written into a staging folder. It never reads ``content/``
and never sees withheld text: only placeholders and their public labels."""

from .markdown import MinutesRenderer
from .pages import LAYOUTS, Site
from .writing import render_site

__all__ = ["LAYOUTS", "MinutesRenderer", "Site", "render_site"]
