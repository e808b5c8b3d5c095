/* (g) Is this program's malloc mimalloc? muslroot's libc.a built with --malloc mimalloc
   exports __mimalloc_version (and nothing else of mimalloc's); with stock musl the weak
   reference stays null and this FAILS, so a silent fall-back to musl's mallocng is seen. */
#include <malloc.h>
#include <string.h>
#include "check.h"

extern int __mimalloc_version(void) __attribute__((weak));

int main(void)
{
	check_name = "detect (libc allocates with mimalloc)";
	CHECK(__mimalloc_version != 0, "no __mimalloc_version: libc.a does not use mimalloc");
	if (__mimalloc_version) {
		int v = __mimalloc_version();
		printf("mimalloc %d.%d.%d\n", v / 100, v / 10 % 10, v % 10);
		CHECK(v == 224, "mimalloc version %d, expected 224", v);
	}
	/* And malloc really goes through it: a block it hands out is one it knows the size of. */
	char *p = malloc(100);
	CHECK(p && malloc_usable_size(p) >= 100, "malloc_usable_size");
	free(p);
	return check_done();
}
