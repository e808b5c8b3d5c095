/* Shared by the malloc fixture programs: each prints one PASS or FAIL line and exits
   non-zero on failure. Any C99 libc; Linux only (reads /proc/self/statm). */
#ifndef MALLOC_FIXTURE_CHECK_H
#define MALLOC_FIXTURE_CHECK_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *check_name = "malloc";
static int check_failures;

#define CHECK(cond, ...) do { if (!(cond)) { \
	fprintf(stderr, "%s: %s:%d: check failed: %s: ", check_name, __FILE__, __LINE__, #cond); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); check_failures++; } } while (0)

/* Prints the verdict and returns the exit status. */
static int check_done(void)
{
	if (check_failures) {
		printf("FAIL %s (%d failed checks)\n", check_name, check_failures);
		return 1;
	}
	printf("PASS %s\n", check_name);
	return 0;
}

/* Resident and total mapped size of this process, in bytes (from /proc/self/statm). */
__attribute__((unused)) static void check_memory(size_t *resident, size_t *mapped)
{
	unsigned long size = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%lu %lu", &size, &rss) != 2) size = rss = 0;
		fclose(f);
	}
	long page = sysconf(_SC_PAGESIZE);
	if (resident) *resident = rss * (size_t)page;
	if (mapped) *mapped = size * (size_t)page;
}

/* A cheap deterministic generator, one state per thread. */
__attribute__((unused)) static unsigned check_rand(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}
#endif
