/* Reading the traceable kernel functions once: the file is read whole
 * and split in place, the names hashed (no sort: a script naming a few
 * functions pays for reading the list, not for ordering 50,000 names).
 * It is malloc'd, not in the arena: it outlives a compilation (-l, the
 * unit tests free the arena between uses). */
#include "kernel_functions.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "../compiler/spelling.h"
#include "provider.h"
#include "tracefs.h"

static struct kernel_functions table;
static char *text; /* the file read, which the names point into */
static bool loaded;
static char reason[300];

/* Entries by name: chains of indexes through next[], from buckets[]. */
static int *buckets, *next;
static unsigned nbuckets;

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

bool kernel_function_left_out(const char *name)
{
	static const char *const names[] = { "arch_cpu_idle", "default_idle", "bpf_dispatcher_xdp_func" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return true;
	return !strncmp(name, "__ftrace_invalid_address__", 26) || !strncmp(name, "rcu_", 4);
}

static void *grow(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		abort();
	return p;
}

static void add(struct kernel_function **items, int *cap, const char *name, const char *module)
{
	unsigned b = hash(name) & (nbuckets - 1);
	for (int i = buckets[b]; i >= 0; i = next[i])
		if (!strcmp((*items)[i].name, name) && !strcmp((*items)[i].module, module))
			return; /* a static function of one name in several files */
	if (table.n == *cap) {
		*cap = *cap ? *cap * 2 : 4096;
		*items = grow(*items, sizeof(**items) * (size_t)*cap);
		next = grow(next, sizeof(*next) * (size_t)*cap);
	}
	(*items)[table.n] = (struct kernel_function){ name, module };
	next[table.n] = buckets[b];
	buckets[b] = table.n++;
}

/* Lines "name" or "name [module]" (tracefs), "addr t name\t[module]"
 * (kallsyms, text symbols only), split in place. */
static void parse(char *text, bool kallsyms, struct kernel_function **items, int *cap)
{
	for (char *line = text, *end; *line; line = end) {
		end = line + strcspn(line, "\n");
		if (*end)
			*end++ = 0;
		if (kallsyms) {
			char *type = strchr(line, ' ');
			if (!type || (type[1] != 't' && type[1] != 'T') || type[2] != ' ')
				continue;
			line = type + 3;
		}
		char *name = line, *module = "vmlinux";
		char *space = name + strcspn(name, " \t");
		if (*space) {
			*space = 0;
			char *open = strchr(space + 1, '[');
			if (open && strchr(open, ']')) {
				module = open + 1;
				*strchr(module, ']') = 0;
			}
		}
		if (*name && !kernel_function_left_out(name))
			add(items, cap, name, module);
	}
}

/* The whole of a /proc or tracefs file (their sizes say 0), or NULL. */
static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t n = 0, cap = 1 << 20;
	char *buf = grow(NULL, cap);
	for (size_t got; (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
		n += got;
		if (cap - n - 1 < (1 << 16))
			buf = grow(buf, cap *= 2);
	}
	fclose(f);
	buf[n] = 0;
	return buf;
}

static const char *list_file;

void kernel_functions_from_file(const char *path)
{
	list_file = path;
}

static void load(void)
{
	loaded = true;
	if (list_file) {
		if (!(text = read_all(list_file))) {
			snprintf(reason, sizeof(reason), "cannot read --traceable-functions %s: %s", list_file,
				 strerror(errno));
			return;
		}
	} else {
		const char *why = NULL;
		const char *root = tracefs_root(&why);
		char path[300];
		if (root) {
			snprintf(path, sizeof(path), "%s/available_filter_functions", root);
			text = read_all(path);
		}
		table.from_kallsyms = !text;
		if (!text && !(text = read_all("/proc/kallsyms"))) {
			snprintf(reason, sizeof(reason),
				 "cannot read the kernel's functions (%s/available_filter_functions, /proc/kallsyms)%s%s",
				 root ? root : "tracefs", why ? ": " : "", why ? why : "");
			return;
		}
	}
	nbuckets = 1 << 17;
	buckets = grow(NULL, sizeof(*buckets) * nbuckets);
	memset(buckets, 0xff, sizeof(*buckets) * nbuckets); /* -1: empty */
	struct kernel_function *items = NULL;
	int cap = 0;
	parse(text, table.from_kallsyms, &items, &cap);
	table.items = items;
}

const struct kernel_functions *kernel_functions(const char **why)
{
	if (!loaded)
		load();
	if (!buckets) {
		*why = reason;
		return NULL;
	}
	return &table;
}

static bool module_matches(const char *pattern, const struct kernel_function *f)
{
	return !pattern || !fnmatch(pattern, f->module, 0);
}

const struct kernel_functions *kernel_functions_for(const char *module, bool listing, struct loc loc, int *rc)
{
	const char *why = NULL;
	const struct kernel_functions *t = kernel_functions(&why);
	*rc = 0;
	if (!t) {
		if (listing)
			diag_plain_error("cannot list kernel functions: %s", why);
		else
			diag_error(loc, "cannot look up kernel functions: %s", why);
		*rc = -1;
		return NULL;
	}
	if (listing && t->from_kallsyms)
		return NULL; /* what can be traced is not known: nothing to list */
	if (module && !provider_has_wildcard(module) && !kernel_module_exists(module)) {
		*rc = listing ? 0 : provider_missing(loc, "no kernel module '%s' is loaded", module);
		return NULL;
	}
	return t;
}

const struct kernel_function *kernel_function_find(const struct kernel_functions *t, const char *name,
						   const char *module)
{
	const struct kernel_function *pick = NULL;
	for (int i = buckets[hash(name) & (nbuckets - 1)]; i >= 0; i = next[i]) {
		const struct kernel_function *f = &t->items[i];
		if (!strcmp(f->name, name) && module_matches(module, f) && (!pick || !strcmp(f->module, "vmlinux")))
			pick = f;
	}
	return pick;
}

static int by_name_module(const void *a, const void *b)
{
	const struct kernel_function *x = *(const struct kernel_function *const *)a;
	const struct kernel_function *y = *(const struct kernel_function *const *)b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->module, y->module);
}

int kernel_functions_matching(const struct kernel_functions *t, const char *name, const char *module,
			      const struct kernel_function ***out)
{
	int n = 0, cap = 0;
	const struct kernel_function **found = NULL;
	for (int i = 0; i < t->n; i++) {
		if (fnmatch(name, t->items[i].name, 0) || !module_matches(module, &t->items[i]))
			continue;
		found = arena_grow(found, n, &cap, sizeof(*found));
		found[n++] = &t->items[i];
	}
	if (n)
		qsort(found, (size_t)n, sizeof(*found), by_name_module);
	*out = found;
	return n;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *nearest(const struct kernel_functions *t, const char *name)
{
	const char **names = arena_alloc(sizeof(*names) * (size_t)(t->n + 1));
	for (int i = 0; i < t->n; i++)
		names[i] = t->items[i].name;
	/* offered in order, so that ties come out the same on every kernel */
	qsort(names, (size_t)t->n, sizeof(*names), by_name);
	struct nearest nr;
	nearest_begin(&nr, name);
	for (int i = 0; i < t->n; i++)
		nearest_offer(&nr, names[i]);
	return nearest_hint(&nr);
}

const char *kernel_function_absent(const struct kernel_functions *t, const char *name, const char *what)
{
	if (kernel_function_left_out(name))
		return arena_printf("kernel function '%s' is left out: probes must not run in it (RCU's functions, "
				    "the idle loop)",
				    what);
	if (t->from_kallsyms)
		return arena_printf("no kernel function '%s'%s", what, nearest(t, name));
	return arena_printf("kernel function '%s' is not traceable (it does not exist, is inlined, or is marked "
			    "notrace)%s",
			    what, nearest(t, name));
}

bool kernel_module_exists(const char *module)
{
	char path[300];
	snprintf(path, sizeof(path), "/sys/module/%s", module);
	return !strcmp(module, "vmlinux") || access(path, F_OK) == 0;
}
