"""Admin pages for alerts: channels (add, test-send, delete), rules and silences.

Channel URLs carry credentials: they are only ever shown masked, and an error about one names
the channel, never its URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from review.deps import CurrentUser, checked_form_lists, db_url, require_admin
from review.pages import flash, redirect, render
from store import alert_config
from store import alerts as alert_store
from store.clock import as_utc
from store.db import Session, session_scope
from store.sources import list_sources
from worker.alerts import AppriseChannel, Message, channel_name, mask_url

Admin = Annotated[CurrentUser, Depends(require_admin)]

router = APIRouter(prefix="/admin/alerts", default_response_class=HTMLResponse,
                   include_in_schema=False)

MAX_SILENCE_HOURS = alert_config.MAX_SILENCE_HOURS


Form = Annotated[dict[str, list[str]], Depends(checked_form_lists)]


def _text(form: dict[str, list[str]], key: str) -> str:
    """A field's value, stripped; the last one when it was sent more than once."""
    values = form.get(key)
    return values[-1].strip() if values else ""


def _words(form: dict[str, list[str]], key: str) -> list[str]:
    """A comma- or space-separated list typed into one field."""
    return [w for w in _text(form, key).replace(",", " ").split() if w]


def _ints(form: dict[str, list[str]], key: str) -> list[int]:
    """Every ticked box of a repeated field, as ids."""
    values = [v for v in form.get(key, []) if v.strip()]
    try:
        return [int(v) for v in values]
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=f"{key}: not a number") from exc


def _number(form: dict[str, list[str]], key: str, default: float, kind: type[Any] = float) -> Any:
    raw = _text(form, key)
    if not raw:
        return kind(default)
    try:
        return kind(raw)
    except ValueError as exc:
        raise HTTPException(status_code=400,
                            detail=f"{key.replace('_', ' ')}: {raw!r} is not a number") from exc


def _change_or_404(request: Request, change: Callable[[Session], bool], what: str,
                   page: str) -> Response:
    """Run one change to a channel, rule or silence (`change` says whether `what` was there),
    then send the admin back to its page; a 404 when it was not there."""
    with session_scope(db_url(request)) as s:
        if not change(s):
            raise HTTPException(status_code=404, detail=f"There is no {what}.")
    return redirect(page)


_URL_PARTS = re.compile(r"[:@/?&=#;,]")


def _looks_secret(piece: str) -> bool:
    """A token, key or id in a URL's path or query: long, or mixing letters and digits
    (plain words such as "hook" or "ops-team" stay readable)."""
    return len(piece) >= 12 or (len(piece) >= 6 and any(ch.isdigit() for ch in piece))


def _secrets(url: str) -> set[str]:
    rest = url.strip().partition("://")[2]
    authority, _, tail = rest.partition("/")
    credentials, _, host = authority.rpartition("@")
    found = {p for p in credentials.split(":") if p}  # user and password, whatever they are
    tokens_only = mask_url(url).endswith("•••")  # a token where a host would be: slack://T…/B…
    if tokens_only:
        found |= {p for p in _URL_PARTS.split(host) if p}
    found |= {p for p in _URL_PARTS.split(tail) if p and (tokens_only or _looks_secret(p))}
    return found


def redact(text: str, urls: list[str]) -> str:
    """An error text without these channel URLs' credentials (user, password, and what looks
    like a token or key in the path or query): a library's error often quotes the URL it was
    sending to, and the page must not show it back. A whole URL becomes its masked form."""
    for url in urls:
        if not url.strip():
            continue
        text = text.replace(url, mask_url(url))
        for piece in sorted(_secrets(url), key=len, reverse=True):
            text = text.replace(piece, "•••")
    return text


def _secret(request: Request) -> str:
    return str(request.app.state.settings.session_secret())


def _channel_urls(request: Request, session: Any) -> list[str]:
    """Every URL an error may quote, to redact: the channels' (those that open) and the
    settings'."""
    settings, secret = request.app.state.settings, _secret(request)
    urls = []
    for c in alert_config.list_channels(session):
        try:
            urls.append(alert_config.channel_url(c, secret))
        except alert_config.ChannelKeyError:
            continue  # nothing of it can be quoted: no sender could open it either
    return urls + list(settings.alert_targets)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _open(row: Any, secret: str) -> tuple[str, str]:
    """(the channel's URL, "") or ("", why it cannot be read: it must be entered again)."""
    try:
        return alert_config.channel_url(row, secret), ""
    except alert_config.ChannelKeyError as exc:
        return "", str(exc)


@dataclass(frozen=True)
class Notice:
    text: str
    ok: bool


# --- channels -----------------------------------------------------------------------------------

def _channels_page(request: Request, user: CurrentUser, notice: Notice | None = None,
                   status_code: int = 200, form: dict[str, Any] | None = None) -> Response:
    settings, secret = request.app.state.settings, _secret(request)
    with session_scope(db_url(request)) as s:
        channels = []
        for c in alert_config.list_channels(s):
            url, locked = _open(c, secret)
            channels.append({"id": c.id, "name": c.name, "url": mask_url(url) if url else "",
                             "locked": _sentence(locked) if locked else "",
                             "health": c.health, "created_by": c.created_by,
                             "created_at": c.created_at, "key": alert_config.channel_key(c.id)})
        names = {c["key"]: c["name"] for c in channels}
        urls = _channel_urls(request, s)
        deliveries = [{"channel": names.get(d.channel, d.channel), "kind": d.kind,
                       "status": d.status, "attempts": d.attempts,
                       "error": redact(d.error or "", urls),
                       "finding_id": d.finding_id, "sent_at": d.sent_at,
                       "created_at": d.created_at}
                      for d in alert_store.list_deliveries(s, limit=30)]
    fixed = [channel_name(u) for u in settings.alert_targets] or ["var/alerts.log (the default)"]
    return render(request, "alert_channels.html", {
        "user": user, "channels": channels, "settings_channels": fixed,
        "deliveries": deliveries, "notice": notice,
        "form": form or {"name": "", "health": False}, "section": "channels"},
        status_code=status_code)


@router.get("")
def alerts_home(user: Admin) -> Response:
    return redirect("/admin/alerts/channels")


@router.get("/channels")
def channels_page(request: Request, user: Admin) -> Response:
    return _channels_page(request, user)


@router.post("/channels")
def add_channel(request: Request, user: Admin, form: Form) -> Response:
    name, url, health = _text(form, "name"), _text(form, "url"), bool(_text(form, "health"))
    kept = {"name": name, "health": health}  # never the URL: it is not echoed back
    if not url:
        return _channels_page(request, user, Notice("An Apprise URL is needed.", False), 400, kept)
    try:
        AppriseChannel(url, name=name or "new channel")
    except ValueError:
        return _channels_page(request, user, Notice(
            f"Apprise does not understand the URL given for {name or 'the new channel'} "
            "(check its scheme, e.g. mailto://, json://, slack://).", False), 400, kept)
    try:
        with session_scope(db_url(request)) as s:
            alert_config.add_channel(s, name=name, url=url, created_by=user.name, health=health,
                                     secret=_secret(request))
    except alert_config.ConfigError as exc:
        return _channels_page(request, user, Notice(str(exc).capitalize() + ".", False), 400, kept)
    return redirect("/admin/alerts/channels")


@router.post("/channels/{channel_id}/test")
def test_channel(request: Request, channel_id: int, user: Admin, _form: Form) -> Response:
    with session_scope(db_url(request)) as s:
        row = alert_config.get_channel(s, channel_id)
        if row is None:
            raise HTTPException(status_code=404, detail=f"There is no channel {channel_id}.")
        name = row.name
        url, locked = _open(row, _secret(request))
    if locked:
        return _channels_page(request, user, Notice(_sentence(locked), False), 409)
    settings = request.app.state.settings
    try:
        channel = AppriseChannel(url, name=name)
    except ValueError:
        return _channels_page(request, user, Notice(
            f"Apprise does not understand the URL of {name}.", False), 400)
    error = channel.deliver(Message(
        "[claimwatch] test", f"A test message from claimwatch, sent by {user.name}.",
        settings.base_url, "test", kind="test", label="test"))
    if error:
        return _channels_page(request, user, Notice(f"{name}: not sent: {redact(error, [url])}",
                                                    False), 502)
    # sent: redirect, so reloading the page does not send another (POST-redirect-GET)
    flash(request, f"Test message sent to {name}.")
    return redirect("/admin/alerts/channels")


@router.post("/channels/{channel_id}/url")
def replace_channel_url(request: Request, channel_id: int, user: Admin, form: Form) -> Response:
    """Enter a channel's URL again: after the secret key changed, or its token was rotated.
    Its rules and the deliveries waiting for it stay."""
    url = _text(form, "url")
    with session_scope(db_url(request)) as s:
        row = alert_config.get_channel(s, channel_id)
        if row is None:
            raise HTTPException(status_code=404, detail=f"There is no channel {channel_id}.")
        name = row.name
    if not url:
        return _channels_page(request, user, Notice(f"An Apprise URL is needed for {name}.",
                                                    False), 400)
    try:
        AppriseChannel(url, name=name)
    except ValueError:
        return _channels_page(request, user, Notice(
            f"Apprise does not understand the URL given for {name} "
            "(check its scheme, e.g. mailto://, json://, slack://).", False), 400)
    with session_scope(db_url(request)) as s:
        if not alert_config.set_channel_url(s, channel_id, url, _secret(request)):
            raise HTTPException(status_code=404, detail=f"There is no channel {channel_id}.")
    flash(request, f"The URL of {name} is replaced.")
    return redirect("/admin/alerts/channels")


@router.post("/channels/{channel_id}/delete")
def delete_channel(request: Request, channel_id: int, user: Admin, _form: Form) -> Response:
    return _change_or_404(request, lambda s: alert_config.delete_channel(s, channel_id),
                          f"channel {channel_id}", "/admin/alerts/channels")


# --- rules --------------------------------------------------------------------------------------

def _rules_page(request: Request, user: Admin, notice: Notice | None = None,
                status_code: int = 200) -> Response:
    with session_scope(db_url(request)) as s:
        source_names = {x.id: x.name for x in list_sources(s)}
        rules = [{"id": r.id, "name": r.name, "enabled": r.enabled,
                  "min_severity": r.min_severity, "verdicts": r.verdicts,
                  "indicators": r.indicators,
                  "sources": [source_names.get(i, f"#{i}") for i in r.source_ids],
                  "languages": r.languages, "digest": r.digest, "repeat_hours": r.repeat_hours,
                  "channels": [c.name for c in r.channels], "next_digest_at": r.next_digest_at}
                 for r in alert_config.list_rules(s)]
        channels = [{"id": c.id, "name": c.name} for c in alert_config.list_channels(s)]
    return render(request, "alert_rules.html", {
        "user": user, "rules": rules, "channels": channels,
        "sources": sorted(source_names.items(), key=lambda kv: kv[1].lower()),
        "verdicts": alert_config.VERDICT_TYPES, "digests": alert_config.DIGESTS,
        "notice": notice, "section": "rules"}, status_code=status_code)


@router.get("/rules")
def rules_page(request: Request, user: Admin) -> Response:
    return _rules_page(request, user)


@router.post("/rules")
def add_rule(request: Request, user: Admin, form: Form) -> Response:
    settings = request.app.state.settings
    try:
        with session_scope(db_url(request)) as s:
            alert_config.add_rule(
                s, name=_text(form, "name"), created_by=user.name,
                channel_ids=_ints(form, "channels"),
                min_severity=_number(form, "min_severity", 0.0),
                verdicts=form.get("verdicts", []),
                indicators=_words(form, "indicators"), source_ids=_ints(form, "sources"),
                languages=_words(form, "languages"), digest=_text(form, "digest") or "none",
                repeat_hours=_number(form, "repeat_hours", 0, int),
                daily_hour=settings.alert_digest_hour)
    except alert_config.ConfigError as exc:
        return _rules_page(request, user, Notice(str(exc).capitalize() + ".", False), 400)
    return redirect("/admin/alerts/rules")


@router.post("/rules/{rule_id}/enable")
def enable_rule(request: Request, rule_id: int, user: Admin, form: Form) -> Response:
    enabled = _text(form, "enabled") == "1"
    return _change_or_404(request, lambda s: alert_config.set_rule_enabled(s, rule_id, enabled),
                          f"rule {rule_id}", "/admin/alerts/rules")


@router.post("/rules/{rule_id}/delete")
def delete_rule(request: Request, rule_id: int, user: Admin, _form: Form) -> Response:
    return _change_or_404(request, lambda s: alert_config.delete_rule(s, rule_id),
                          f"rule {rule_id}", "/admin/alerts/rules")


# --- silences -----------------------------------------------------------------------------------

def _silences_page(request: Request, user: Admin, notice: Notice | None = None,
                   status_code: int = 200, fingerprint: str = "") -> Response:
    now = datetime.now(UTC)
    with session_scope(db_url(request)) as s:
        source_names = {x.id: x.name for x in list_sources(s)}
        silences = [{"id": x.id, "indicator": x.indicator or "",
                     "source": source_names.get(x.source_id, "") if x.source_id else "",
                     "verdict": x.verdict or "", "fingerprint": x.fingerprint or "",
                     "expires_at": x.expires_at, "created_by": x.created_by,
                     "comment": x.comment,
                     "active": as_utc(x.expires_at) > now}
                    for x in alert_config.list_silences(s, now)]
    return render(request, "alert_silences.html", {
        "user": user, "silences": silences,
        "sources": sorted(source_names.items(), key=lambda kv: kv[1].lower()),
        "verdicts": alert_config.VERDICT_TYPES, "notice": notice, "fingerprint": fingerprint,
        "section": "silences"}, status_code=status_code)


@router.get("/silences")
def silences_page(request: Request, user: Admin, fingerprint: str = "") -> Response:
    return _silences_page(request, user, fingerprint=fingerprint[:300])


@router.post("/silences")
def add_silence(request: Request, user: Admin, form: Form) -> Response:
    hours = _number(form, "hours", 24.0)
    if not 0 < hours <= MAX_SILENCE_HOURS:
        return _silences_page(request, user, Notice(
            f"A silence lasts more than 0 and at most {MAX_SILENCE_HOURS} hours.", False), 400)
    sources = _ints(form, "source")
    now = datetime.now(UTC)
    try:
        with session_scope(db_url(request)) as s:
            alert_config.add_silence(
                s, created_by=user.name, expires_at=now + timedelta(hours=hours),
                indicator=_text(form, "indicator"), source_id=sources[0] if sources else None,
                verdict=_text(form, "verdict"), fingerprint=_text(form, "fingerprint"),
                comment=_text(form, "comment"), now=now)
    except alert_config.ConfigError as exc:
        return _silences_page(request, user, Notice(str(exc).capitalize() + ".", False), 400)
    return redirect("/admin/alerts/silences")


@router.post("/silences/{silence_id}/end")
def end_silence(request: Request, silence_id: int, user: Admin, _form: Form) -> Response:
    now = datetime.now(UTC)
    return _change_or_404(request, lambda s: alert_config.end_silence(s, silence_id, now),
                          f"silence {silence_id}", "/admin/alerts/silences")
