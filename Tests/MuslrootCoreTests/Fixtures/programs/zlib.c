/* zlib, linked statically: compresses and decompresses a buffer, checks the round trip. */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(void) {
    char input[4096];
    for (size_t i = 0; i < sizeof input; i++) input[i] = "static musl "[i % 12];
    unsigned char packed[8192], unpacked[4096];
    uLongf packedSize = sizeof packed, unpackedSize = sizeof unpacked;
    if (compress2(packed, &packedSize, (const Bytef *)input, sizeof input, 9) != Z_OK) { puts("FAIL: compress"); return 1; }
    if (uncompress(unpacked, &unpackedSize, packed, packedSize) != Z_OK || unpackedSize != sizeof input ||
        memcmp(unpacked, input, sizeof input) != 0) { puts("FAIL: round trip"); return 1; }
    printf("zlib ok: %zu bytes -> %lu -> %lu (zlib %s)\n", sizeof input, packedSize, unpackedSize, zlibVersion());
    return 0;
}
