#ifndef MUSLROOT_CLINUX_H
#define MUSLROOT_CLINUX_H

/* Atomically swaps two paths (renameat2 with RENAME_EXCHANGE), which Swift's Glibc module
   does not declare. Returns 0, or -1 with errno set. */
int clinux_exchange(const char *first, const char *second);

#endif
