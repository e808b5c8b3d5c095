/* ncurses, linked statically: opens a pseudo-terminal, draws on it with newterm() for the
 * terminal type given (default xterm), and reads back what reached the terminal. */
#define _XOPEN_SOURCE 600
#include <curses.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *type = argc > 1 ? argv[1] : "xterm";
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) || unlockpt(master)) { perror("FAIL: pty"); return 1; }
    FILE *terminal = fopen(ptsname(master), "r+");
    if (!terminal) { perror("FAIL: open pty"); return 1; }
    SCREEN *screen = newterm(type, terminal, terminal);
    if (!screen) { fprintf(stderr, "FAIL: no terminfo entry for %s\n", type); return 1; }
    start_color();
    init_pair(1, COLOR_GREEN, COLOR_BLACK);
    attron(COLOR_PAIR(1) | A_BOLD);
    mvprintw(3, 5, "drawn by a static ncurses");
    attroff(COLOR_PAIR(1) | A_BOLD);
    box(stdscr, 0, 0);
    refresh();
    int lines = LINES, columns = COLS;
    endwin();
    fflush(terminal);
    char output[65536];
    size_t size = 0;
    struct pollfd ready = {master, POLLIN, 0};
    while (size < sizeof output - 1 && poll(&ready, 1, 200) > 0) {
        ssize_t n = read(master, output + size, sizeof output - 1 - size);
        if (n <= 0) break;
        size += (size_t)n;
    }
    output[size] = 0;
    int found = strstr(output, "drawn by a static ncurses") != NULL;
    printf("curses %s: %s, %zu bytes of escape sequences and text for a %dx%d %s terminal\n",
           found ? "ok" : "FAIL", curses_version(), size, columns, lines, type);
    return found ? 0 : 1;
}
