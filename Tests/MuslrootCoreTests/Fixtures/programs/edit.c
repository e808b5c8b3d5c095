/* libedit, linked statically: reads lines from standard input (a pipe) with el_gets and
 * keeps them in its history; prints how many it read and the last one. */
#include <histedit.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    (void)argc;
    EditLine *el = el_init(argv[0], stdin, stdout, stderr);
    History *past = history_init();
    HistEvent event;
    history(past, &event, H_SETSIZE, 100);
    el_set(el, EL_HIST, history, past);
    int count = 0, length = 0;
    char last[256] = "";
    const char *line;
    while ((line = el_gets(el, &length)) != NULL && length > 0) {
        history(past, &event, H_ENTER, line);
        snprintf(last, sizeof last, "%.*s", (int)strcspn(line, "\n"), line);
        count++;
    }
    history(past, &event, H_FIRST);
    printf("edit ok: %d lines, last \"%s\", newest in history \"%.*s\"\n", count, last,
           (int)strcspn(event.str, "\n"), event.str);
    history_end(past);
    el_end(el);
    return count > 0 ? 0 : 1;
}
