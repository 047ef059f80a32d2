#!/usr/bin/env python3
"""A stand-in carbon API over HTTPS for the deploy check: answers every GET with the
ElectricityMaps `latest` fixture, on 127.0.0.1:PORT, with the given certificate.

    tls_standin.py PORT CERT KEY BODY_FILE      (runs until killed)
"""
import http.server
import ssl
import sys

port, cert, key, body_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
with open(body_file, "rb") as f:
    body = f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


server = http.server.HTTPServer(("127.0.0.1", port), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
