/* Built-in variables and functions are descriptors: one row each, in the
 * family file under builtins/ that holds its type rule and its lowering
 * together (builtins/registry.c lists the families). The front end reads a
 * row's name, arity, flags and type rule; the events pass its
 * event; codegen calls its lowering. Adding a builtin is one row and its
 * code in one family file.
 *
 * Lowerings are back-end code (LLVM), named in a row with BACKEND(fn)
 * (backend.h): a front-end-only build has none. The full binary checks at
 * start-up that every row has one. */
#ifndef LANTERN_BUILTIN_H
#define LANTERN_BUILTIN_H
#include <stdbool.h>

#include "backend.h"
#include "program.h"

struct checker;
struct cg;
struct cg_value;
struct LLVMOpaqueValue;

enum builtin_kind {
	BUILTIN_VARIABLE,    /* pid; pid() means the same */
	BUILTIN_FUNCTION,
	BUILTIN_AGGREGATION, /* count(), hist()...: only as @map = f(...) */
};

enum builtin_flag {
	/* Same value everywhere in one run of a probe (pid, comm...): a map
	 * key built from it can reuse an earlier lookup (lookup_cache.c). */
	BF_STABLE = 1 << 0,
	/* A positional parameter as its first argument is the parameter's
	 * text, number or not: str($1). */
	BF_POSITIONAL_TEXT = 1 << 1,
	/* Has side effects beyond tracing (system, signal): only with
	 * --unsafe, as bpftrace. */
	BF_UNSAFE = 1 << 2,
};

struct builtin {
	const char *name;
	enum builtin_kind kind;
	int min_args, max_args;
	const char *signature; /* shown when a call is wrong */
	unsigned flags;        /* enum builtin_flag */
	/* Types the variable or the call (arity already checked); reports
	 * errors through the checker. */
	const struct type *(*check)(struct checker *c, struct node *n);
	/* A call that sends an event to userspace: which, and the arguments
	 * of its record (the events pass calls it). */
	enum async_kind event;
	void (*event_args)(struct async_call *a, const struct node *call);
	/* An aggregation's descriptor (compiler/aggregation.h). */
	const struct aggregation *aggregation;
	/* Lowering: the value, as codegen's struct cg_value. NULL for calls
	 * that only send their event (codegen sends it) and aggregations
	 * (lowered by the map assignment). */
	struct cg_value (*lower)(struct cg *g, struct node *n);
	/* Strings: written straight into dst (size bytes; pad: zero the rest
	 * up to round8(size)), so they are not copied twice. */
	void (*lower_into)(struct cg *g, struct node *n, struct LLVMOpaqueValue *dst, int size, bool pad);
	/* An event whose record is more than its arguments' values (join's
	 * strings, read in the kernel): fills the reserved record rec after
	 * its header. NULL: the arguments are stored as event_args laid them. */
	void (*lower_record)(struct cg *g, struct node *n, const struct async_call *a, struct LLVMOpaqueValue *rec);
	/* A value known when the script is compiled (sizeof, is_str...), once
	 * the call is typed: `if comptime` and static_assert read it
	 * (compiler/comptime.c). false when it is not known. */
	bool (*constant)(const struct node *n, long long *value);
	/* A text known when compiling (typeinfo's members), or NULL */
	const char *(*constant_text)(const struct node *n, const char *member);
};

/* A family: its rows end with a row whose name is NULL. */
struct builtin_family {
	const char *name;
	const struct builtin *rows;
};

extern const struct builtin_family builtins_process, builtins_output, builtins_memory, builtins_maps,
	builtins_aggregations, builtins_strings, builtins_time, builtins_debug, builtins_types, builtins_net,
	builtins_signal, builtins_tseries, builtins_stacks,
	builtins_cgroups, builtins_string_build, builtins_task, builtins_messages, builtins_kfuncs,
	builtins_kernel_objects, builtins_override, builtins_skboutput;

const struct builtin *builtin_lookup(const char *name);
struct nearest;
/* Offers every builtin's name to a "did you mean" (compiler/spelling.h). */
void builtins_offer_names(struct nearest *nr);
/* The clock of nsecs or nsecs(clock) n: 0 boot (nsecs's own), 1
 * monotonic, 2 tai, 3 sw_tai (process.c); -1 for none. */
int nsecs_clock(const struct node *n);
bool builtin_positional_as_text(const char *name);
/* Every row has what its kind needs (a lowering, an event's arguments);
 * reports what is missing and returns false. The binary runs it first. */
bool builtins_self_check(void);

#endif
