"""Alert channels behind one small interface, and the message a finding makes.

A channel's `deliver` returns None on success or the error as text: a channel
that is down must not stop the others or the pipeline.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from claimwatch.settings import Settings
from store.models import Finding
from verifier.formatting import format_value

log = logging.getLogger("claimwatch.alerts")


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    link: str
    fingerprint: str


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

    def __init__(self, url: str) -> None:
        import apprise

        self.url = url
        self.name = _redact(url)
        self._apprise = apprise.Apprise()
        if not self._apprise.add(url):
            raise ValueError(f"not an Apprise URL Apprise understands: {self.name}")

    def deliver(self, message: Message) -> str | None:
        try:
            ok = bool(self._apprise.notify(title=message.title, body=message.body))
        except Exception as exc:  # a channel's own failure must not escape
            return f"{type(exc).__name__}: {exc}"
        return None if ok else f"{self.name} did not accept the message"


def _redact(url: str) -> str:
    """Channel names are stored and shown: keep the scheme and host, hide credentials."""
    scheme, _, rest = url.partition("://")
    host = rest.split("@")[-1].split("/")[0].split("?")[0]
    return f"{scheme}://{host}"


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


def compose_group(group: list[Finding], public_url: str) -> Message:
    """One message for the findings that arrived together: the grouping keeps a burst of
    news from becoming a burst of alerts."""
    if len(group) == 1:
        return compose(group[0], public_url)
    parts = [compose(f, public_url) for f in group]
    kinds = sorted({(f.verdict if f.type == "verdict" else f.type) or "" for f in group})
    title = f"[claimwatch] {len(group)} findings: {', '.join(kinds)}"
    body = "\n\n".join(f"{n}. {p.title.removeprefix('[claimwatch] ')}\n{p.body}"
                        for n, p in enumerate(parts, start=1))
    return Message(title=title, body=body, link=f"{public_url.rstrip('/')}/",
                   fingerprint="+".join(p.fingerprint for p in parts))


def compose(finding: Finding, public_url: str) -> Message:
    """The evidence a person needs to act without opening anything else."""
    link = f"{public_url.rstrip('/')}/findings/{finding.id}"
    kind = finding.verdict if finding.type == "verdict" else finding.type
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
    return Message(title=title, body="\n".join(lines), link=link, fingerprint=finding.fingerprint)
