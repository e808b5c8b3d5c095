/* libbz2, linked statically: compresses and decompresses a buffer, checks the round trip. */
#include <bzlib.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    char input[8192], packed[16384], unpacked[8192];
    for (size_t i = 0; i < sizeof input; i++) input[i] = "static musl bzip2 "[i % 18];
    unsigned int packedSize = sizeof packed, unpackedSize = sizeof unpacked;
    if (BZ2_bzBuffToBuffCompress(packed, &packedSize, input, sizeof input, 9, 0, 0) != BZ_OK) { puts("FAIL: compress"); return 1; }
    if (BZ2_bzBuffToBuffDecompress(unpacked, &unpackedSize, packed, packedSize, 0, 0) != BZ_OK || unpackedSize != sizeof input ||
        memcmp(unpacked, input, sizeof input) != 0) { puts("FAIL: round trip"); return 1; }
    printf("bzip2 ok: %zu bytes -> %u -> %u (libbz2 %s)\n", sizeof input, packedSize, unpackedSize, BZ2_bzlibVersion());
    return 0;
}
