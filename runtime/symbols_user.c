/* Resolving user addresses: maps (probes/process_maps.c) per process or
 * per program as cache_user_symbols says, and per file its functions by
 * address (from probes/elf_symbols.c's table, sorted by name). Nothing is
 * read until an address is printed. */
#include "symbols_user.h"

#include "../probes/dwarf.h"

#include <dlfcn.h>
#include <elf.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../probes/elf_symbols.h"
#include "../probes/process_maps.h"

static enum user_symbol_cache cache_how;
static bool demangle;

void user_symbols_set_cache(enum user_symbol_cache how)
{
	cache_how = how;
}

bool user_symbols_kept(void)
{
	return cache_how != USER_SYMBOLS_NONE;
}

void user_symbols_set_demangle(bool on)
{
	demangle = on;
}

void user_symbol_done(struct user_symbol *s)
{
	free(s->demangled);
	s->demangled = NULL;
}

/* A file's functions by address. */
struct file_symbols {
	struct file_symbols *next;
	char *path;
	const struct elf_file *elf; /* NULL: not an ELF file we can read */
	const struct elf_symbol **by_addr;
	int n;
};

static struct file_symbols *files;

static int by_address(const void *a, const void *b)
{
	const struct elf_symbol *x = *(const struct elf_symbol *const *)a, *y = *(const struct elf_symbol *const *)b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* A stripped file's separate debug file, by its build id, as bcc finds
 * it for bpftrace: its .symtab has the local functions (glibc's
 * __libc_start_call_main). NULL when the file has its own or none is
 * installed. */
static const struct elf_file *debug_file(const struct elf_file *e)
{
	if (e->has_symtab || !e->build_id || strlen(e->build_id) < 3)
		return NULL;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "/usr/lib/debug/.build-id/%.2s/%s.debug", e->build_id, e->build_id + 2);
	const char *why;
	return access(path, R_OK) ? NULL : elf_file_get(path, &why);
}

static struct file_symbols *file_symbols(const char *path)
{
	for (struct file_symbols *f = files; f; f = f->next)
		if (!strcmp(f->path, path))
			return f;
	struct file_symbols *f = calloc(1, sizeof(*f));
	if (!f || !(f->path = strdup(path)))
		abort();
	const char *why;
	f->elf = path[0] != '[' ? elf_file_get(path, &why) : !strcmp(path, "[vdso]") ? elf_vdso() : NULL;
	if (f->elf) {
		const struct elf_file *debug = debug_file(f->elf);
		int n = f->elf->nsymbols, nd = debug ? debug->nsymbols : 0;
		f->by_addr = malloc(sizeof(*f->by_addr) * (size_t)(n + nd ? n + nd : 1));
		if (!f->by_addr)
			abort();
		for (int i = 0; i < n; i++)
			f->by_addr[f->n++] = &f->elf->symbols[i];
		for (int i = 0; i < nd; i++)
			f->by_addr[f->n++] = &debug->symbols[i];
		qsort(f->by_addr, (size_t)f->n, sizeof(*f->by_addr), by_address);
	}
	f->next = files;
	files = f;
	return f;
}

/* The function holding the file's address vaddr (or starting there when
 * it has no size), or NULL. */
static const struct elf_symbol *function_at(const struct file_symbols *f, unsigned long long vaddr)
{
	int lo = 0, hi = f->n - 1, last = -1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (f->by_addr[mid]->addr <= vaddr) {
			last = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	/* a few back: a function may lie inside a bigger one's bytes */
	for (int i = last; i >= 0 && i > last - 8; i--) {
		const struct elf_symbol *s = f->by_addr[i];
		if (vaddr == s->addr || vaddr - s->addr < s->size)
			return s;
	}
	return NULL;
}

/* Maps kept: by pid (PER_PID) or by the program's path (PER_PROGRAM). */
struct kept_maps {
	struct kept_maps *next;
	int pid;
	char *exe;
	struct process_maps *maps; /* NULL: the process was gone */
};

static struct kept_maps *kept;

static char *exe_of(int pid)
{
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/%d/exe", pid);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return NULL;
	path[n] = 0;
	return strdup(path);
}

/* -c's watcher thread remembers as the command exits, while the main
 * thread may be printing stacks: the list is shared under a lock. */
static struct kept_maps *remembered;
static pthread_mutex_t remembered_lock = PTHREAD_MUTEX_INITIALIZER;

void user_symbols_remember(int pid)
{
	struct process_maps *maps = process_maps_read(pid);
	if (!maps) /* gone: what was read before, if anything, stays */
		return;
	struct kept_maps *k = calloc(1, sizeof(*k));
	if (!k)
		abort();
	k->pid = pid;
	k->maps = maps;
	pthread_mutex_lock(&remembered_lock);
	k->next = remembered;
	remembered = k;
	pthread_mutex_unlock(&remembered_lock);
}

static struct process_maps *remembered_maps(int pid)
{
	struct process_maps *found = NULL;
	pthread_mutex_lock(&remembered_lock);
	for (struct kept_maps *k = remembered; k && !found; k = k->next)
		if (k->pid == pid)
			found = k->maps;
	pthread_mutex_unlock(&remembered_lock);
	return found;
}

/* pid's maps, and whether the caller frees them (*owned); those kept by
 * user_symbols_remember once it is gone. */
static struct process_maps *maps_of(int pid, bool *owned)
{
	*owned = false;
	if (cache_how == USER_SYMBOLS_NONE) {
		struct process_maps *m = process_maps_read(pid);
		*owned = m != NULL;
		return m ? m : remembered_maps(pid);
	}
	char *exe = cache_how == USER_SYMBOLS_PER_PROGRAM ? exe_of(pid) : NULL;
	for (struct kept_maps *k = kept; k; k = k->next) {
		if (exe ? k->exe && !strcmp(k->exe, exe) : k->pid == pid) {
			free(exe);
			return k->maps;
		}
	}
	struct kept_maps *k = calloc(1, sizeof(*k));
	if (!k)
		abort();
	k->pid = pid;
	k->exe = exe;
	k->maps = process_maps_read(pid);
	if (!k->maps)
		k->maps = remembered_maps(pid);
	k->next = kept;
	kept = k;
	return k->maps;
}

/* The file address of byte off of the file: through the segment that
 * loads it. */
static bool file_vaddr(const struct elf_file *e, unsigned long long off, unsigned long long *vaddr)
{
	for (int i = 0; i < e->nsegments; i++) {
		const struct elf_segment *s = &e->segments[i];
		if (off >= s->offset && off - s->offset < s->filesz) {
			*vaddr = off - s->offset + s->vaddr;
			return true;
		}
	}
	return false;
}

static void lookup(const char *path, unsigned long long vaddr, struct user_symbol *out)
{
	const struct file_symbols *f = file_symbols(path);
	const struct elf_symbol *s = f->elf ? function_at(f, vaddr) : NULL;
	out->module = f->path;
	out->vaddr = vaddr;
	out->has_vaddr = true;
	if (s) {
		out->name = s->name;
		out->offset = vaddr - s->addr;
		if (demangle && !strncmp(s->name, "_Z", 2) && (out->demangled = elf_demangle(s->name)))
			out->name = out->demangled;
	}
}

void user_symbol_at(int pid, unsigned long long addr, const char *fallback_binary, struct user_symbol *out)
{
	*out = (struct user_symbol){ 0 };
	bool owned;
	struct process_maps *m = pid > 0 ? maps_of(pid, &owned) : NULL;
	const struct process_region *r = m ? process_region_at(m, addr) : NULL;
	if (r) {
		const struct file_symbols *f = file_symbols(r->path);
		unsigned long long vaddr;
		out->module = f->path;
		if (f->elf && file_vaddr(f->elf, addr - r->start + r->offset, &vaddr))
			lookup(r->path, vaddr, out);
	} else if (!m && fallback_binary) {
		/* the process is gone: a fixed-address program's addresses are its file's */
		const struct file_symbols *f = file_symbols(fallback_binary);
		if (f->elf && f->elf->type == ET_EXEC)
			lookup(fallback_binary, addr, out);
	}
	if (m && owned)
		process_maps_free(m);
}

int user_symbol_places(const struct user_symbol *s, struct dwarf_place *out, int max)
{
	const char *why;
	struct dwarf_file *f = s->has_vaddr && s->module ? dwarf_file_get(s->module, &why) : NULL;
	return f ? dwarf_places_at(f, s->vaddr, out, max) : 0;
}
