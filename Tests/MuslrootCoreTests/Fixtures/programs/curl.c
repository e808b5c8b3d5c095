/* libcurl (the curl recipe), linked statically: one GET of the URL given, the server's
 * certificate verified against the CA file given (CURLOPT_CAINFO) or, without one, OpenSSL's
 * default bundle; the body is asked for compressed (Accept-Encoding) and decoded by libcurl. */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

struct body { size_t size; char start[32]; };

static size_t keep(char *data, size_t size, size_t count, void *user) {
    struct body *body = user;
    size_t n = size * count;
    if (body->size < sizeof body->start - 1) {
        size_t room = sizeof body->start - 1 - body->size;
        memcpy(body->start + body->size, data, n < room ? n : room);
    }
    body->size += n;
    return n;
}

int main(int argc, char **argv) {
    if (argc < 2) { fputs("usage: curl URL [CAFILE]\n", stderr); return 2; }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    if (!(info->features & CURL_VERSION_SSL) || !(info->features & CURL_VERSION_LIBZ) || !(info->features & CURL_VERSION_ZSTD)) {
        printf("FAIL: libcurl %s lacks TLS, zlib or zstd\n", info->version);
        return 1;
    }
    CURL *curl = curl_easy_init();
    struct body body = {0};
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
    if (argc > 2) curl_easy_setopt(curl, CURLOPT_CAINFO, argv[2]);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    CURLcode result = curl_easy_perform(curl);
    if (result != CURLE_OK) {
        printf("FAIL: %s: %s\n", curl_easy_strerror(result), error);
        return 1;
    }
    long status = 0;
    char *encoding = NULL;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    struct curl_header *header = NULL;
    if (curl_easy_header(curl, "Content-Encoding", 0, CURLH_HEADER, -1, &header) == CURLHE_OK) encoding = header->value;
    printf("curl ok: HTTP %ld, %zu bytes (%s), \"%s\" (libcurl %s, %s)\n", status, body.size,
           encoding ? encoding : "identity", body.start, info->version, info->ssl_version);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return status == 200 ? 0 : 1;
}
