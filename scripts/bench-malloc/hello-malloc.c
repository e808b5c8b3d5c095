#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) { char *s = strdup(argc > 5 ? argv[0] : "hello"); puts(s); free(s); return 0; }
