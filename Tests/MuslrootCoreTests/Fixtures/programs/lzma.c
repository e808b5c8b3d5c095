/* liblzma (the xz recipe, and docs/examples/xz.toml), linked statically: an .xz round trip. */
#include <lzma.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    const char *text = "a recipe that is mostly data";
    uint8_t packed[256], unpacked[64];
    size_t packedSize = 0, in = 0, unpackedSize = 0;
    if (lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, (const uint8_t *)text, strlen(text), packed, &packedSize,
                                sizeof packed) != LZMA_OK) { puts("FAIL: encode"); return 1; }
    uint64_t limit = UINT64_MAX;
    if (lzma_stream_buffer_decode(&limit, 0, NULL, packed, &in, packedSize, unpacked, &unpackedSize,
                                  sizeof unpacked) != LZMA_OK || unpackedSize != strlen(text) ||
        memcmp(unpacked, text, unpackedSize) != 0) { puts("FAIL: decode"); return 1; }
    printf("lzma ok: %zu bytes -> %zu (liblzma %s)\n", strlen(text), packedSize, lzma_version_string());
    return 0;
}
