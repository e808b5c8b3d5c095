#include <pthread.h>
#include "tiny.h"

static void *count(void *argument) {
    long n = *(long *)argument, sum = 0;
    for (long i = 1; i <= n; i++) sum += i;
    *(long *)argument = sum;
    return 0;
}

long tiny_sum(long n) {
    pthread_t thread;
    if (pthread_create(&thread, 0, count, &n) != 0) return -1;
    pthread_join(thread, 0);
    return n;
}
