/* (d) Every allocation function of the C library: malloc, free, calloc, realloc (growth,
   shrink, NULL, contents kept), reallocarray, aligned_alloc, posix_memalign, memalign,
   valloc, malloc_usable_size; alignment guarantees; errno on failure; and the paths musl
   allocates through internally (__libc_malloc/calloc/free: atexit, locales, ...). */
#define _GNU_SOURCE
#include <errno.h>
#include <locale.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

/* A failed realloc leaves the block as it was, and the checks read it. */
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Wuse-after-free"

/* Through volatiles, so that the compiler cannot reason about the failures. */
static volatile size_t huge = SIZE_MAX - 4096, half_max = SIZE_MAX / 2, max_object = PTRDIFF_MAX;

#define ALIGNED(p, a) (((uintptr_t)(p) & ((a) - 1)) == 0)

static int handlers_run;
static void handler(void) { handlers_run++; }

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(seed + i * 31);
}

static int same(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) if (p[i] != (unsigned char)(seed + i * 31)) return 0;
	return 1;
}

static void basic(void)
{
	free(NULL);
	for (size_t n = 0; n < 5000; n += n < 64 ? 1 : 37) {
		unsigned char *p = malloc(n);
		CHECK(p != NULL, "malloc(%zu)", n);
		if (!p) continue;
		CHECK(ALIGNED(p, 16), "malloc(%zu) = %p not 16-byte aligned", n, (void *)p);
		size_t u = malloc_usable_size(p);
		CHECK(u >= n, "malloc_usable_size(malloc(%zu)) = %zu", n, u);
		memset(p, 0x5a, u);           /* the whole usable size is ours */
		free(p);
	}
	CHECK(malloc_usable_size(NULL) == 0, "malloc_usable_size(NULL)");
	errno = 0;
	CHECK(malloc(huge) == NULL && errno == ENOMEM, "malloc(huge): errno %d", errno);
	errno = 0;
	CHECK(malloc(max_object) == NULL && errno == ENOMEM, "malloc(max_object): errno %d", errno);
}

static void zeroed(void)
{
	for (size_t n = 1; n < (4u << 20); n = n * 3 + 1) {
		/* Dirty memory first, so calloc cannot just hand back fresh pages. */
		unsigned char *d = malloc(n);
		if (d) { memset(d, 0xff, n); free(d); }
		unsigned char *p = calloc(n, 1);
		CHECK(p != NULL, "calloc(%zu, 1)", n);
		if (!p) continue;
		size_t bad = 0;
		for (size_t i = 0; i < n; i++) bad += p[i] != 0;
		CHECK(bad == 0, "calloc(%zu): %zu non-zero bytes", n, bad);
		free(p);
	}
	errno = 0;
	CHECK(calloc(half_max, 3) == NULL && errno == ENOMEM, "calloc overflow: errno %d", errno);
}

static void resize(void)
{
	free(realloc(NULL, 0));
	unsigned char *p = realloc(NULL, 10);
	CHECK(p != NULL, "realloc(NULL, 10)");
	fill(p, 10, 7);
	size_t n = 10;
	for (size_t m = 11; m < (64u << 20); m = m * 2 + 13) {     /* growth, across size classes */
		unsigned char *q = realloc(p, m);
		CHECK(q != NULL, "realloc grow to %zu", m);
		if (!q) return;
		CHECK(same(q, n, 7), "realloc grow %zu -> %zu lost contents", n, m);
		p = q;
		fill(p, m, 7);
		n = m;
	}
	for (size_t m = n / 3; m > 0; m /= 3) {                    /* shrink */
		unsigned char *q = realloc(p, m);
		CHECK(q != NULL, "realloc shrink to %zu", m);
		if (!q) return;
		CHECK(same(q, m, 7), "realloc shrink to %zu lost contents", m);
		p = q;
	}
	errno = 0;
	unsigned char *q = realloc(p, huge);
	CHECK(q == NULL && errno == ENOMEM, "realloc(huge): errno %d", errno);
	CHECK(same(p, 1, 7), "failed realloc changed the block");
	free(p);

	int *a = reallocarray(NULL, 100, sizeof(int));
	CHECK(a != NULL, "reallocarray(NULL, 100, 4)");
	for (int i = 0; i < 100; i++) a[i] = i;
	int *b = reallocarray(a, 1000, sizeof(int));
	CHECK(b != NULL && b[99] == 99, "reallocarray grow");
	if (b) a = b;
	errno = 0;
	CHECK(reallocarray(a, half_max, 4) == NULL && errno == ENOMEM, "reallocarray overflow: errno %d", errno);
	CHECK(a[50] == 50, "failed reallocarray changed the block");
	free(a);
}

static void aligned(void)
{
	long page = sysconf(_SC_PAGESIZE);
	for (size_t align = 1; align <= (64u << 20); align *= 2) {
		size_t sizes[] = { 1, align, align + 1, 3 * align + 5, 100000 };
		for (int i = 0; i < 5; i++) {
			size_t n = sizes[i];
			void *p = aligned_alloc(align, n);
			CHECK(p && ALIGNED(p, align), "aligned_alloc(%zu, %zu) = %p", align, n, p);
			if (p) { CHECK(malloc_usable_size(p) >= n, "usable size"); memset(p, 1, n); }
			free(p);
			void *m = memalign(align, n);
			CHECK(m && ALIGNED(m, align), "memalign(%zu, %zu) = %p", align, n, m);
			free(m);
			if (align >= sizeof(void *)) {
				void *r = (void *)1;
				int e = posix_memalign(&r, align, n);
				CHECK(e == 0 && ALIGNED(r, align), "posix_memalign(%zu, %zu) = %d, %p", align, n, e, r);
				if (!e) free(r);
			}
		}
	}
	void *r = (void *)1;
	CHECK(posix_memalign(&r, 2, 8) == EINVAL && r == (void *)1, "posix_memalign(align 2) not EINVAL");
	CHECK(posix_memalign(&r, 24, 8) == EINVAL && r == (void *)1, "posix_memalign(align 24) not EINVAL");
	CHECK(posix_memalign(&r, 64, huge) == ENOMEM && r == (void *)1, "posix_memalign(huge) not ENOMEM");
	errno = 0;
	void *odd = aligned_alloc(24, 48);  /* musl: EINVAL; glibc rounds the alignment up */
	CHECK(odd != NULL || errno == EINVAL, "aligned_alloc(24): errno %d", errno);
	free(odd);
	errno = 0;
	CHECK(aligned_alloc(64, huge) == NULL && errno == ENOMEM, "aligned_alloc(huge): errno %d", errno);
	void *v = valloc(100);
	CHECK(v && ALIGNED(v, (size_t)page), "valloc(100) = %p", v);
	free(v);
}

/* musl's own allocations go through __libc_malloc, __libc_calloc and __libc_free. */
static void internal(void)
{
	for (int i = 0; i < 100; i++)     /* beyond 32 handlers atexit allocates */
		CHECK(atexit(handler) == 0, "atexit %d", i);
	for (int i = 0; i < 100; i++) {
		locale_t l = newlocale(LC_ALL_MASK, "C.UTF-8", 0);
		CHECK(l != 0, "newlocale");
		locale_t d = l ? duplocale(l) : 0;
		if (d) freelocale(d);
		if (l) freelocale(l);
	}
	char *s = strdup("mimalloc"), *t = strndup("mimalloc", 2);
	CHECK(s && t && !strcmp(s, "mimalloc") && !strcmp(t, "mi"), "strdup/strndup");
	free(s); free(t);
	char *line = 0; size_t cap = 0;
	FILE *f = fmemopen("a line\n", 7, "r");
	CHECK(f && getline(&line, &cap, f) == 7, "getline");
	if (f) fclose(f);
	free(line);
	char *buf = 0; size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	for (int i = 0; m && i < 10000; i++) fprintf(m, "%d,", i);
	if (m) fclose(m);
	CHECK(buf && len > 40000, "open_memstream");
	free(buf);
}

int main(void)
{
	check_name = "api (every allocation function)";
	basic();
	zeroed();
	resize();
	aligned();
	internal();
	return check_done();
}
