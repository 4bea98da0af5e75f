/* The iterators of iter: probes, read to their end by a thread of their
 * own: the kernel runs their programs as they are read, and the events
 * those send arrive in the ring buffer meanwhile, which the event loop
 * prints as it does any probe's. When all are read, the run ends, as
 * bpftrace's does. */
#ifndef LANTERN_ITERATORS_H
#define LANTERN_ITERATORS_H

/* Starts reading the iterators attached (probes/iter.c). Returns an fd
 * that becomes readable once every one is read to its end, -1 when
 * there are none, or -2 after reporting that they cannot be read. */
int iterators_start(void);
/* Stops the reader after its current read and waits for it; reports
 * what a read failed with; closes the fd. */
void iterators_finish(int done_fd);

#endif
