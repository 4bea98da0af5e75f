/* wl_socket N M: over loopback, UDP socket A sends N datagrams and then
 * socket B sends M, each "lantern-packet-<i>", to a third socket that
 * receives them. Each sender's SO_MARK is its socket cookie (its low 32
 * bits), so a probe can check socket_cookie() against what the socket
 * itself says. Brings lo up first if it is down (the QEMU lane's guest). */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif

static void loopback_up(int fd)
{
	struct ifreq ifr = { 0 };
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr))
			perror("bringing lo up");
	}
}

static int sender(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	uint64_t cookie = 0;
	socklen_t len = sizeof(cookie);
	if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_COOKIE, &cookie, &len)) {
		perror("sender socket");
		exit(1);
	}
	uint32_t mark = (uint32_t)cookie;
	if (setsockopt(fd, SOL_SOCKET, SO_MARK, &mark, sizeof(mark)))
		perror("SO_MARK");
	return fd;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: wl_socket N M\n");
		return 2;
	}
	long counts[2] = { strtol(argv[1], NULL, 10), strtol(argv[2], NULL, 10) };
	int rx = socket(AF_INET, SOCK_DGRAM, 0);
	if (rx < 0) {
		perror("socket");
		return 1;
	}
	loopback_up(rx);
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t tolen = sizeof(to);
	if (bind(rx, (struct sockaddr *)&to, sizeof(to)) || getsockname(rx, (struct sockaddr *)&to, &tolen)) {
		perror("bind");
		return 1;
	}
	char buf[64];
	for (int s = 0; s < 2; s++) {
		int fd = sender();
		for (long i = 0; i < counts[s]; i++) {
			int n = snprintf(buf, sizeof(buf), "lantern-packet-%ld", i);
			if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&to, sizeof(to)) != n ||
			    recv(rx, buf, sizeof(buf), 0) < 0) {
				perror("sendto");
				return 1;
			}
		}
		close(fd);
	}
	return 0;
}
