/* Counts to n on a thread of its own and returns the sum. */
long tiny_sum(long n);
