/* Stacks and symbols as bpftrace 0.26 prints them. A stack is a newline,
 * then a line per frame: "        func+off" (stack_mode bpftrace), "\tADDR
 * func+off" (perf; a user frame adds " (binary)"), "ADDR" (raw), or a
 * build id and file offset (build_id). ksym() and usym() print the name
 * alone. An address no symbol holds is 0xADDR. Kernel symbols come from
 * /proc/kallsyms (probes/kernel_symbols.c), user ones from the process's
 * maps and its files (symbols_user.c), read only when one is printed.
 * A stack's frames are in a stack map, by the id its value holds. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "../compiler/config.h"
#include "../compiler/diag.h"
#include "../probes/dwarf.h"
#include "../probes/kernel_symbols.h"
#include "../probes/provider.h"
#include "symbols_user.h"

static unsigned long long word(const unsigned char *data, int offset)
{
	unsigned long long v;
	memcpy(&v, data + offset, 8);
	return v;
}

static void write_address(FILE *out, unsigned long long addr)
{
	if (addr)
		fprintf(out, "0x%llx", addr);
	else
		fputc('0', out); /* as C++ streams print a null pointer */
}

static void write_kernel_symbol(FILE *out, unsigned long long addr, bool with_offset)
{
	unsigned long long off;
	const struct kernel_symbol *s = kernel_symbol_at(addr, &off);
	if (!s) {
		write_address(out, addr);
		return;
	}
	fputs(s->name, out);
	if (with_offset)
		fprintf(out, "+%llu", off);
}

/* The file the probe probes (uprobes): where a gone process's addresses
 * are looked up. */
static const char *probe_binary(const struct program *p, unsigned id)
{
	if (id >= (unsigned)p->nprobes)
		return NULL;
	const struct attach_point *ap = p->probes[id].ap;
	return ap->provider->binary ? ap->provider->binary(ap) : NULL;
}

#define MAX_INLINED 16

/* A ustack frame with show_debug_info, as bpftrace: the calls inlined at
 * the address first, a line each ("[inlined] f@file:line", perf's "ADDR f
 * (inlined)"), then the frame's own line with its function's file:line
 * (perf: none). False when the file's DWARF does not cover it. */
static bool write_source_frame(FILE *out, const struct user_symbol *s, unsigned long long addr, bool perf)
{
	struct dwarf_place places[MAX_INLINED];
	int n = config_int(CONFIG_SHOW_DEBUG_INFO) ? user_symbol_places(s, places, MAX_INLINED) : 0;
	if (n == 0 || places[n - 1].inlined)
		return false;
	for (int i = 0; i < n - 1; i++) {
		if (perf)
			fprintf(out, "%s (inlined)\n\t%llx ", places[i].function, addr);
		else
			fprintf(out, "[inlined] %s@%s:%d\n        ", places[i].function,
				places[i].file ? places[i].file : "??", places[i].line);
	}
	fprintf(out, "%s+%llu", s->name, s->offset);
	if (perf)
		fprintf(out, " (%s)", s->module);
	else if (places[n - 1].file)
		fprintf(out, "@%s:%d", places[n - 1].file, places[n - 1].line);
	return true;
}

static void write_user_symbol(FILE *out, const struct program *p, unsigned long long addr, int pid, unsigned probe,
			      bool in_stack, bool perf)
{
	struct user_symbol s;
	user_symbol_at(pid, addr, probe_binary(p, probe), &s);
	if (!s.name) {
		write_address(out, addr);
		if (perf)
			fputs(" ([unknown])", out);
		return;
	}
	if (!in_stack || !write_source_frame(out, &s, addr, perf)) {
		fputs(s.name, out);
		if (in_stack)
			fprintf(out, "+%llu", s.offset);
		if (perf)
			fprintf(out, " (%s)", s.module);
	}
	user_symbol_done(&s);
}

/* User frames written before, by process, probe, address and style: the
 * stacks of a map share most of their frames, and a frame's symbol and
 * DWARF places cost far more than the lookup of its text. Kept as long
 * as the process's symbols are (cache_user_symbols; none: not at all). */
struct frame_text {
	unsigned long long addr;
	int pid;
	unsigned probe;
	bool perf;
	char *text; /* NULL: an empty slot */
};
static struct frame_text *frame_texts;
static size_t frame_texts_cap, frame_texts_n;

static size_t frame_slot(const struct frame_text *table, size_t cap, unsigned long long addr, int pid,
			 unsigned probe, bool perf)
{
	unsigned long long h = (addr ^ ((unsigned long long)pid << 40) ^ ((unsigned long long)probe << 20) ^ perf) *
			       0x9e3779b97f4a7c15ULL;
	size_t i = (size_t)(h >> 20) & (cap - 1);
	while (table[i].text && (table[i].addr != addr || table[i].pid != pid || table[i].probe != probe ||
				 table[i].perf != perf))
		i = (i + 1) & (cap - 1);
	return i;
}

static void grow_frame_texts(void)
{
	size_t cap = frame_texts_cap ? frame_texts_cap * 2 : 4096;
	struct frame_text *table = calloc(cap, sizeof(*table));
	if (!table)
		return;
	for (size_t i = 0; i < frame_texts_cap; i++) {
		const struct frame_text *f = &frame_texts[i];
		if (f->text)
			table[frame_slot(table, cap, f->addr, f->pid, f->probe, f->perf)] = *f;
	}
	free(frame_texts);
	frame_texts = table;
	frame_texts_cap = cap;
}

/* A frame of a user stack, its text made once per process and address */
static void write_user_frame(FILE *out, const struct program *p, unsigned long long addr, int pid, unsigned probe,
			     bool perf)
{
	if (2 * (frame_texts_n + 1) > frame_texts_cap && user_symbols_kept())
		grow_frame_texts();
	if (2 * (frame_texts_n + 1) > frame_texts_cap) { /* not kept, or no memory for more: written as it is */
		write_user_symbol(out, p, addr, pid, probe, true, perf);
		return;
	}
	struct frame_text *f = &frame_texts[frame_slot(frame_texts, frame_texts_cap, addr, pid, probe, perf)];
	if (!f->text) {
		size_t len;
		FILE *text = open_memstream(&f->text, &len);
		if (!text) {
			write_user_symbol(out, p, addr, pid, probe, true, perf);
			return;
		}
		write_user_symbol(text, p, addr, pid, probe, true, perf);
		fclose(text);
		*f = (struct frame_text){ addr, pid, probe, perf, f->text };
		frame_texts_n++;
	}
	fputs(f->text, out);
}

/* struct bpf_stack_build_id: status (1: the build id is valid), the
 * build id's 20 bytes, then the file offset (or the address) */
static void write_build_id_frame(FILE *out, const unsigned char *f)
{
	int status;
	memcpy(&status, f, 4);
	if (status != 1) {
		fprintf(out, "%llx\n", word(f, 24));
		return;
	}
	for (int i = 0; i < 20; i++)
		fprintf(out, "%02x", f[4 + i]);
	fprintf(out, " 0x%02llx\n", word(f, 24));
}

/* The stack maps (builtins/stacks.c): a stack's frames by its id. */
static int stack_map_fds[2] = { -1, -1 };

void output_use_stack_maps(int frames_fd, int build_ids_fd)
{
	stack_map_fds[0] = frames_fd;
	stack_map_fds[1] = build_ids_fd;
}

/* The frames of the stack of id, into buf (the map's value size); false
 * when the map does not have them: it was full when the stack was new. */
static bool stack_frames(bool build_ids, unsigned long long id, unsigned char *buf)
{
	static bool warned;
	if (stack_map_fds[build_ids] >= 0 && !bpf_map_lookup_elem(stack_map_fds[build_ids], &id, buf))
		return true;
	if (!warned)
		diag_plain_warning("some stacks print without their frames: the stack map was full when they were "
				   "taken (it keeps max_map_keys stacks, at most %d; raise it with "
				   "config = { max_map_keys = N } or BPFTRACE_MAX_MAP_KEYS)", MAX_STACKS);
	warned = true;
	return false;
}

void output_write_stack(FILE *out, const struct program *p, const struct type *t, const void *data)
{
	const unsigned char *d = data;
	bool user = t->resolved == RESOLVED_USTACK;
	bool build_ids = t->stack_mode == STACK_BUILD_ID;
	unsigned long long frames = word(d, user ? 8 : 0);
	int limit = type_stack_limit(t), frame = type_stack_frame_size(t);
	int pid = 0;
	unsigned probe = 0;
	if (user) {
		memcpy(&pid, d, 4);
		memcpy(&probe, d + 4, 4);
	}
	if (frames > (unsigned long long)limit)
		frames = (unsigned long long)limit;
	fputc('\n', out);
	unsigned char *buf = frames ? malloc((size_t)p->stack_frames_bytes[build_ids]) : NULL;
	if (frames && (!buf || !stack_frames(build_ids, word(d, user ? USTACK_HEADER : KSTACK_HEADER), buf)))
		frames = 0;
	for (unsigned long long i = 0; i < frames; i++) {
		const unsigned char *f = buf + (int)i * frame;
		if (build_ids) {
			write_build_id_frame(out, f);
			continue;
		}
		unsigned long long addr = word(f, 0);
		switch (t->stack_mode) {
		case STACK_RAW:
			fprintf(out, "%llx\n", addr);
			continue;
		case STACK_PERF:
			fprintf(out, "\t%llx ", addr);
			break;
		default:
			fputs("        ", out);
		}
		if (user)
			write_user_frame(out, p, addr, pid, probe, t->stack_mode == STACK_PERF);
		else
			write_kernel_symbol(out, addr, true);
		fputc('\n', out);
	}
	free(buf);
}

void output_write_symbol(FILE *out, const struct program *p, const struct type *t, const void *data)
{
	const unsigned char *d = data;
	if (t->resolved == RESOLVED_KSYM) {
		write_kernel_symbol(out, word(d, 0), false);
		return;
	}
	int pid;
	unsigned probe;
	memcpy(&pid, d + 8, 4);
	memcpy(&probe, d + 12, 4);
	write_user_symbol(out, p, word(d, 0), pid, probe, false, false);
}
