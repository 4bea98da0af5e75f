/* iter: probes' iterators, read by a thread (iterators.h). */
#include "iterators.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "../compiler/diag.h"
#include "../probes/provider.h"

static struct {
	const int *fds;
	int n;
	int done_fd;
	int error; /* errno of a failed read, or 0 */
	volatile sig_atomic_t stop; /* the run is ending: read no more */
	pthread_t thread;
} readers;

/* Reads each iterator to its end. The programs write nothing into the
 * iterator's own output (their events go to the ring buffer), so each
 * read runs through many objects and returns little. Signals are the
 * main thread's: its poll wakes at once for a Ctrl-C. */
static void *read_all(void *arg)
{
	(void)arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	char buf[4096];
	for (int i = 0; i < readers.n; i++) {
		while (!readers.stop) {
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
	if (write(readers.done_fd, &one, sizeof(one)) < 0 && !readers.error)
		readers.error = errno;
	return NULL;
}

int iterators_start(void)
{
	readers.n = iter_take_fds(&readers.fds);
	if (!readers.n)
		return -1;
	readers.stop = 0;
	readers.done_fd = eventfd(0, EFD_CLOEXEC);
	int err = readers.done_fd < 0 ? errno : pthread_create(&readers.thread, NULL, read_all, NULL);
	if (!err)
		return readers.done_fd;
	diag_plain_error("cannot read the iterators: %s", strerror(err));
	if (readers.done_fd >= 0)
		close(readers.done_fd);
	for (int i = 0; i < readers.n; i++)
		close(readers.fds[i]);
	readers.n = 0;
	return -2;
}

void iterators_finish(int done_fd)
{
	if (done_fd < 0)
		return;
	readers.stop = 1; /* between two reads: the kernel's part of one is short */
	pthread_join(readers.thread, NULL);
	close(done_fd);
	if (readers.error)
		diag_plain_error("reading an iterator failed: %s", strerror(readers.error));
}
