/* (c) fork from a multithreaded process while other threads allocate and free, then
   allocation in the child (small, large, cross-size realloc, a new thread). A child that
   deadlocks on an allocator lock is killed by its own 20 s alarm and counts as a failure. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include "check.h"

#define THREADS 4
#define FORKS 200

static volatile int stop;

static void *churn(void *arg)
{
	unsigned seed = (unsigned)(size_t)arg + 1;
	void *slot[128] = {0};
	while (!stop) {
		unsigned r = check_rand(&seed);
		free(slot[r % 128]);
		size_t n = r % 16 == 0 ? 64 * 1024 + r % (4 << 20) : 16 + r % 1040;
		slot[r % 128] = malloc(n);
		if (slot[r % 128]) memset(slot[r % 128], 1, n < 256 ? n : 256);
	}
	for (int i = 0; i < 128; i++) free(slot[i]);
	return 0;
}

static void *child_thread(void *arg)
{
	char *p = malloc(1000);
	if (p) memset(p, 3, 1000);
	free(arg);
	return p;
}

static int child(void)
{
	alarm(20);
	void *keep[1000];
	for (int i = 0; i < 1000; i++) {
		size_t n = i % 100 == 0 ? (size_t)(8 << 20) : (size_t)(16 + i);
		if (!(keep[i] = malloc(n))) return 1;
		memset(keep[i], 2, n < 4096 ? n : 4096);
	}
	for (int i = 0; i < 1000; i += 2) {
		void *q = realloc(keep[i], 3000);
		if (!q) return 1;
		keep[i] = q;
	}
	pthread_t t;
	void *res = 0;
	if (pthread_create(&t, 0, child_thread, keep[0]) || pthread_join(t, &res) || !res) return 1;
	free(res);
	for (int i = 1; i < 1000; i++) free(keep[i]);
	return 0;
}

int main(void)
{
	check_name = "fork (allocation in the child of a threaded process)";
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++) CHECK(pthread_create(&t[i], 0, churn, (void *)(size_t)i) == 0, "create");
	int bad = 0;
	for (int i = 0; i < FORKS; i++) {
		void *before = malloc(100 + i);
		pid_t pid = fork();
		if (pid == 0) _exit(child());
		CHECK(pid > 0, "fork failed");
		if (pid < 0) break;
		int status;
		CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			bad++;
			if (WIFSIGNALED(status)) fprintf(stderr, "child %d: signal %d%s\n", i, WTERMSIG(status),
				WTERMSIG(status) == SIGALRM ? " (deadlocked)" : "");
		}
		free(before);
	}
	stop = 1;
	for (int i = 0; i < THREADS; i++) pthread_join(t[i], 0);
	CHECK(bad == 0, "%d of %d children failed", bad, FORKS);
	return check_done();
}
