"""Alert channel URLs at rest. An Apprise URL carries the channel's token or password, so the
database holds it encrypted: Fernet (AES-128-CBC with an HMAC-SHA256 tag, so a token that was
tampered with or sealed under another key is refused rather than read as garbage), under a key
derived with HKDF from the settings' secret key (Settings.session_secret). The derivation
gives this use its own key: the session cookies' signing key is never the same bytes.

Change the secret key and every stored URL becomes unreadable: SecretKeyChanged says so, and
an admin enters the URL again (/admin/alerts/channels)."""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Changing either gives another key, which makes every stored URL unreadable
_SALT = b"claimwatch"
_PURPOSE = b"claimwatch alert channel URL v1"


class SecretKeyChanged(ValueError):
    """A sealed URL does not open under the current secret key."""


@lru_cache(maxsize=8)
def _fernet(secret: str) -> Fernet:
    if not secret:
        raise ValueError("no secret key to seal alert channel URLs with")
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT,
               info=_PURPOSE).derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal_url(url: str, secret: str) -> str:
    """The URL encrypted under the secret key, as text for a column."""
    return _fernet(secret).encrypt(url.encode()).decode("ascii")


def open_url(sealed: str, secret: str) -> str:
    """The URL back; SecretKeyChanged when it was sealed under another key (or altered)."""
    try:
        return _fernet(secret).decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as exc:
        raise SecretKeyChanged("sealed under another secret key") from exc
