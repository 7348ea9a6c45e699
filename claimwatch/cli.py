"""The `claimwatch` command. Each sub-command reads CLAIMWATCH_* settings, prints help with
--help and exits non-zero with a one-line reason on bad input."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from claimwatch.settings import Settings, get_settings


def _settings() -> Settings:
    return get_settings()


def _fail(message: str) -> None:
    raise click.ClickException(message)


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"--published must be YYYY-MM-DD, not {value!r}")
    return None


def _read_input(path: str) -> str:
    """Plain text or HTML, from a file or standard input; HTML goes through main-text extraction."""
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.is_file():
            _fail(f"no such file: {path}")
        raw = p.read_bytes()
    if not raw.strip():
        _fail(f"{'standard input' if path == '-' else path} is empty")
    head = raw[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in raw[:20000].lower():
        from crawler.encodings import decode_html
        from crawler.extract import ExtractError, extract_page

        html, _ = decode_html(raw, None)
        try:
            return extract_page(html, "file://" + path).text
        except ExtractError as exc:
            _fail(f"{path}: {exc}")
    return raw.decode("utf-8", errors="replace")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """claimwatch: checks the figures in news on China's industrial policy."""


# --- running ----------------------------------------------------------------------------------

def _run_all(demo: bool) -> None:
    from claimwatch.runner import StartError, run_all

    try:
        code = run_all(_settings(), demo=demo)
    except StartError as exc:  # a port taken, a bad sources.yaml: one line, exit 2, nothing running
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    sys.exit(code)


@main.command()
def run() -> None:
    """Web app, worker and beat together (embedded defaults: SQLite and the SQLite broker)."""
    _run_all(demo=False)


@main.command()
def demo() -> None:
    """`run` plus a bundled offline news source on 127.0.0.1 with planted errors."""
    _run_all(demo=True)


@main.command()
@click.option("--host", default=None, help="Address to listen on (default CLAIMWATCH_WEB_HOST).")
@click.option("--port", default=None, type=int, help="Port (default CLAIMWATCH_WEB_PORT).")
def serve(host: str | None, port: int | None) -> None:
    """The web app only."""
    import uvicorn

    from claimwatch.runner import StartError, check_port_free
    from review.app import create_app

    settings = _settings()
    host, port = host or settings.web_host, port or settings.web_port
    try:  # said in one line now, rather than in uvicorn's log after the app has started
        check_port_free(host, port, "--port or CLAIMWATCH_WEB_PORT")
    except StartError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    uvicorn.run(create_app(settings), host=host, port=port)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def worker(ctx: click.Context) -> None:
    """A Celery worker on all queues (extra arguments go to celery)."""
    from worker.app import QUEUES, app

    app.worker_main(["worker", "-Q", ",".join(QUEUES), "--loglevel", "INFO", *ctx.args])


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def beat(ctx: click.Context) -> None:
    """The Celery beat scheduler."""
    from worker.app import app

    schedule = str(_settings().var_path / "celerybeat-schedule")
    app.start(["beat", "--loglevel", "INFO", "-s", schedule, *ctx.args])


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create or upgrade the database to the latest schema."""
    from store.migrate import upgrade

    settings = _settings()
    upgrade(settings.db_url, secret=settings.session_secret())
    click.echo(f"database at {_redact_url(settings.db_url)} is up to date")


def _redact_url(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


# --- claims -----------------------------------------------------------------------------------

def _checker() -> Any:
    from verifier.check import Checker
    from verifier.reference import load_reference

    settings = _settings()
    return Checker(load_reference(settings.reference_dir))


@main.command()
@click.argument("path", default="-")
@click.option("--published", help="The article's date, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json")
def extract(path: str, published: str | None, fmt: str) -> None:
    """Print the quantitative claims in a text or HTML file (or - for standard input)."""
    pub = _published(published)
    text = _read_input(path)
    claims = _checker().extract(text, pub)
    if fmt == "json":
        click.echo(json.dumps({"claims": [c.to_json() for c in claims], "findings": []},
                              ensure_ascii=False, indent=2))
        return
    for c in claims:
        click.echo(f"{c.text}\t{c.value:g} {c.unit}\t{c.qualifier}\t{c.indicator or '-'}\t"
                   f"{c.geography}\t{c.period or '-'}\t{c.kind}")


@main.command()
@click.argument("path", default="-")
def numbers(path: str) -> None:
    """Print every number the reader finds in a text or HTML file, claim or not (a tab-separated
    line each: start, end, text, value, unit, qualifier, lower, upper)."""
    from verifier.quantities import find_quantities

    def show(x: float | None) -> str:
        return "" if x is None else f"{x:g}"

    for q in find_quantities(_read_input(path), every_number=True):
        click.echo(f"{q.start}\t{q.end}\t{q.text}\t{q.value:g}\t{q.unit}\t{q.qualifier}\t"
                   f"{show(q.lower)}\t{show(q.upper)}")


@main.command()
@click.argument("path", default="-")
@click.option("--published", help="The article's date, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json")
def check(path: str, published: str | None, fmt: str) -> None:
    """Extract the claims and verify each against the reference data."""
    pub = _published(published)
    text = _read_input(path)
    result = _checker().check(text, pub)
    if fmt == "json":
        click.echo(json.dumps({
            "claims": [c.to_json(with_verdict=True) for c in result.claims],
            "findings": [f.to_json() for f in result.findings],
            "reference_version": result.reference_version,
        }, ensure_ascii=False, indent=2))
        return
    for c in result.claims:
        click.echo(f"[{c.verdict}] {c.explanation}")
    for f in result.findings:
        click.echo(f"[{f.type}] {f.explanation}")


@main.command("eval")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of labelled articles (default tests/corpus).")
@click.option("--floors", type=click.Path(path_type=Path), default=None,
              help="JSON of minimum scores; exit 1 when a score falls below its floor.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@click.option("--errors", is_flag=True,
              help="Also list each mismatch (field, span, gold, got, sentence) on standard error.")
@click.option("--seeds", type=click.Path(path_type=Path), default=None,
              help="Folder of the seed articles labelled in tests/seeds_gold (default "
                   "../shared/seeds beside the project, unless --corpus is given).")
def eval_cmd(corpus: Path | None, floors: Path | None, fmt: str, errors: bool,
             seeds: Path | None) -> None:
    """Score extraction and verdicts on the labelled corpus, and on the seed articles."""
    from claimwatch import evaluation as ev
    from claimwatch.settings import PROJECT_DIR

    folder = corpus or PROJECT_DIR / "tests" / "corpus"
    articles = ev.load_corpus(folder)
    if not articles:
        _fail(f"no labelled articles in {folder}")
    mismatches: list[ev.Mismatch] | None = [] if errors else None
    checker = _checker()
    scores = ev.evaluate_checked(articles, checker, mismatches)
    seeds_dir = seeds or (None if corpus else ev.SEEDS_DIR)
    if seeds_dir is not None and seeds_dir.is_dir():
        try:
            scores["seeds"] = ev.evaluate_checked(ev.load_seeds(ev.SEEDS_GOLD_DIR, seeds_dir),
                                                  checker, mismatches)
        except ValueError as exc:
            _fail(f"seed gold: {exc}")
    elif seeds_dir is not None:
        click.echo(f"seeds: {seeds_dir} is not there, the seed articles were not scored", err=True)
    for m in mismatches or []:
        click.echo(m.line(), err=True)
    if fmt == "json":
        click.echo(json.dumps(scores, indent=2))
    else:
        for line in ev.score_lines(scores):
            click.echo(line)
    if floors is not None:
        failed = ev.check_floors(scores, json.loads(floors.read_text()))
        if failed:
            _fail("below the floor: " + "; ".join(failed))


@main.group()
def reference() -> None:
    """The reference dataset."""


@reference.command("validate")
def reference_validate() -> None:
    """Check units, periods, duplicates, sources and outliers; exit 1 on an error."""
    from claimwatch.refcheck import validate

    settings = _settings()
    errors, warnings = validate(settings.reference_dir)
    for w in warnings:
        click.echo(f"warning: {w}")
    for e in errors:
        click.echo(f"error: {e}", err=True)
    if errors:
        _fail(f"{len(errors)} error(s) in {settings.reference_dir}")
    click.echo(f"reference data ok ({len(warnings)} warning(s))")


@reference.command("show")
@click.argument("indicator_id")
@click.option("--geography", default="CN")
def reference_show(indicator_id: str, geography: str) -> None:
    """Print one indicator's series with sources."""
    from verifier.formatting import format_value
    from verifier.reference import load_reference

    data = load_reference(_settings().reference_dir)
    ind = data.catalogue.get(indicator_id)
    if ind is None:
        _fail(f"no indicator {indicator_id!r}; see reference_data/indicators.yaml")
    assert ind is not None
    click.echo(f"{ind.id}: {ind.name_en} / {ind.name_zh} ({ind.measure}, {ind.unit})")
    for o in data.observations.series(indicator_id, geography):
        click.echo(f"{o.period:10} {format_value(o.value, o.unit):>24} {o.qualifier:9} {o.kind:7}"
                   f" {o.revision:12} {o.publisher}  {o.source_url}")


@reference.command("reverify")
@click.option("--limit", default=500, type=click.IntRange(1, 100_000),
              help="Most articles to verify again in this run.")
def reference_reverify(limit: int) -> None:
    """Verify again the articles verified on older reference data (beat does this every 5 min)."""
    from claimwatch.reverify import reverify

    click.echo(f"verified again: {reverify(_settings(), limit=limit)} article(s)")


@reference.command("add")
@click.argument("indicator_id")
@click.argument("period")
@click.argument("value", type=float)
@click.option("--geography", default="CN", show_default=True)
@click.option("--unit", default=None, help="Default: the indicator's unit.")
@click.option("--qualifier", default="exact", show_default=True)
@click.option("--publisher", required=True)
@click.option("--source-url", required=True)
@click.option("--published", default=None, help="The release's date, YYYY-MM-DD.")
@click.option("--note", default="")
@click.option("--user", required=True, help="Who confirmed it (kept with the row).")
def reference_add(indicator_id: str, period: str, value: float, geography: str,
                  unit: str | None, qualifier: str, publisher: str, source_url: str,
                  published: str | None, note: str, user: str) -> None:
    """Add a confirmed observation (same checks as validate) and verify its claims again."""
    from claimwatch.observations import NewObservation, add_observation
    from verifier.indicators import load_catalogue

    settings = _settings()
    if unit is None:
        ind = load_catalogue(settings.reference_dir / "indicators.yaml").get(indicator_id)
        unit = ind.unit if ind else ""
    errors = add_observation(settings, NewObservation(
        indicator=indicator_id, geography=geography, period=period, value=value, unit=unit,
        qualifier=qualifier, publisher=publisher, source_url=source_url,
        published=_published(published), note=note), user)
    if errors:
        _fail("; ".join(errors))
    click.echo(f"added {indicator_id} {geography} {period} = {value:g}")


# --- sources, crawling ------------------------------------------------------------------------

@main.group("sources")
def sources_group() -> None:
    """The sources crawled on a schedule."""


@sources_group.command("list")
def sources_list() -> None:
    from claimwatch.health import source_health
    from store import sources
    from store.db import session_scope

    db_url = _settings().db_url
    healths = {source_id: h for source_id, _name, h in source_health(db_url)}
    with session_scope(db_url) as s:
        rows = sources.list_sources(s)
        if not rows:
            click.echo("no sources; `claimwatch sources add URL` or start `claimwatch run`")
        for src in rows:
            state = "on " if src.enabled else "off"
            h = healths.get(src.id)
            health = f"{h.status}: {h.reason}; {h.articles_per_day:g}/day" if h else "unknown"
            click.echo(f"{src.id:4} {state} {src.kind:7} {src.language:3} {src.name[:30]:30} "
                       f"{src.url}  [{health}]")


SELECTOR_KEYS = ("links", "next", "date")  # what crawler/listing.py reads


def _selectors(kind: str, values: tuple[str, ...]) -> dict[str, str]:
    """--selectors KEY=SELECTOR, repeated; checked with parsel before anything is saved."""
    from crawler.listing import SelectorError, validate

    selectors: dict[str, str] = {}
    for value in values:
        key, sep, selector = value.partition("=")
        key, selector = key.strip(), selector.strip()
        if not sep or not selector:
            _fail(f"--selectors takes KEY=SELECTOR (e.g. links='ul.list a::attr(href)'), "
                  f"not {value!r}")
        if key not in SELECTOR_KEYS:
            _fail(f"unknown selector {key!r}: one of {', '.join(SELECTOR_KEYS)}")
        if key in selectors:
            _fail(f"--selectors {key}= given twice")
        selectors[key] = selector
    if kind != "listing":
        if selectors:
            _fail(f"--selectors are for a listing source (--type listing), not a {kind}")
        return selectors
    try:
        validate(selectors)
    except SelectorError as exc:
        _fail(f"{exc} (--selectors links=CSS or XPath)" if not selectors.get("links") else str(exc))
    return selectors


@sources_group.command("add")
@click.argument("url")
@click.option("--name", default=None, help="Shown in lists (default: the URL).")
@click.option("--type", "kind", default="feed", show_default=True,
              type=click.Choice(["feed", "sitemap", "listing"]),
              help="An RSS/Atom feed, a (news) sitemap, or a listing page of links.")
@click.option("--selectors", "selector_args", multiple=True, metavar="KEY=SELECTOR",
              help="For --type listing: links=… (required), next=…, date=…; CSS or XPath. "
                   "Repeat for each.")
@click.option("--publisher", default=None,
              help="Who publishes it (default: the name); one publisher counts as one source.")
@click.option("--language", default="en", type=click.Choice(["en", "zh"]))
@click.option("--interval", default=60, type=click.IntRange(5, 10080), help="Minutes between polls.")
def sources_add(url: str, name: str | None, kind: str, selector_args: tuple[str, ...],
                publisher: str | None, language: str, interval: int) -> None:
    """Add a source (or change the one with this URL)."""
    from crawler.urls import canonical_url
    from store import sources
    from store.db import session_scope

    if not url.startswith(("http://", "https://")):
        _fail(f"a source URL must start with http:// or https://, not {url!r}")
    selectors = _selectors(kind, selector_args)
    with session_scope(_settings().db_url) as s:
        known = sources.find_source(s, canonical_url(url)) is not None
        src = sources.upsert_source(s, name=name or url, url=canonical_url(url), kind=kind,
                                    language=language, publisher=publisher or "",
                                    interval_minutes=interval, selectors=selectors)
        click.echo(f"source {src.id} {'updated' if known else 'added'}: {src.kind} {src.url}")


def _set_source(key: str, enabled: bool | None, remove: bool = False) -> None:
    from store import sources
    from store.db import session_scope

    with session_scope(_settings().db_url) as s:
        src = sources.find_source(s, key)
        if src is None:
            _fail(f"no source {key!r}")
        assert src is not None
        if remove:
            s.delete(src)
            click.echo(f"source {key} removed (its articles are kept)")
        else:
            src.enabled = bool(enabled)
            click.echo(f"source {src.id} {'enabled' if enabled else 'disabled'}")


@sources_group.command("remove")
@click.argument("source")
def sources_remove(source: str) -> None:
    _set_source(source, None, remove=True)


@sources_group.command("enable")
@click.argument("source")
def sources_enable(source: str) -> None:
    _set_source(source, True)


@sources_group.command("disable")
@click.argument("source")
def sources_disable(source: str) -> None:
    _set_source(source, False)


@sources_group.command("test")
@click.argument("url")
def sources_test(url: str) -> None:
    """Fetch one feed or page now and show what would be extracted."""
    from claimwatch.sourcetest import describe

    try:
        for line in describe(url, _settings()):
            click.echo(line)
    except Exception as exc:
        _fail(f"{url}: {exc}")


@main.command()
@click.option("--source", "source_key", default=None, help="Only this source (id or URL).")
def crawl(source_key: str | None) -> None:
    """Poll the sources once now, in this process, and print a summary."""
    from claimwatch.crawlonce import crawl_once, describe

    def bar(length: int, label: str) -> Any:
        return click.progressbar(length=length, label=f"  fetching {label[:30]}", file=sys.stderr)

    try:
        summary = crawl_once(_settings(), source_key, echo=click.echo, progress=bar)
    except ValueError as exc:
        _fail(str(exc))
        return
    click.echo(describe(summary))


# --- people, alerts, operations ---------------------------------------------------------------

@main.group()
def users() -> None:
    """Accounts for the review queue."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["reviewer", "admin"]), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Asked for when not given.")
def users_add(name: str, role: str, password: str) -> None:
    from review.auth import create_user

    if len(password) < 8:
        _fail("the password needs at least 8 characters")
    token = create_user(_settings().db_url, name, role, password)
    click.echo(f"user {name} ({role}) saved; API token (shown once): {token}")


@main.group()
def alerts() -> None:
    """Alert channels, and the rules and silences the web's /admin/alerts/ pages edit."""


@alerts.command("test")
@click.argument("url")
def alerts_test(url: str) -> None:
    """Send a test message to an Apprise URL."""
    from worker.alerts import AppriseChannel, Message

    try:
        channel = AppriseChannel(url)
    except ValueError as exc:
        _fail(str(exc))
        return
    error = channel.deliver(Message("[claimwatch] test", "This is a test alert from claimwatch.",
                                    _settings().base_url, "test"))
    if error:
        _fail(error)
    click.echo(f"sent to {channel.name}")


def _when(moment: Any) -> str:
    from store.clock import as_utc

    return f"{as_utc(moment):%Y-%m-%d %H:%M} UTC"


def _rule_line(rule: Any, source_names: dict[int, str]) -> str:
    matches = [f"severity >= {rule.min_severity:.2f}"]
    for label, values in (("verdicts", rule.verdicts), ("indicators", rule.indicators),
                          ("sources", [f"{source_names.get(i, '?')} ({i})" for i in rule.source_ids]),
                          ("languages", rule.languages)):
        if values:
            matches.append(f"{label} {', '.join(values)}")
    channels = ", ".join(c.name for c in rule.channels) or \
        "no channel (its matches are kept off the settings' channels)"
    digest = rule.digest + (f", next {_when(rule.next_digest_at)}" if rule.next_digest_at else "")
    repeat = f"every {rule.repeat_hours} h while open" if rule.repeat_hours else "never"
    return (f"{rule.id:4} {rule.name}{'' if rule.enabled else ' (disabled)'}: "
            f"{'; '.join(matches)} -> {channels}; digest {digest}; repeat {repeat}")


def _silence_line(silence: Any, source_names: dict[int, str], now: Any) -> str:
    from store.clock import as_utc

    matches = [f"{label} {value}" for label, value in (
        ("indicator", silence.indicator),
        ("source", f"{source_names.get(silence.source_id, '?')} ({silence.source_id})"
         if silence.source_id else None),
        ("verdict", silence.verdict), ("fingerprint", silence.fingerprint)) if value]
    state = "until" if as_utc(silence.expires_at) > now else "ended"
    said = f": {silence.comment}" if silence.comment else ""
    return (f"{silence.id:4} {state} {_when(silence.expires_at)}: {', '.join(matches)}; "
            f"by {silence.created_by}{said}")


def _source_ids(session: Any, keys: tuple[str, ...]) -> list[int]:
    from store.sources import find_source

    ids = []
    for key in keys:
        source = find_source(session, key)
        if source is None:
            _fail(f"no source {key!r} (give its id or URL: claimwatch sources list)")
        assert source is not None
        ids.append(source.id)
    return ids


@alerts.group("rules")
def alert_rules() -> None:
    """Which findings go to which channels (as at /admin/alerts/rules)."""


@alert_rules.command("list")
def alert_rules_list() -> None:
    """Every rule: what it matches, its channels, digest and reminders."""
    from store import alert_config, sources
    from store.db import session_scope

    with session_scope(_settings().db_url) as s:
        names = {x.id: x.name for x in sources.list_sources(s)}
        rules = alert_config.list_rules(s)
        if not rules:
            click.echo("no rules: every finding goes to the settings' channels")
        for rule in rules:
            click.echo(_rule_line(rule, names))


@alert_rules.command("add")
@click.argument("name")
@click.option("--channel", "channel_keys", multiple=True, metavar="NAME|ID",
              help="A channel of /admin/alerts/channels; repeat for each. None: what the rule "
                   "matches goes to no channel.")
@click.option("--min-severity", type=float, default=0.0, show_default=True,
              help="Only findings at least this severe (0 to 1).")
@click.option("--verdict", "verdicts", multiple=True, metavar="TYPE",
              help="inconsistent, stale, conflict or arithmetic; repeat for each (none: any).")
@click.option("--indicator", "indicators", multiple=True, metavar="ID",
              help="A catalogue indicator; repeat for each (none: any).")
@click.option("--source", "source_keys", multiple=True, metavar="ID|URL",
              help="A source; repeat for each (none: any).")
@click.option("--language", "languages", multiple=True, metavar="LANG",
              help="An article language (en, zh); repeat for each (none: any).")
@click.option("--digest", default="none", show_default=True, metavar="none|hourly|daily",
              help="Send at once, or gather into an hourly or daily digest.")
@click.option("--repeat-hours", type=int, default=0, show_default=True,
              help="Remind every this many hours while a finding stays open (0: never).")
@click.option("--by", "created_by", default="cli", show_default=True,
              help="Who adds it, for the record.")
def alert_rules_add(name: str, channel_keys: tuple[str, ...], min_severity: float,
                    verdicts: tuple[str, ...], indicators: tuple[str, ...],
                    source_keys: tuple[str, ...], languages: tuple[str, ...], digest: str,
                    repeat_hours: int, created_by: str) -> None:
    """Add a rule: findings matching every condition given go to its channels."""
    from store import alert_config, sources
    from store.db import session_scope

    settings = _settings()
    with session_scope(settings.db_url) as s:
        channel_ids = []
        for key in channel_keys:
            channel = alert_config.find_channel(s, key)
            if channel is None:
                known = ", ".join(c.name for c in alert_config.list_channels(s))
                _fail(f"no channel {key!r}; " + (f"the channels are: {known}" if known else
                      "there are none yet (add one at /admin/alerts/channels)"))
            assert channel is not None
            channel_ids.append(channel.id)
        try:
            rule = alert_config.add_rule(
                s, name=name, created_by=created_by, channel_ids=channel_ids,
                min_severity=min_severity, verdicts=verdicts, indicators=indicators,
                source_ids=_source_ids(s, source_keys), languages=languages, digest=digest,
                repeat_hours=repeat_hours, daily_hour=settings.alert_digest_hour)
        except alert_config.ConfigError as exc:
            _fail(str(exc))
            return
        names = {x.id: x.name for x in sources.list_sources(s)}
        click.echo(f"rule added:\n{_rule_line(rule, names)}")


@alert_rules.command("remove")
@click.argument("rule")
def alert_rules_remove(rule: str) -> None:
    """Delete a rule (by id or name); what it had queued and not sent yet is still sent."""
    from store import alert_config
    from store.db import session_scope

    with session_scope(_settings().db_url) as s:
        found = alert_config.find_rule(s, rule)
        if found is None:
            _fail(f"no rule {rule!r} (claimwatch alerts rules list)")
        assert found is not None
        name, rule_id = found.name, found.id
        alert_config.delete_rule(s, rule_id)
    click.echo(f"rule {rule_id} ({name}) removed")


@alerts.group("silence")
def alert_silence() -> None:
    """Silences that hold alerts back (as at /admin/alerts/silences).

    What a silence matches waits until it ends, and goes then if still open."""


@alert_silence.command("list")
def alert_silence_list() -> None:
    """Silences in force, then the most recently ended."""
    from datetime import UTC, datetime

    from store import alert_config, sources
    from store.db import session_scope

    now = datetime.now(UTC)
    with session_scope(_settings().db_url) as s:
        names = {x.id: x.name for x in sources.list_sources(s)}
        rows = alert_config.list_silences(s, now)
        if not rows:
            click.echo("no silences")
        for row in rows:
            click.echo(_silence_line(row, names, now))


@alert_silence.command("add")
@click.option("--indicator", default=None, metavar="ID", help="Findings about this indicator.")
@click.option("--source", "source_key", default=None, metavar="ID|URL",
              help="Findings from this source.")
@click.option("--verdict", default=None, metavar="TYPE",
              help="inconsistent, stale, conflict or arithmetic.")
@click.option("--fingerprint", default=None, help="One problem (a finding page links to it).")
@click.option("--hours", type=float, default=None,
              help="Ends this many hours from now (at most 2160, 90 days).")
@click.option("--until", "until", default=None, metavar="YYYY-MM-DDTHH:MM",
              help="Ends at this time (UTC unless it gives its offset).")
@click.option("--comment", default="", help="Why, for the record.")
@click.option("--by", "created_by", default="cli", show_default=True,
              help="Who adds it, for the record.")
def alert_silence_add(indicator: str | None, source_key: str | None, verdict: str | None,
                      fingerprint: str | None, hours: float | None, until: str | None,
                      comment: str, created_by: str) -> None:
    """Silence what matches every condition given (at least one), until --hours or --until."""
    from datetime import UTC, datetime, timedelta

    from store import alert_config, sources
    from store.db import session_scope

    now = datetime.now(UTC)
    if (hours is None) == (until is None):
        _fail("give when the silence ends: --hours H or --until YYYY-MM-DDTHH:MM (one of them)")
    if hours is not None:
        ends = now + timedelta(hours=hours)
    else:
        try:
            ends = datetime.fromisoformat(str(until))
        except ValueError:
            _fail(f"--until must be YYYY-MM-DDTHH:MM (UTC), not {until!r}")
        ends = ends if ends.tzinfo else ends.replace(tzinfo=UTC)
    with session_scope(_settings().db_url) as s:
        source_ids = _source_ids(s, (source_key,) if source_key else ())
        try:
            row = alert_config.add_silence(
                s, created_by=created_by, expires_at=ends, indicator=indicator,
                source_id=source_ids[0] if source_ids else None, verdict=verdict,
                fingerprint=fingerprint, comment=comment, now=now)
        except alert_config.ConfigError as exc:
            _fail(str(exc))
            return
        names = {x.id: x.name for x in sources.list_sources(s)}
        click.echo(f"silence added:\n{_silence_line(row, names, now)}")


@alert_silence.command("remove")
@click.argument("silence_id", type=int)
def alert_silence_remove(silence_id: int) -> None:
    """End a silence now; it stays listed (who silenced what, and why), and what it held
    back is sent if still open."""
    from datetime import UTC, datetime

    from store import alert_config
    from store.db import session_scope

    with session_scope(_settings().db_url) as s:
        if not alert_config.end_silence(s, silence_id, datetime.now(UTC)):
            _fail(f"no silence {silence_id} (claimwatch alerts silence list)")
    click.echo(f"silence {silence_id} ended")


@main.command("export")
@click.option("--learning", "learning", type=click.Path(path_type=Path), required=True,
              help="Folder for one corpus YAML per article (or a .zip) of reviewers' catches.")
def export_cmd(learning: Path) -> None:
    """Reviewers' corrections and extraction-mistake dismissals, in the corpus format of
    `claimwatch eval` (see tests/corpus/README.md)."""
    from review.learning import write_learning
    from store.db import session_scope
    from store.review_queries import learning_articles

    with session_scope(_settings().db_url) as session:
        items = learning_articles(session)
        try:
            written = write_learning(items, learning)
        except (ValueError, OSError) as exc:
            _fail(str(exc))
            return
    click.echo(f"{len(items)} article(s) with a reviewer's catch written to {learning}"
               if items else "no corrections or extraction-mistake dismissals yet")
    for path in written if learning.suffix != ".zip" else []:
        click.echo(f"  {path}")


@main.command()
def status() -> None:
    """Queue lengths, workers alive, last run per source, failures."""
    from claimwatch.status import report

    for line in report(_settings()):
        click.echo(line)


@main.command("failures")
@click.option("--retry", "retry_id", type=int, default=None, help="Send a failed task again.")
def failures_cmd(retry_id: int | None) -> None:
    """Tasks that failed for good."""
    from store import failures
    from store.db import session_scope

    if retry_id is not None:
        from worker.retry import RetryRefused, retry_failure

        try:
            sent = retry_failure(_settings(), retry_id)
        except RetryRefused as exc:
            _fail(str(exc))
        click.echo(f"sent {sent.task}{tuple(sent.args)} again")
        return
    with session_scope(_settings().db_url) as s:
        rows = failures.open_failures(s)
        if not rows:
            click.echo("no failures")
        for r in rows:
            click.echo(f"{r.id:5} {r.created_at:%Y-%m-%d %H:%M} {r.task} {r.args} {r.error[:120]}")


if __name__ == "__main__":
    main()
