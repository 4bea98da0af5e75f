/* iter: probes' iterators, read by a thread (iterators.h). */
#include "iterators.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "../compiler/diag.h"
#include "../probes/provider.h"

#define MAX_ITERATORS 64

static struct {
	int fds[MAX_ITERATORS];
	int n;
	int done_fd;
	int error; /* errno of a failed read, or 0 */
	pthread_t thread;
} readers;

/* Reads each iterator to its end. The programs write nothing into the
 * iterator's own output (their events go to the ring buffer), so each
 * read runs through many objects and returns little. */
static void *read_all(void *arg)
{
	(void)arg;
	char buf[4096];
	for (int i = 0; i < readers.n; i++) {
		for (;;) {
			ssize_t got = read(readers.fds[i], buf, sizeof(buf));
			if (got > 0 || (got < 0 && (errno == EINTR || errno == EAGAIN)))
				continue;
			if (got < 0 && !readers.error)
				readers.error = errno;
			break;
		}
		close(readers.fds[i]);
	}
	unsigned long long one = 1;
	if (write(readers.done_fd, &one, sizeof(one)) < 0)
		readers.error = readers.error ? readers.error : errno;
	return NULL;
}

int iterators_start(void)
{
	readers.n = iter_take_fds(readers.fds, MAX_ITERATORS);
	if (!readers.n)
		return -1;
	readers.done_fd = eventfd(0, EFD_CLOEXEC);
	if (readers.done_fd < 0 || pthread_create(&readers.thread, NULL, read_all, NULL)) {
		diag_plain_error("cannot read the iterators: %s", strerror(errno));
		if (readers.done_fd >= 0)
			close(readers.done_fd);
		return -1;
	}
	return readers.done_fd;
}

void iterators_finish(int done_fd)
{
	if (done_fd < 0)
		return;
	pthread_join(readers.thread, NULL);
	close(done_fd);
	if (readers.error)
		diag_plain_error("reading an iterator failed: %s", strerror(readers.error));
}
