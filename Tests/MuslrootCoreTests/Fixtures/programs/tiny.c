/* The meson template's test library, linked statically. */
#include <stdio.h>
#include <tiny.h>

int main(void) {
    long sum = tiny_sum(100);
    if (sum != 5050) { printf("FAIL: tiny_sum(100) = %ld\n", sum); return 1; }
    printf("tiny ok: %ld\n", sum);
    return 0;
}
