"""A small OpenID Connect provider for the sign-in tests, on 127.0.0.1.

It serves what Streamlit's ``st.login`` (Authlib underneath) uses of a real provider: the
discovery document, the signing keys (JWKS), an authorization page (a form asking for the e-mail
to sign in as: the test types one, as a user would at their provider), the token endpoint (an
RS256 id_token signed with a key generated at start, carrying the nonce Authlib sent), userinfo
and an end-session endpoint. Codes are single use and bound to the client and redirect URI, and
the token endpoint checks the client's secret, so a broken flow on the app's side fails here as
it would at a real provider.
"""

from __future__ import annotations

import base64
import html
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "signals-desk-test"
CLIENT_SECRET = "not-a-real-secret-" + "x" * 16


@dataclass
class Grant:
    """What an authorization code stands for, until the token endpoint redeems it."""

    email: str
    nonce: str | None
    client_id: str
    redirect_uri: str


@dataclass
class Provider:
    """The provider's state; ``start()`` serves it on a free port and returns its issuer URL."""

    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, auto_kid=True))
    codes: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, dict] = field(default_factory=dict)  # access token -> its claims
    signed_in: list[str] = field(default_factory=list)  # every e-mail a code was issued for
    issuer: str = ""
    _server: ThreadingHTTPServer | None = None

    def start(self) -> str:
        provider = self

        class Handler(ProviderHandler):
            state = provider

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.issuer

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "claims_supported": ["sub", "email", "email_verified", "name"],
        }

    def jwks(self) -> dict:
        return {"keys": [self.key.as_dict(private=False, use="sig", alg="RS256")]}

    def claims(self, email: str) -> dict:
        return {
            "sub": "user-" + email.lower(),
            "email": email,
            "email_verified": True,
            "name": email.split("@")[0].title(),
        }

    def issue_code(self, grant: Grant) -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = grant
        self.signed_in.append(grant.email)
        return code

    def redeem(self, code: str, client_id: str, redirect_uri: str) -> dict | None:
        """The token response for a code, once; None for an unknown, reused or mismatched one."""
        grant = self.codes.pop(code, None)
        if grant is None or grant.client_id != client_id or grant.redirect_uri != redirect_uri:
            return None
        now = int(time.time())
        claims = self.claims(grant.email)
        id_claims = {**claims, "iss": self.issuer, "aud": client_id, "iat": now, "exp": now + 600}
        if grant.nonce:
            id_claims["nonce"] = grant.nonce
        header = {"alg": "RS256", "kid": self.key.kid}
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = claims
        return {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 600,
            "scope": "openid email profile",
            "id_token": jwt.encode(header, id_claims, self.key),
        }


class ProviderHandler(BaseHTTPRequestHandler):
    state: Provider  # set on the subclass made by Provider.start

    def log_message(self, format, *args):  # the test output stays readable
        pass

    # --- GET: discovery, keys, the sign-in form, userinfo, logout ---

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/.well-known/openid-configuration":
            self.send_json(self.state.metadata())
        elif url.path == "/jwks":
            self.send_json(self.state.jwks())
        elif url.path == "/authorize":
            self.authorize_form(query)
        elif url.path == "/userinfo":
            self.userinfo()
        elif url.path == "/logout" and query.get("post_logout_redirect_uri"):
            self.redirect(query["post_logout_redirect_uri"])
        elif url.path == "/logout":
            self.send_text(200, "Signed out.")
        else:
            self.send_text(404, "Not found")

    def authorize_form(self, query: dict) -> None:
        if query.get("client_id") != self.state.client_id or query.get("response_type") != "code":
            self.send_text(400, "unknown client or unsupported response_type")
            return
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(query.get(name, ""))}">'
            for name in ("client_id", "redirect_uri", "state", "nonce")
        )
        page = (
            "<!doctype html><title>Test provider: sign in</title><h1>Test provider</h1>"
            f'<form method="post" action="/authorize">{hidden}'
            '<label>E-mail <input name="email" type="email" required></label>'
            '<button type="submit">Continue</button></form>'
        )
        self.send_body(200, "text/html; charset=utf-8", page.encode())

    def userinfo(self) -> None:
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        claims = self.state.tokens.get(token) if scheme.lower() == "bearer" else None
        if claims is None:
            self.send_text(401, "invalid token")
        else:
            self.send_json(claims)

    # --- POST: the form's answer, the token endpoint ---

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        path = urllib.parse.urlsplit(self.path).path
        if path == "/authorize":
            self.authorize(form)
        elif path == "/token":
            self.token(form)
        else:
            self.send_text(404, "Not found")

    def authorize(self, form: dict) -> None:
        if form.get("client_id") != self.state.client_id or not form.get("email"):
            self.send_text(400, "unknown client or no e-mail")
            return
        grant = Grant(form["email"], form.get("nonce"), form["client_id"], form["redirect_uri"])
        code = self.state.issue_code(grant)
        params = urllib.parse.urlencode({"code": code, "state": form.get("state", "")})
        self.redirect(f"{form['redirect_uri']}?{params}")

    def token(self, form: dict) -> None:
        client_id, client_secret = self.client_credentials(form)
        if (client_id, client_secret) != (self.state.client_id, self.state.client_secret):
            self.send_json({"error": "invalid_client"}, 401)
            return
        if form.get("grant_type") != "authorization_code":
            self.send_json({"error": "unsupported_grant_type"}, 400)
            return
        response = self.state.redeem(form.get("code", ""), client_id, form.get("redirect_uri", ""))
        if response is None:
            self.send_json({"error": "invalid_grant"}, 400)
        else:
            self.send_json(response)

    def client_credentials(self, form: dict) -> tuple[str | None, str | None]:
        """client_secret_basic (Authlib's default) or client_secret_post."""
        scheme, _, value = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "basic":
            user, _, password = base64.b64decode(value).decode().partition(":")
            return urllib.parse.unquote(user), urllib.parse.unquote(password)
        return form.get("client_id"), form.get("client_secret")

    # --- responses ---

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_json(self, payload: dict, status: int = 200) -> None:
        self.send_body(status, "application/json", json.dumps(payload).encode())

    def send_text(self, status: int, text: str) -> None:
        self.send_body(status, "text/plain; charset=utf-8", text.encode())

    def send_body(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def secrets_toml(provider: Provider, editors: list[str], cookie_secret: str | None = None) -> str:
    """A ``.streamlit/secrets.toml`` for the dashboard signing in at ``provider``; the redirect
    URI's ``{port}`` is filled in by Streamlit with the port it serves on."""
    cookie_secret = cookie_secret or secrets.token_hex(32)
    return (
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        f'client_id = "{provider.client_id}"\n'
        f'client_secret = "{provider.client_secret}"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n'
        "\n[signals]\n"
        f"editors = {json.dumps(editors)}\n"
    )
