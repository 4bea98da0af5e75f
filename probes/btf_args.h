/* Arguments a program gets as 8-byte slots, typed by a BTF prototype
 * (compiler/cdefs.h's cdefs_function): fentry/fexit's (from slot 0) and
 * raw tracepoints' (whose prototype starts with the tracepoint's own
 * `void *__data`, skipped). */
#ifndef LANTERN_BTF_ARGS_H
#define LANTERN_BTF_ARGS_H
#include "../compiler/cdefs.h"
#include "provider.h"

/* How a value of type t is read from slot: integers by their size (the
 * slot holds them in its low bytes), pointers whole. */
const struct probe_field *btf_args_slot(const char *name, int slot, const struct type *t);
/* args.name: parameter name of proto (from parameter first on, at slots
 * 0...), or NULL. */
const struct probe_field *btf_args_field(const struct cdefs_function *proto, int first, const char *name);
/* args whole: a struct of the parameters, each at its slot; NULL if none. */
const struct probe_field *btf_args_whole(const struct cdefs_function *proto, int first);
/* -lv: a line per parameter, "    TYPE NAME", as bpftrace lists them. */
void btf_args_describe(const struct cdefs_function *proto, int first, void (*emit)(void *ctx, const char *line),
		       void *ctx);

#endif
