// Holds N idle WebSocket connections to LakeHTTP's /ws/fanout, then measures how long one
// broadcast (POST /broadcast) takes to reach all of them. Prints the server's RSS growth
// per connection when given the server's pid.
// Build: cc -O2 -o ws_fanout ws_fanout.c
// Usage: ws_fanout PORT CONNECTIONS ROUNDS [SERVER_PID]
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static long rss_kib(int pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long kib = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmRSS:", 6) == 0) { kib = atol(line + 6); break; }
    }
    fclose(f);
    return kib;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) { perror("socket"); exit(1); }
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port) };
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) { perror("connect"); exit(1); }
    return fd;
}

// Reads until the end of an HTTP head; returns the status code.
static int read_head(int fd) {
    char buffer[2048];
    int used = 0;
    while (used < (int)sizeof buffer - 1) {
        ssize_t n = read(fd, buffer + used, sizeof buffer - 1 - used);
        if (n <= 0) return -1;
        used += n;
        buffer[used] = 0;
        if (strstr(buffer, "\r\n\r\n")) break;
    }
    return atoi(buffer + 9);
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: ws_fanout PORT CONNECTIONS ROUNDS [SERVER_PID]\n"); return 2; }
    setvbuf(stdout, NULL, _IONBF, 0);
    int port = atoi(argv[1]), count = atoi(argv[2]), rounds = atoi(argv[3]);
    int server_pid = argc > 4 ? atoi(argv[4]) : 0;
    struct rlimit limit = { count + 1024, count + 1024 };
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) { perror("setrlimit"); return 1; }

    long rss_before = server_pid ? rss_kib(server_pid) : -1;
    int *fds = calloc(count, sizeof(int));
    const char *handshake = "GET /ws/fanout HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    double connect_start = now_ms();
    for (int i = 0; i < count; i++) {
        fds[i] = connect_to(port);
        if (write(fds[i], handshake, strlen(handshake)) < 0) { perror("write"); return 1; }
        if (read_head(fds[i]) != 101) { fprintf(stderr, "handshake %d failed\n", i); return 1; }
    }
    double connect_ms = now_ms() - connect_start;
    usleep(500 * 1000);
    long rss_after = server_pid ? rss_kib(server_pid) : -1;
    printf("connections: %d held (opened in %.0f ms)\n", count, connect_ms);
    if (server_pid) {
        printf("server RSS: %ld KiB before, %ld KiB after: %.2f KiB per connection\n",
               rss_before, rss_after, (double)(rss_after - rss_before) / count);
    }

    int epoll = epoll_create1(0);
    for (int i = 0; i < count; i++) {
        fcntl(fds[i], F_SETFL, O_NONBLOCK);
        struct epoll_event event = { .events = EPOLLIN, .data.u32 = i };
        epoll_ctl(epoll, EPOLL_CTL_ADD, fds[i], &event);
    }
    const char payload[] = "{\"symbol\":\"NSE:CIPLA\",\"close\":1523.45,\"volume\":1200}";
    const int frame_length = 2 + (int)strlen(payload);
    int *received = calloc(count, sizeof(int));
    struct epoll_event *events = calloc(1024, sizeof *events);
    char buffer[4096];
    double worst = 0, total = 0;
    double *times = calloc(rounds, sizeof(double));
    for (int round = 0; round < rounds; round++) {
        memset(received, 0, count * sizeof(int));
        int control = connect_to(port);
        char request[512];
        int length = snprintf(request, sizeof request,
                              "POST /broadcast HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              strlen(payload), payload);
        double start = now_ms();
        if (write(control, request, length) != length) { perror("write"); return 1; }
        int done = 0;
        double first = 0;
        while (done < count) {
            int ready = epoll_wait(epoll, events, 1024, 5000);
            if (ready <= 0) { fprintf(stderr, "timed out with %d of %d delivered\n", done, count); return 1; }
            for (int e = 0; e < ready; e++) {
                int i = events[e].data.u32;
                // One read per readiness event: the frame is far smaller than the buffer, and
                // epoll (level-triggered) reports the socket again if anything is left, so a
                // second read would only cost the client a syscall that returns EAGAIN.
                ssize_t n;
                if ((n = read(fds[i], buffer, sizeof buffer)) > 0) {
                    if (received[i] < frame_length && received[i] + n >= frame_length && done++ == 0) first = now_ms() - start;
                    received[i] += n;
                }
            }
        }
        double elapsed = now_ms() - start;
        close(control);
        total += elapsed;
        times[round] = elapsed;
        if (elapsed > worst) worst = elapsed;
        printf("round %d: one message to %d sockets in %.1f ms (the first after %.1f ms)\n", round + 1, count, elapsed, first);
        usleep(200 * 1000);
    }
    qsort(times, rounds, sizeof(double), compare_doubles);
    printf("fan-out: median %.1f ms, mean %.1f ms, best %.1f ms, worst %.1f ms over %d rounds\n",
           times[rounds / 2], total / rounds, times[0], worst, rounds);
    return 0;
}
