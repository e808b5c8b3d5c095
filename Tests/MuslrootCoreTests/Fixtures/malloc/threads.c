/* (a) Many threads allocating and freeing, with blocks allocated in one thread and freed
   in another: producers fill blocks with a pattern and hand them to consumers through a
   queue; consumers check the pattern, realloc some of them, and free them. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include "check.h"

#define PRODUCERS 4
#define CONSUMERS 4
#define PER_PRODUCER 200000
#define QUEUE 1024

struct item { unsigned char *p; size_t n; unsigned char tag; };

static struct item queue[QUEUE];
static size_t head, tail, done_producers;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static long bad_blocks;

static void *producer(void *arg)
{
	unsigned seed = (unsigned)(uintptr_t)arg * 7919u + 1;
	void *local[64] = {0};
	for (int i = 0; i < PER_PRODUCER; i++) {
		/* Thread-local churn as well. */
		unsigned r = check_rand(&seed);
		free(local[r % 64]);
		local[r % 64] = malloc(16 + r % 200);
		size_t n = 16 + check_rand(&seed) % 1025;
		if (i % 1000 == 0) n = 4096 + check_rand(&seed) % 300000;
		unsigned char *p = malloc(n);
		if (!p) { __atomic_add_fetch(&bad_blocks, 1, __ATOMIC_RELAXED); continue; }
		unsigned char tag = (unsigned char)(n ^ (uintptr_t)p >> 4);
		memset(p, tag, n);
		pthread_mutex_lock(&lock);
		while (head - tail == QUEUE) pthread_cond_wait(&not_full, &lock);
		queue[head++ % QUEUE] = (struct item){ p, n, tag };
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&lock);
	}
	for (int i = 0; i < 64; i++) free(local[i]);
	pthread_mutex_lock(&lock);
	done_producers++;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&lock);
	return 0;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (head == tail && done_producers < PRODUCERS) pthread_cond_wait(&not_empty, &lock);
		if (head == tail) { pthread_mutex_unlock(&lock); return 0; }
		struct item it = queue[tail++ % QUEUE];
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&lock);
		for (size_t i = 0; i < it.n; i++)
			if (it.p[i] != it.tag) { __atomic_add_fetch(&bad_blocks, 1, __ATOMIC_RELAXED); break; }
		if (it.n % 3 == 0) {
			unsigned char *q = realloc(it.p, it.n * 2);
			if (!q || q[it.n - 1] != it.tag) __atomic_add_fetch(&bad_blocks, 1, __ATOMIC_RELAXED);
			else it.p = q;
		}
		free(it.p);
	}
}

int main(void)
{
	check_name = "threads (cross-thread malloc/free)";
	pthread_t p[PRODUCERS], c[CONSUMERS];
	for (int i = 0; i < CONSUMERS; i++) CHECK(pthread_create(&c[i], 0, consumer, 0) == 0, "create");
	for (int i = 0; i < PRODUCERS; i++)
		CHECK(pthread_create(&p[i], 0, producer, (void *)(uintptr_t)i) == 0, "create");
	for (int i = 0; i < PRODUCERS; i++) pthread_join(p[i], 0);
	for (int i = 0; i < CONSUMERS; i++) pthread_join(c[i], 0);
	CHECK(bad_blocks == 0, "%ld blocks failed or were corrupted", bad_blocks);
	CHECK(head == (size_t)PRODUCERS * PER_PRODUCER, "%zu blocks went through the queue", head);
	return check_done();
}
