/* libedit, linked statically: reads lines from standard input (a pipe) with el_gets and
 * keeps them in its history; prints how many it read and the last one. */
#include <histedit.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    (void)argc;
    EditLine *el = el_init(argv[0], stdin, stdout, stderr);
    History *history = history_init();
    HistEvent event;
    history(history, &event, H_SETSIZE, 100);
    el_set(el, EL_HIST, history, history);
    int count = 0, length = 0;
    char last[256] = "";
    const char *line;
    while ((line = el_gets(el, &length)) != NULL && length > 0) {
        history(history, &event, H_ENTER, line);
        snprintf(last, sizeof last, "%.*s", (int)strcspn(line, "\n"), line);
        count++;
    }
    history(history, &event, H_FIRST);
    printf("edit ok: %d lines, last \"%s\", newest in history \"%.*s\"\n", count, last,
           (int)strcspn(event.str, "\n"), event.str);
    history_end(history);
    el_end(el);
    return count > 0 ? 0 : 1;
}
