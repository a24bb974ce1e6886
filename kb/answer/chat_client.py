"""A minimal client for an OpenAI-compatible chat endpoint (standard library only).

``ChatClient(url, model, key, timeout).complete(messages) -> str`` POSTs to ``<url>/chat/completions``
and returns the reply text. Every way it can fail raises ``ChatError`` with a short reason
(timeout, connection refused, HTTP status, malformed JSON, empty reply), which the generative
answer records as its ``fallback_reason``.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from kb import settings
from kb.errors import LawKBError, SettingsError

MAX_REPLY_BYTES = 2 * 1024 * 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Never follow a redirect: it would re-send the question and the API key to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


class ChatError(LawKBError):
    """The chat endpoint could not give a usable reply (the answer falls back to extractive)."""

    exit_code = 7


@dataclass
class ChatClient:
    url: str
    model: str | None = None
    key: str | None = None
    timeout: float = 20.0
    temperature: float = 0.1
    max_tokens: int = 800

    @classmethod
    def from_settings(cls, overrides: dict | None = None) -> "ChatClient":
        url = settings.get("LLM_URL", overrides)
        if not url:
            raise SettingsError("LAWKB_LLM_URL is not set; generative answers need an OpenAI-compatible chat endpoint")
        if not str(url).startswith(("http://", "https://")):
            raise SettingsError(f"LAWKB_LLM_URL={url!r} must start with http:// or https://")
        timeout = float(settings.get("LLM_TIMEOUT", overrides))
        if timeout <= 0:
            raise SettingsError(f"LAWKB_LLM_TIMEOUT={timeout} must be more than 0 seconds")
        return cls(str(url), settings.get("LLM_MODEL", overrides), settings.get("LLM_KEY", overrides), timeout)

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else f"{base}/chat/completions"

    def complete(self, messages: list[dict]) -> str:
        """The reply text of the first choice; ChatError on any failure."""
        body = {"messages": messages, "temperature": self.temperature, "max_tokens": self.max_tokens,
                "stream": False}
        if self.model:
            body["model"] = self.model
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        request = urllib.request.Request(self.endpoint, data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                         headers=headers, method="POST")
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                raw = response.read(MAX_REPLY_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:
                raise ChatError(f"chat endpoint answered HTTP {exc.code} (redirect to "
                                f"{exc.headers.get('Location', '?')} not followed; set LAWKB_LLM_URL to the final URL)") from None
            raise ChatError(f"chat endpoint answered HTTP {exc.code} {exc.reason}") from None
        except (socket.timeout, TimeoutError):
            raise ChatError(f"chat endpoint timed out after {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise ChatError(f"chat endpoint timed out after {self.timeout:g} s") from None
            raise ChatError(f"cannot reach chat endpoint {self.endpoint}: {reason}") from None
        except (ConnectionError, OSError) as exc:
            raise ChatError(f"cannot reach chat endpoint {self.endpoint}: {exc}") from None
        if len(raw) > MAX_REPLY_BYTES:
            raise ChatError("chat endpoint reply is larger than 2 MiB")
        return parse_reply(raw)


def parse_reply(raw: bytes) -> str:
    """The message content of the first choice of a chat-completions response body."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ChatError("chat endpoint reply is not valid JSON") from None
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise ChatError("chat endpoint reply has no choices[0].message.content") from None
    if not isinstance(content, str) or not content.strip():
        raise ChatError("chat endpoint gave an empty reply")
    return content.strip()
