#!/usr/bin/env python3
"""A registry front with token authentication, as Docker Hub, GHCR or Harbor have it.

Usage: token_proxy.py REGISTRY_PORT USER:PASSWORD. Listens on 127.0.0.1 on a free port it
prints on the first line of stdout, and forwards every /v2/ request to the registry on
127.0.0.1:REGISTRY_PORT if it carries a good `Authorization: Bearer` token; otherwise it
answers 401 with a `WWW-Authenticate: Bearer realm=...,service=...,scope=...` challenge.
GET /token gives a pull token to anyone (anonymous pull from a public repository) and a
push token only with the credentials given (HTTP Basic). Stops after 120 s without a request.
"""
import base64
import http.client
import http.server
import sys
import urllib.parse

REGISTRY_PORT, CREDENTIALS = int(sys.argv[1]), sys.argv[2]
TOKENS = {"pull-token": "pull", "push-token": "pull,push"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def token(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        scope = query.get("scope", [""])[0]
        if scope.endswith("push"):
            given = self.headers.get("Authorization", "")
            expected = "Basic " + base64.b64encode(CREDENTIALS.encode()).decode()
            if given != expected:
                return self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}')
            return self.reply(200, b'{"token":"push-token"}')
        return self.reply(200, b'{"access_token":"pull-token"}')

    def forward(self):
        if self.path.startswith("/token"):
            return self.token()
        writing = self.command not in ("GET", "HEAD")
        parts = self.path.split("/")
        name = "/".join(parts[2:-2]) if len(parts) > 4 else ""
        auth = self.headers.get("Authorization", "")
        granted = TOKENS.get(auth[len("Bearer "):], "") if auth.startswith("Bearer ") else ""
        if not granted or (writing and "push" not in granted):
            port = self.server.server_address[1]
            scope = f"repository:{name}:{'pull,push' if writing else 'pull'}"
            challenge = f'Bearer realm="http://127.0.0.1:{port}/token",service="test-registry",scope="{scope}"'
            length = int(self.headers.get("Content-Length", "0") or 0)
            if length:
                self.rfile.read(length)
            return self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}', [("WWW-Authenticate", challenge)])
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else None
        connection = http.client.HTTPConnection("127.0.0.1", REGISTRY_PORT)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("authorization", "expect")}
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        passed = [(k, v) for k, v in response.getheaders() if k.lower() not in ("content-length", "connection", "transfer-encoding")]
        self.reply(response.status, data, passed)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = forward


class Server(http.server.ThreadingHTTPServer):
    timeout = 120

    def handle_timeout(self):
        sys.exit(0)


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
while True:
    server.handle_request()
