#ifndef CLinux_SHIM_H
#define CLinux_SHIM_H
// Linux-only interfaces that Glibc's Swift module does not export: epoll, eventfd, mallopt.
#include <malloc.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

// accept4 is declared only under _GNU_SOURCE, which Swift's Glibc module is not built with.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
#endif
