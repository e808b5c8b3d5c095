/* libcrypto and libssl, linked statically: a SHA-256, an AES-256-GCM round trip, a TLS
 * client context. Prints "crypto ok" and exits 0 only if all of it works. */
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

static int fail(const char *what) { fprintf(stderr, "FAIL: %s\n", what); return 1; }

int main(void) {
    unsigned char digest[32];
    unsigned int length = 0;
    if (!EVP_Digest("abc", 3, digest, &length, EVP_sha256(), NULL) || length != 32) return fail("sha256");
    static const unsigned char expected[4] = {0xba, 0x78, 0x16, 0xbf};
    if (memcmp(digest, expected, 4) != 0) return fail("sha256 value");

    unsigned char key[32] = {1}, iv[12] = {2}, tag[16], sealed[64], opened[64];
    const char *message = "static binaries are portable";
    int n = 0, total = 0, size = (int)strlen(message);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    if (!EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, iv) ||
        !EVP_EncryptUpdate(c, sealed, &n, (const unsigned char *)message, size)) return fail("encrypt");
    total = n;
    if (!EVP_EncryptFinal_ex(c, sealed + total, &n) ||
        !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag)) return fail("encrypt final");
    EVP_CIPHER_CTX_reset(c);
    if (!EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, iv) ||
        !EVP_DecryptUpdate(c, opened, &n, sealed, total) ||
        !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, tag) ||
        EVP_DecryptFinal_ex(c, opened + n, &n) <= 0) return fail("decrypt");
    if (memcmp(opened, message, size) != 0) return fail("round trip");
    EVP_CIPHER_CTX_free(c);

    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    if (!context) return fail("TLS client context");
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    if (!SSL_CTX_set_default_verify_paths(context)) return fail("default verify paths");
    SSL_CTX_free(context);
    printf("crypto ok: sha256, aes-256-gcm, tls client context (%s)\n", OpenSSL_version(OPENSSL_VERSION));
    return 0;
}
