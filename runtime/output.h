/* Everything lantern prints for the user goes through a struct output:
 * what the script prints (printf, print), the maps, the attached-probes
 * banner and the lost-events count. Diagnostics do not (compiler/diag.h).
 *
 * To add a format: write runtime/output_NAME.c with a struct output_ops
 * (every entry set), declare it below and add it to the table in
 * output.c; output_format("NAME") then finds it. */
#ifndef LANTERN_OUTPUT_H
#define LANTERN_OUTPUT_H
#include <stdio.h>

#include "../compiler/program.h"
#include "maps.h"

struct output;

/* Text the runtime made for the script: cat()'s file, join()'s strings,
 * system()'s command output (bpftrace's JSON calls it "syscall"). */
enum output_message { MESSAGE_CAT, MESSAGE_JOIN, MESSAGE_SYSTEM };

/* --mode test and bench (modes.c): the n probes' names (NAME of
 * test:NAME), whether each test passed (so far), and how many results
 * were printed before this one. */
struct run_results {
	int n;
	const char *const *names;
	const bool *passed;
	int shown;
};

struct output_ops {
	/* printf(): a's record, from the ring buffer */
	void (*printf_event)(struct output *o, const struct async_call *a, const unsigned char *rec);
	/* print() of one value of type t */
	void (*value)(struct output *o, const struct type *t, const void *data);
	/* A sorted map: top keeps the last N entries, div divides the values
	 * (0: off). */
	void (*map)(struct output *o, const struct map_snapshot *s, long long top, long long div);
	/* After END, before every map is printed. */
	void (*exit_maps)(struct output *o);
	/* The probes are attached: scripts wait for this. */
	void (*attached)(struct output *o, int nprobes);
	/* Events the ring buffer had no room for; only when there were any. */
	void (*lost_events)(struct output *o, unsigned long long n);
	/* time(): the current time as its format shows it */
	void (*time)(struct output *o, const char *text);
	/* cat(), join(), system(): len bytes of text; join's is one line */
	void (*message)(struct output *o, enum output_message kind, const char *text, size_t len);
	/* -k: the helper call of a failed with retcode */
	void (*helper_error)(struct output *o, const struct async_call *a, long long retcode);
	/* --mode test: test index's result (r->passed[index] set), its run's
	 * time, and what it printed (as text), shown when it failed. */
	void (*test_result)(struct output *o, const struct run_results *r, int index, unsigned long long duration_ns,
			    const char *printed);
	/* --mode bench: benchmark index's average time of a run, over iters runs */
	void (*bench_result)(struct output *o, const struct run_results *r, int index, unsigned long long average_ns,
			     unsigned long long iters);
	/* After each batch of events, and at the end. */
	void (*flush)(struct output *o);
};

struct output {
	const struct output_ops *ops;
	const struct program *prog; /* probe names */
	FILE *out;                  /* stdout */
	FILE *err;                  /* stderr */
	bool full_buffering;        /* -B full: flushed only when the buffer is full, and at the end */
};

extern const struct output_ops output_text, output_json;

/* The format of that name; NULL: the default, text. NULL when there is
 * none of that name. */
const struct output_ops *output_format(const char *name);

/* Attach point id as `probe` prints it (its name), or as `func` does
 * (t->of_func: the function it probes). */
const char *output_probe_name(const struct program *p, const struct type *t, unsigned long long id);
/* A value as plain text: a string up to its NUL, a probe's name, an
 * integer (output_write_int: fast, for maps of a million keys), a tuple
 * as (1, abc), a record as { .a = 1, .b = abc }. */
void output_write_value(FILE *out, const struct program *p, const struct type *t, const void *data);
/* A string buffer of size bytes as it is shown: its text, and after it
 * str_trunc_trailer ("..") if it was cut, as bpftrace judges it (the text
 * fills its buffer and is max_strlen long or more). Into out, which has
 * room for size + OUTPUT_TRAILER_MAX + 1 bytes; its length. */
#define OUTPUT_TRAILER_MAX 64
size_t output_string_shown(char *out, const char *data, int size);
void output_write_int(FILE *out, unsigned long long v, bool is_signed);

/* output_resolved.c: TY_RESOLVED values as text; a buffer in the style
 * of printf's %r (0), %rx ('x') or %rh ('h'); the time wall_ns (of the
 * wall clock) in strftime's format with bpftrace's %f, %k, %l; how two
 * resolved values sort. */
void output_write_resolved(FILE *out, const struct program *p, const struct type *t, const void *data);
void output_write_buffer(FILE *out, const void *data, int style);
void output_write_time(FILE *out, const char *fmt, unsigned long long wall_ns);
unsigned long long output_wall_clock_ns(void);
/* How far the wall clock is ahead of nsecs_clock clock (0: boot), measured once. */
unsigned long long output_wall_clock_offset(unsigned clock);
int output_compare_resolved(const struct type *t, const void *a, const void *b);

/* The BPF helper's name, as -k's messages give it: "probe_read_user_str". */
const char *output_helper_name(int helper);

/* output_tseries.c: a tseries map's latest interval (of all its keys:
 * where every chart ends); a value's chart as bpftrace prints it, and
 * its intervals as JSON objects. */
unsigned long long output_tseries_last(const struct map_snapshot *s);
void output_write_tseries(FILE *out, const struct aggregate *a, const unsigned long long *v, unsigned long long last);
void output_write_tseries_json(FILE *out, const struct aggregate *a, const unsigned long long *v,
			       unsigned long long last);
/* output_stacks.c: a kstack or ustack as its mode prints it (starting
 * with a newline, a line per frame); ksym()'s and usym()'s names. */
void output_write_stack(FILE *out, const struct program *p, const struct type *t, const void *data);
/* The stack maps' fds (-1: none), once the object is loaded. */
void output_use_stack_maps(int frames_fd, int build_ids_fd);
void output_write_symbol(FILE *out, const struct program *p, const struct type *t, const void *data);

/* Flushes stdout: what every format's flush does. */
void output_flush(struct output *o);

/* The script's printf() of a record: the text every format shows. */
void output_write_printf(FILE *f, const struct program *p, const struct async_call *a, const unsigned char *rec);

#endif
