"""The crawler's spiders."""

from crawler.spiders.agency import AgencySpider

__all__ = ["AgencySpider"]
