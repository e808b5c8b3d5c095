#!/usr/bin/env python3
"""An HTTP server for the download tests, with faults chosen by the path.

Usage: fault_server.py ROOT LOG. Serves the files of ROOT on 127.0.0.1, on a free port it
prints on the first line of stdout, and appends "GET PATH RANGE" to LOG for each request.

    /ok/FILE               the file (Range requests honoured: 206); FILE may be DIR/FILE
    /404/FILE              404
    /flaky-500/KEY/FILE    500 the first time for KEY, then the file
    /cut/KEY/FILE          the first time for KEY: headers for the whole file, half of it, then
                           the connection is cut; then the file (with Range)
    /norange/FILE          the file, ignoring Range (200 every time)
    /stall/FILE            headers, a few bytes, then nothing for 30 seconds
    /redirect/FILE         302 to /ok/FILE
"""
import http.server
import os
import sys
import threading
import time

ROOT, LOG = sys.argv[1], sys.argv[2]
seen = set()
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with lock, open(LOG, "a") as log:
            log.write(f"GET {self.path} {self.headers.get('Range', '-')}\n")
        parts = self.path.split("/")[1:]
        kind = parts[0]
        if kind == "404":
            return self.reply(404, b"not found\n")
        if kind == "redirect":
            self.send_response(302)
            self.send_header("Location", "/ok/" + "/".join(parts[1:]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        first = False
        if kind in ("flaky-500", "cut"):
            key = kind + "/" + parts[1]
            with lock:
                first = key not in seen
                seen.add(key)
            parts = parts[1:]
        if ".." in parts[1:]:
            return self.reply(404, b"no such file\n")
        path = os.path.join(ROOT, *parts[1:])
        if not os.path.isfile(path):
            return self.reply(404, b"no such file\n")
        data = open(path, "rb").read()
        if kind == "flaky-500" and first:
            return self.reply(500, b"try again\n")
        if kind == "stall":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[:10])
            self.wfile.flush()
            time.sleep(30)
            return
        if kind == "cut" and first:
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        start = 0
        rng = self.headers.get("Range")
        if rng and kind != "norange" and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
            if start >= len(data):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
