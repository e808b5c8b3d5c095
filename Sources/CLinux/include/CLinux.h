#ifndef MUSLROOT_CLINUX_H
#define MUSLROOT_CLINUX_H

/* The one place a build for another system stops: muslroot needs renameat2, /proc and ELF. */
#ifndef __linux__
#error "muslroot runs on Linux only (renameat2, /proc, ELF binaries); build it on a Linux host"
#endif

/* Atomically swaps two paths (renameat2 with RENAME_EXCHANGE), which Swift's Glibc module
   does not declare. Returns 0, or -1 with errno set. */
int clinux_exchange(const char *first, const char *second);

/* A pipe whose two ends are close-on-exec from the start (pipe2 with O_CLOEXEC), so that a
   child spawned on another thread at the same moment never inherits them. */
int clinux_pipe_cloexec(int ends[2]);

#endif
