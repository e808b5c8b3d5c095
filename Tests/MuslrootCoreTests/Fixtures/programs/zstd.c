/* zstd, linked statically: compresses with two worker threads (the library is built
   multithreaded) and decompresses, checks the round trip. */
#include <stdio.h>
#include <string.h>
#include <zstd.h>

int main(void) {
    static char input[1 << 20], packed[1 << 20], unpacked[1 << 20];
    for (size_t i = 0; i < sizeof input; i++) input[i] = "static musl zstd "[i % 17] + (char)(i / 4096 % 3);
    ZSTD_CCtx *context = ZSTD_createCCtx();
    if (ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, 2))) { puts("FAIL: no multithreading"); return 1; }
    size_t packedSize = ZSTD_compress2(context, packed, sizeof packed, input, sizeof input);
    if (ZSTD_isError(packedSize)) { printf("FAIL: compress: %s\n", ZSTD_getErrorName(packedSize)); return 1; }
    size_t unpackedSize = ZSTD_decompress(unpacked, sizeof unpacked, packed, packedSize);
    if (ZSTD_isError(unpackedSize) || unpackedSize != sizeof input || memcmp(unpacked, input, sizeof input) != 0) {
        puts("FAIL: round trip"); return 1;
    }
    ZSTD_freeCCtx(context);
    printf("zstd ok: %zu bytes, 2 workers -> %zu -> %zu (zstd %s)\n", sizeof input, packedSize, unpackedSize, ZSTD_versionString());
    return 0;
}
