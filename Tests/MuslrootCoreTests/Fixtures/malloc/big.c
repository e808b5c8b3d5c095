/* (e) A 1 GiB allocation (malloc and calloc): usable at both ends, zeroed for calloc, and
   given back to the system when freed (the mapped size falls again), twice in a row. */
#include <stdint.h>
#include <string.h>
#include "check.h"

#define GIB ((size_t)1 << 30)

static void one(int use_calloc)
{
	size_t before, during, after;
	check_memory(0, &before);
	unsigned char *p = use_calloc ? calloc(1, GIB) : malloc(GIB);
	CHECK(p != NULL, "%s(1 GiB) failed", use_calloc ? "calloc" : "malloc");
	if (!p) return;
	CHECK(((uintptr_t)p & 15) == 0, "%p not 16-byte aligned", (void *)p);
	/* Touch one byte every 16 MiB and both ends (little resident memory, even with THP). */
	for (size_t i = 0; i < GIB; i += 16 << 20) {
		if (use_calloc) CHECK(p[i] == 0, "calloc memory not zero at %zu", i);
		p[i] = 1;
	}
	CHECK(!use_calloc || p[GIB - 1] == 0, "calloc memory not zero at the end");
	p[GIB - 1] = 2;
	check_memory(0, &during);
	CHECK(during >= before + GIB, "mapped %zu MiB -> %zu MiB", before >> 20, during >> 20);
	free(p);
	check_memory(0, &after);
	printf("%s: mapped %zu MiB, with the block %zu MiB, after free %zu MiB\n",
		use_calloc ? "calloc" : "malloc", before >> 20, during >> 20, after >> 20);
	CHECK(after + GIB / 2 < during, "1 GiB not released: %zu MiB still mapped", after >> 20);
}

int main(void)
{
	check_name = "big (1 GiB allocation and release)";
	one(0);
	one(1);
	one(0);
	return check_done();
}
