/* Events from the ring buffer: printf output, print(), exit(), clear()
 * and zero(). */
#ifndef LANTERN_EVENTS_H
#define LANTERN_EVENTS_H
#include <stdbool.h>

#include "../codegen/bpf_image.h"
#include "maps.h"
#include "output.h"

struct bpf_object;

#include <signal.h>

struct event_state {
	const struct program *prog;
	const struct map_layout *layouts;
	struct map_place *places; /* by map id */
	struct output *out;
	bool exit_requested;
	int exit_code;
	int errors; /* errorf() and assert() messages so far (--mode test counts them) */
	/* After exit(), events behind it are dropped (as bpftrace does), until
	 * END runs. */
	bool after_exit;
	/* A stop signal: consuming stops at the next event, so the signal is
	 * acted on at once whatever the load. */
	const volatile sig_atomic_t *stop;
	/* Draining what is queued after the probes are gone: past deadline_ns
	 * (0: none) the rest is not printed but counted in late. */
	bool draining;
	unsigned long long deadline_ns;
	unsigned long long late;
	long long max_cat_bytes; /* cat() prints this much of a file at most */
	/* unwatch(addr): detaches the watchpoints on addr (run.c's) */
	void (*unwatch)(void *ctx, unsigned long long addr);
	void *unwatch_ctx;
};

/* CLOCK_MONOTONIC in ns: the clock of nsecs (bpf_ktime_get_ns), and of
 * the drain's deadline. */
unsigned long long monotonic_ns(void);

/* ring_buffer_sample_fn */
int event_handle(void *ctx, void *data, size_t size);

/* messages.c: cat(), system(), join() */
void event_cat(struct event_state *st, const struct async_call *a, const unsigned char *rec);
void event_system(struct event_state *st, const struct async_call *a, const unsigned char *rec);
void event_join(struct event_state *st, const struct async_call *a, const unsigned char *rec);

/* Prints one map now (print(@m) and the dump at exit). */
void event_print_map(struct event_state *st, int map_id, long long top, long long div);

#endif
