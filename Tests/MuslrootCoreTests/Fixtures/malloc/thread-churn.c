/* (b) Threads created and joined in a loop: each allocates a few hundred KiB, frees part
   of it and leaves the rest to the main thread, which frees it after the join. A thread's
   exit must not leak: resident memory after 2000 rounds stays within a bound of what it
   was after the first 100. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include "check.h"

#define ROUNDS 2000
#define THREADS 4
#define KEEP 32

struct work { unsigned seed; void *kept[KEEP]; int failed; };

static void *run(void *arg)
{
	struct work *w = arg;
	void *mine[256];
	for (int i = 0; i < 256; i++) {
		size_t n = 16 + check_rand(&w->seed) % 2048;
		if (!(mine[i] = malloc(n))) { w->failed = 1; return 0; }
		memset(mine[i], 0xa5, n);
	}
	for (int i = 0; i < KEEP; i++) {
		w->kept[i] = malloc(64 + check_rand(&w->seed) % 8192);
		if (!w->kept[i]) w->failed = 1;
	}
	for (int i = 0; i < 256; i++) free(mine[i]);
	return 0;
}

int main(void)
{
	check_name = "thread-churn (thread exit does not leak)";
	size_t warm = 0, end = 0;
	struct work w[THREADS];
	for (int round = 0; round < ROUNDS; round++) {
		pthread_t t[THREADS];
		for (int i = 0; i < THREADS; i++) {
			memset(&w[i], 0, sizeof w[i]);
			w[i].seed = (unsigned)(round * THREADS + i + 1);
			if (pthread_create(&t[i], 0, run, &w[i])) { CHECK(0, "pthread_create in round %d", round); return check_done(); }
		}
		for (int i = 0; i < THREADS; i++) {
			pthread_join(t[i], 0);
			CHECK(!w[i].failed, "allocation failed in round %d", round);
			for (int k = 0; k < KEEP; k++) free(w[i].kept[k]);
		}
		if (round == 99) check_memory(&warm, 0);
	}
	check_memory(&end, 0);
	printf("resident after 100 rounds: %zu KiB, after %d: %zu KiB\n", warm >> 10, ROUNDS, end >> 10);
	CHECK(warm > 0 && end > 0, "cannot read /proc/self/statm");
	/* Each round allocates ~1.5 MiB; a leak of one thread's memory per round would add
	   gigabytes. 32 MiB of slack covers caches and arenas. */
	CHECK(end <= warm + (32u << 20), "resident memory grew by %zu KiB", (end - warm) >> 10);
	return check_done();
}
