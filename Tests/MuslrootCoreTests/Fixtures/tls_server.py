"""A TLS server on 127.0.0.1 for the CA-layout tests: serves the certificate and key given,
prints its port on the first line, greets each client with "hello", and stops after the
number of connections given (or after 120 s without one)."""
import socket
import ssl
import sys

cert, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
listener.settimeout(120)
print(listener.getsockname()[1], flush=True)
for _ in range(count):
    try:
        connection, _ = listener.accept()
    except socket.timeout:
        break
    try:
        with context.wrap_socket(connection, server_side=True) as tls:
            tls.sendall(b"hello")
    except (ssl.SSLError, OSError):
        pass  # a client that refused the certificate
