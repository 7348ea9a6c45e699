"""Getting articles: fetching, feeds, main-text extraction, encodings, dates,
canonical URLs, duplicates and relevance.

Knows nothing of claims, databases or Celery. Modules (import what you need;
this package imports nothing eagerly, trafilatura is slow to load):

- ``crawler.urls``: ``canonical_url``
- ``crawler.ssrf``: ``check_host``, ``BlockedAddress``
- ``crawler.fetch``: ``fetch``, ``FetchConfig``, ``FetchResult``, ``FetchError``
- ``crawler.encodings``: ``decode_html``
- ``crawler.dates``: ``parse_date``, ``find_published``, ``CHINA_TZ``
- ``crawler.extract``: ``extract_page``, ``Page``, ``ExtractError``
- ``crawler.feeds``: ``parse_feed``, ``FeedEntry``, ``FeedError``
- ``crawler.dedupe``: ``content_hash``, ``NearDuplicateIndex``, ``minhash_signature``
- ``crawler.relevance``: ``relevance_score``, ``RELEVANCE_THRESHOLD``

Word tables (tracking parameters, mobile hosts, date labels, noise lines,
relevance terms) are YAML files under ``crawler/words/``.
"""
