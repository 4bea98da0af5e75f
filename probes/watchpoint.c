/* watchpoint:ADDR:LEN:MODE (w:): a hardware breakpoint on LEN bytes at
 * ADDR, firing when they are read (r), written (w) or, LEN 1, executed
 * (x). A user address is the -p or -c process's: its threads are watched
 * each (perf events inherited by the threads they start); a kernel
 * address is watched on every CPU. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "provider.h"
#include "target.h"

struct watchpoint {
	unsigned long long addr;
	unsigned len, type; /* HW_BREAKPOINT_R, _W, _RW, _X */
};

/* Where kernel addresses start: above the canonical user half (x86-64,
 * arm64). */
#define KERNEL_ADDRESSES 0xffff800000000000ULL

static int watchpoint_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	char *text = arena_strdup(spec);
	char *len_text = strchr(text, ':');
	char *mode = len_text ? strchr(len_text + 1, ':') : NULL;
	if (!mode || strchr(mode + 1, ':')) {
		diag_error(loc, "a watchpoint is written watchpoint:<address>:<length>:<mode>, as watchpoint:0x1000:8:rw");
		return -1;
	}
	*len_text++ = 0;
	*mode++ = 0;
	char *end;
	errno = 0;
	unsigned long long addr = strtoull(text, &end, 0);
	if (!isdigit((unsigned char)text[0]) || *end || errno) {
		diag_error(loc, "a watchpoint's address must be a number (0x... or decimal), not '%s'", text);
		return -1;
	}
	unsigned long len = strtoul(len_text, &end, 10);
	if (*end || (len != 1 && len != 2 && len != 4 && len != 8)) {
		diag_error(loc, "a watchpoint's length must be 1, 2, 4 or 8 bytes, not '%s'", len_text);
		return -1;
	}
	unsigned type = 0;
	for (const char *m = mode; *m; m++) {
		unsigned bit = *m == 'r' ? HW_BREAKPOINT_R : *m == 'w' ? HW_BREAKPOINT_W : *m == 'x' ? HW_BREAKPOINT_X : 0;
		if (!bit || (type & bit)) {
			type = 0;
			break;
		}
		type |= bit;
	}
	if (!type || ((type & HW_BREAKPOINT_X) && type != HW_BREAKPOINT_X)) {
		diag_error(loc, "a watchpoint's mode is r, w, rw or x, not '%s'", mode);
		return -1;
	}
	if (type == HW_BREAKPOINT_X && len != 1) {
		diag_error(loc, "an execution watchpoint (x) has length 1, not %lu", len);
		return -1;
	}
	const struct target *t = target_get();
	if (addr < KERNEL_ADDRESSES && !t->pid && !t->is_command) {
		diag_error(loc, "a watchpoint on a user address watches a process: give -p or -c");
		return -1;
	}
	struct watchpoint *w = arena_alloc(sizeof(*w));
	*w = (struct watchpoint){ addr, (unsigned)len, type };
	struct attach_point *ap = attach_point_new(&provider_watchpoint,
						   arena_printf("watchpoint:0x%llx:%lu:%s", addr, len, mode), loc);
	ap->data = w;
	attach_list_push(out, ap);
	return 0;
}

static bool watchpoint_watches(const struct attach_point *ap, unsigned long long addr)
{
	return ((const struct watchpoint *)ap->data)->addr == addr;
}

#ifndef LANTERN_FRONT_END_ONLY
static int watchpoint_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
			     struct link_list *links)
{
	const struct watchpoint *w = ap->data;
	struct perf_event_attr attr = {
		.type = PERF_TYPE_BREAKPOINT,
		.size = sizeof(attr),
		.bp_type = w->type,
		.bp_addr = w->addr,
		/* the kernel takes an execution breakpoint as a long's length (x86) */
		.bp_len = w->type == HW_BREAKPOINT_X ? sizeof(long) : w->len,
		.sample_period = 1,
		.inherit = 1, /* threads started later are watched too */
	};
	if (w->addr >= KERNEL_ADDRESSES)
		return perf_attach_online_cpus(prog, &attr, cookie, links);
	/* the process's threads, each: an inherited event only follows new ones */
	return perf_attach_process(prog, &attr, target_get()->pid, cookie, links);
}
#endif

const struct provider provider_watchpoint = {
	.name = "watchpoint",
	.alias = "w",
	.section = "perf_event",
	.attach_cookie = true,
	.watches = watchpoint_watches,
	.share_programs = true,
	.expand = watchpoint_expand,
	.attach = BACKEND(watchpoint_attach),
};
