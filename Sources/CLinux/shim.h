#ifndef CLinux_SHIM_H
#define CLinux_SHIM_H
// Linux-only kernel interfaces that Glibc's Swift module does not export: epoll and eventfd.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

// accept4 is declared only under _GNU_SOURCE, which Swift's Glibc module is not built with.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
#endif
