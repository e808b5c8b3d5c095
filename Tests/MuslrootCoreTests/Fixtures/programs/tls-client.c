/* A static TLS client: connects to 127.0.0.1:PORT, verifies the server's certificate for
 * "localhost" against the CA certificates OpenSSL finds by default (no environment variable
 * needed), and reads the server's greeting. Exit 0 only if the handshake verified. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: tls-client PORT\n"); return 2; }
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    if (!SSL_CTX_set_default_verify_paths(context)) { fprintf(stderr, "FAIL: default verify paths\n"); return 1; }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1]))};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) { perror("FAIL: connect"); return 1; }
    SSL *ssl = SSL_new(context);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    SSL_set1_host(ssl, "localhost");
    if (SSL_connect(ssl) != 1) {
        fprintf(stderr, "FAIL: handshake: %s (verify: %s)\n", ERR_reason_error_string(ERR_peek_last_error()),
                X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
        return 1;
    }
    char greeting[64] = "";
    int n = SSL_read(ssl, greeting, sizeof greeting - 1);
    greeting[n > 0 ? n : 0] = 0;
    printf("tls ok: verified localhost, server said \"%s\", CA file %s\n", greeting, X509_get_default_cert_file());
    SSL_shutdown(ssl);
    SSL_free(ssl);
    SSL_CTX_free(context);
    close(fd);
    return 0;
}
