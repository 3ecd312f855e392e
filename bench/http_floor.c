/*
 * The floor of bench/http.sh's /health: what this machine's loopback TCP costs with no HTTP
 * server in the way. WORKERS threads, each with its own SO_REUSEPORT listener and epoll loop,
 * answer every request (counted by its blank line, "\r\n\r\n", across reads) with the same
 * 213 bytes LakeHTTP sends for /health: one recv and one send per request, as LakeHTTP does,
 * but no parsing, routing, validation, clock or request id. Not a server: a reference point.
 * Usage: http_floor PORT WORKERS
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char response[] =
    "HTTP/1.1 200 OK\r\nServer: CandleLake\r\nDate: Mon, 23 Nov 2026 01:45:53 GMT\r\n"
    "Content-Type: application/json\r\nX-Request-ID: 8a9517d8-a33de\r\nContent-Length: 55\r\n\r\n"
    "{\"status\":\"healthy\",\"timestamp\":\"2026-11-23T01:45:53Z\"}";

enum { max_fd = 65536 };
static int port;

/* How far each connection is into "\r\n\r\n" (0-3), so a blank line split across reads counts. */
static unsigned char matched[max_fd];

static void *serve(void *unused) {
    (void)unused;
    int one = 1;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1024) != 0) {
        perror("http_floor: bind/listen");
        exit(1);
    }
    int loop = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(loop, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event events[256];
    static __thread char buffer[64 * 1024];
    for (;;) {
        int count = epoll_wait(loop, events, 256, -1);
        for (int index = 0; index < count; index++) {
            int fd = events[index].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (client >= max_fd) { close(client); continue; }
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    matched[client] = 0;
                    struct epoll_event readable = {.events = EPOLLIN | EPOLLRDHUP, .data.fd = client};
                    epoll_ctl(loop, EPOLL_CTL_ADD, client, &readable);
                }
                continue;
            }
            ssize_t received = recv(fd, buffer, sizeof buffer, 0);
            if (received <= 0) { close(fd); continue; }
            int requests = 0;
            unsigned char state = matched[fd];
            for (ssize_t at = 0; at < received; at++) {
                char expected = (state % 2 == 0) ? '\r' : '\n';
                state = buffer[at] == expected ? state + 1 : (buffer[at] == '\r' ? 1 : 0);
                if (state == 4) { requests++; state = 0; }
            }
            matched[fd] = state;
            for (int answered = 0; answered < requests; answered++) send(fd, response, sizeof response - 1, MSG_NOSIGNAL);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: http_floor PORT WORKERS\n"); return 2; }
    port = atoi(argv[1]);
    int workers = atoi(argv[2]);
    pthread_t threads[64];
    for (int index = 0; index < workers && index < 64; index++) pthread_create(&threads[index], NULL, serve, NULL);
    pthread_join(threads[0], NULL);
    return 0;
}
