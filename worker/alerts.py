"""Alert channels behind one small interface, and the message a finding makes.

A channel's `deliver` returns None on success or the error as text: a channel
that is down must not stop the others or the pipeline.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from claimwatch.settings import Settings
from store.clock import as_utc
from store.models import AlertRule, AlertSilence, Finding
from verifier.formatting import format_value

log = logging.getLogger("claimwatch.alerts")


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    link: str
    fingerprint: str
    kind: str = "alert"  # alert | repeat | resolved | health | recovered | group | digest
    label: str = ""  # what a grouped title lists: the verdict, "reminder", "resolved", …


class AlertChannel(Protocol):
    name: str

    def deliver(self, message: Message) -> str | None: ...


class LogFileChannel:
    """The default channel: one JSON line per alert in var/alerts.log."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = f"file://{path}"

    def deliver(self, message: Message) -> str | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            line = json.dumps({"time": datetime.now(UTC).isoformat(), "title": message.title,
                               "body": message.body, "link": message.link,
                               "fingerprint": message.fingerprint}, ensure_ascii=False)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
            return None
        except OSError as exc:
            return str(exc)


class AppriseChannel:
    """Any Apprise URL: mailto://, slack://, tgram://, json://, ntfy://, dingtalk:// …"""

    def __init__(self, url: str, name: str | None = None) -> None:
        import apprise

        self.url = url
        self.name = name or channel_name(url)
        self._apprise = apprise.Apprise()
        self._text = apprise.NotifyFormat.TEXT
        if not self._apprise.add(url):
            raise ValueError(f"not an Apprise URL Apprise understands: {self.name}")

    def deliver(self, message: Message) -> str | None:
        try:
            # our bodies are plain text: said so, mail keeps its lines (Apprise otherwise reads
            # the body as HTML, and the text part of an email comes out as one long line)
            ok = bool(self._apprise.notify(title=message.title, body=message.body,
                                           body_format=self._text))
        except Exception as exc:  # a channel's own failure must not escape
            return f"{type(exc).__name__}: {exc}"
        return None if ok else f"{self.name} did not accept the message"


class UnusableChannel:
    """A configured channel that cannot be built (its stored URL does not open under the
    secret key): every delivery fails with the reason, so its items wait for a retry and the
    admin sees why beside them, and the other channels go on."""

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason

    def deliver(self, message: Message) -> str | None:
        return self.reason


def mask_url(url: str) -> str:
    """An Apprise URL as it may be shown: the scheme and a host name, never credentials. Many
    services keep their token where a host would be (tgram://TOKEN/…, slack://T…/B…/…), so
    only something that looks like a host name is kept."""
    scheme, _, rest = url.strip().partition("://")
    host = rest.split("@")[-1].split("/")[0].split("?")[0]
    looks_like_host = host == "localhost" or "." in host or ":" in host
    return f"{scheme}://{host}" if looks_like_host else f"{scheme}://•••"


def channel_name(url: str) -> str:
    """Channel names are stored and shown: keep the scheme and host, hide credentials. A masked
    name gets a short digest, so two token-only URLs (two Slack channels) stay apart."""
    shown = mask_url(url)
    if shown.endswith("•••"):
        return f"{shown}#{hashlib.sha256(url.encode()).hexdigest()[:8]}"
    return shown


def channels_from_settings(settings: Settings) -> list[AlertChannel]:
    channels: list[AlertChannel] = []
    for url in settings.alert_targets:
        try:
            channels.append(AppriseChannel(url))
        except ValueError as exc:
            log.error("%s", exc)
    if not channels:
        channels.append(LogFileChannel(settings.alert_log))
    return channels


@dataclass(frozen=True)
class Facts:
    """What rules and silences look at, for a finding or a source-health item."""

    fingerprint: str
    kind: str  # inconsistent | stale | conflict | arithmetic | health
    severity: float = 0.0
    indicator: str | None = None
    source_ids: frozenset[int] = frozenset()
    languages: frozenset[str] = frozenset()


def facts_of(finding: Finding) -> Facts:
    articles = [c.article for c in finding.claims]
    return Facts(fingerprint=finding.fingerprint, kind=_kind(finding), severity=finding.severity,
                 indicator=finding.indicator,
                 source_ids=frozenset(a.source_id for a in articles if a.source_id is not None),
                 languages=frozenset((a.language or "").lower() for a in articles if a.language))


def rule_matches(rule: AlertRule, facts: Facts) -> bool:
    """Every condition a rule sets must hold; an empty list means any."""
    return (facts.severity >= rule.min_severity
            and (not rule.verdicts or facts.kind in rule.verdicts)
            and (not rule.indicators or facts.indicator in rule.indicators)
            and (not rule.source_ids or bool(facts.source_ids & set(rule.source_ids)))
            and (not rule.languages or bool(facts.languages & set(rule.languages))))


def silence_matches(silence: AlertSilence, facts: Facts) -> bool:
    """A silence holds what matches every field it sets (it sets at least one)."""
    return ((silence.indicator is None or silence.indicator == facts.indicator)
            and (silence.source_id is None or silence.source_id in facts.source_ids)
            and (silence.verdict is None or silence.verdict == facts.kind)
            and (silence.fingerprint is None or silence.fingerprint == facts.fingerprint))


def compose_group(parts: list[Message], public_url: str) -> Message:
    """One message for what a channel has waiting: the grouping keeps a burst of news from
    becoming a burst of alerts."""
    if len(parts) == 1:
        return parts[0]
    labels = sorted({p.label for p in parts})
    noun = "findings" if all(p.kind == "alert" for p in parts) else "updates"
    return _bundle(f"[claimwatch] {len(parts)} {noun}: {', '.join(labels)}", parts,
                   public_url, kind="group", label=", ".join(labels))


def compose_digest(rule_name: str, period: str, parts: list[Message], public_url: str) -> Message:
    """An hourly or daily digest: what arrived since the last one, new before the rest."""
    order = {"alert": 0, "repeat": 1, "resolved": 2}
    parts = sorted(parts, key=lambda p: order.get(p.kind, 3))
    counts = {"new": sum(p.kind == "alert" for p in parts),
              "still open": sum(p.kind == "repeat" for p in parts),
              "resolved": sum(p.kind == "resolved" for p in parts)}
    summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    return _bundle(f"[claimwatch] {period} digest ({rule_name}): {summary}", parts,
                   public_url, kind="digest", label=period)


def _bundle(title: str, parts: list[Message], public_url: str, kind: str, label: str) -> Message:
    """Several messages as one: each numbered, title then body, linking to the queue."""
    body = "\n\n".join(f"{n}. {p.title.removeprefix('[claimwatch] ')}\n{p.body}"
                        for n, p in enumerate(parts, start=1))
    return Message(title=title, body=body, link=f"{public_url.rstrip('/')}/",
                   fingerprint="+".join(p.fingerprint for p in parts), kind=kind, label=label)


def _kind(finding: Finding) -> str:
    return (finding.verdict if finding.type == "verdict" else finding.type) or "finding"


def compose_reminder(finding: Finding, public_url: str, now: datetime) -> Message:
    """The same evidence again, for a finding nobody has reviewed yet."""
    first = compose(finding, public_url)
    hours = max(0, round((now - as_utc(finding.created_at)).total_seconds() / 3600))
    title = first.title.replace("[claimwatch] ", f"[claimwatch] still open after {hours} h: ", 1)
    return Message(title=title, body=first.body, link=first.link, fingerprint=first.fingerprint,
                   kind="repeat", label="reminder")


def compose_resolved(finding: Finding, public_url: str) -> Message:
    """A reviewer closed a finding that was announced: say so where it was announced."""
    link = f"{public_url.rstrip('/')}/findings/{finding.id}"
    decision = finding.status + (f" ({finding.dismiss_reason})" if finding.dismiss_reason else "")
    title = (f"[claimwatch] resolved, {decision}: {_kind(finding)} "
             f"{finding.indicator or 'claim'} {finding.period or ''}").strip()
    body = "\n".join([finding.summary, "", f"Decision: {decision}", f"Review: {link}"])
    return Message(title=title, body=body, link=link, fingerprint=finding.fingerprint,
                   kind="resolved", label="resolved")


def compose_health(source_name: str, status: str, reason: str, source_id: int,
                   public_url: str) -> Message:
    """A source failing or silent for too long, or back to normal ("recovered")."""
    recovered = status == "ok"
    title = (f"[claimwatch] source recovered: {source_name}" if recovered
             else f"[claimwatch] source {status}: {source_name}")
    body = "\n".join([f"Source {source_id} ({source_name}): {reason}", "",
                      "Check it with: claimwatch sources list; claimwatch sources test URL"])
    return Message(title=title, body=body, link=f"{public_url.rstrip('/')}/",
                   fingerprint=f"source:{source_id}", kind="recovered" if recovered else "health",
                   label="source recovered" if recovered else f"source {status}")


def compose(finding: Finding, public_url: str) -> Message:
    """The evidence a person needs to act without opening anything else."""
    link = f"{public_url.rstrip('/')}/findings/{finding.id}"
    kind = _kind(finding)
    title = f"[claimwatch] {kind}: {finding.indicator or 'claim'} {finding.period or ''}".strip()
    lines = [finding.summary, ""]
    for claim in finding.claims:
        article = claim.article
        lines.append(f"- \"{claim.sentence.strip()}\"")
        lines.append(f"  claimed: {claim.text} = {format_value(claim.value, claim.unit)}"
                     f" ({claim.period or 'no period'})")
        ref = claim.reference
        if ref:
            lines.append(f"  reference: {format_value(ref['value'], claim.unit)} for {ref['period']}"
                         f", {ref['publisher']} {ref['source_url']}")
        if claim.deviation is not None:
            lines.append(f"  deviation: {claim.deviation:+.1%}")
        lines.append(f"  source: {article.publisher} {article.url}")
    lines += ["", f"Review: {link}"]
    return Message(title=title, body="\n".join(lines), link=link, fingerprint=finding.fingerprint,
                   kind="alert", label=kind)
