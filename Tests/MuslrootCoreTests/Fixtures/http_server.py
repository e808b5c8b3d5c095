"""An HTTP server on 127.0.0.1 for the libcurl tests: over TLS with the certificate and key
given, or plain with "plain" "-"; prints its port on the first line, answers each GET with
the same text (gzip-encoded when the client accepts gzip), and stops after the number of
requests given (or after 120 s without one)."""
import gzip
import http.server
import ssl
import sys

cert, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
BODY = b"static and verified " * 400


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body, encoding = BODY, None
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = gzip.compress(BODY), "gzip"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
server.timeout = 120
if cert != "plain":
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
for _ in range(count):
    server.handle_request()
