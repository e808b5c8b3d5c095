/* Multithreaded allocation benchmark for scripts/bench-malloc.sh.

     bench WORKLOAD THREADS [OPS]      WORKLOAD: small | mixed
   small  each thread replaces random slots of its own 1000-slot table with new blocks of
          16 to 1040 bytes (malloc + free, the first bytes written)
   mixed  the same plus realloc (grow and shrink, up to 4 KiB) and cross-thread frees:
          every fifth block goes, in batches of 64, to the next thread, which frees it
   Prints: WORKLOAD THREADS wall-seconds cpu-seconds. Exits non-zero if an allocation fails. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOTS 1000
#define BATCH 64

struct inbox { pthread_mutex_t lock; void **batches[1024]; size_t count; };

static int mixed;
static long ops;
static int nthreads;
static struct inbox *inboxes;
static volatile int failed;

static unsigned next(unsigned *s) { *s = *s * 1103515245u + 12345u; return *s >> 8; }

static void drain(struct inbox *in)
{
	void **got[1024];
	size_t n;
	pthread_mutex_lock(&in->lock);
	n = in->count;
	memcpy(got, in->batches, n * sizeof *got);
	in->count = 0;
	pthread_mutex_unlock(&in->lock);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < BATCH; k++) free(got[i][k]);
		free(got[i]);
	}
}

static void *run(void *arg)
{
	int id = (int)(intptr_t)arg;
	unsigned seed = (unsigned)id * 2654435761u + 1;
	void **slot = calloc(SLOTS, sizeof *slot);
	void **batch = 0;
	int inbatch = 0;
	struct inbox *mine = &inboxes[id], *peer = &inboxes[(id + 1) % nthreads];
	for (long i = 0; i < ops; i++) {
		unsigned r = next(&seed);
		size_t k = r % SLOTS, n = 16 + (r >> 10) % 1025;
		if (mixed && r % 5 == 1 && slot[k]) {
			size_t m = 16 + (r >> 12) % 4096;
			void *q = realloc(slot[k], m);
			if (!q) { failed = 1; break; }
			memset(q, 1, 16);
			slot[k] = q;
			continue;
		}
		if (mixed && r % 5 == 2 && slot[k]) {
			if (!batch && !(batch = malloc(BATCH * sizeof *batch))) { failed = 1; break; }
			batch[inbatch++] = slot[k];
			slot[k] = 0;
			if (inbatch == BATCH) {
				pthread_mutex_lock(&peer->lock);
				if (peer->count < 1024) { peer->batches[peer->count++] = batch; batch = 0; }
				pthread_mutex_unlock(&peer->lock);
				if (batch) { for (int b = 0; b < BATCH; b++) free(batch[b]); }
				inbatch = 0;
				batch = 0;
				drain(mine);
			}
			continue;
		}
		free(slot[k]);
		if (!(slot[k] = malloc(n))) { failed = 1; break; }
		memset(slot[k], 2, 16);
	}
	for (int b = 0; b < inbatch; b++) free(batch[b]);
	free(batch);
	for (int k = 0; k < SLOTS; k++) free(slot[k]);
	free(slot);
	return 0;
}

static double seconds(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 3) { fprintf(stderr, "usage: bench small|mixed THREADS [OPS]\n"); return 2; }
	mixed = !strcmp(argv[1], "mixed");
	nthreads = atoi(argv[2]);
	ops = argc > 3 ? atol(argv[3]) : 4000000;
	if (nthreads < 1 || nthreads > 64 || (!mixed && strcmp(argv[1], "small"))) return 2;
	inboxes = calloc((size_t)nthreads, sizeof *inboxes);
	for (int i = 0; i < nthreads; i++) pthread_mutex_init(&inboxes[i].lock, 0);
	double w0 = seconds(CLOCK_MONOTONIC), c0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
	pthread_t t[64];
	for (int i = 0; i < nthreads; i++) pthread_create(&t[i], 0, run, (void *)(intptr_t)i);
	for (int i = 0; i < nthreads; i++) pthread_join(t[i], 0);
	for (int i = 0; i < nthreads; i++) drain(&inboxes[i]);
	double w1 = seconds(CLOCK_MONOTONIC), c1 = seconds(CLOCK_PROCESS_CPUTIME_ID);
	printf("%s %d %.3f %.3f\n", argv[1], nthreads, w1 - w0, c1 - c0);
	return failed;
}
