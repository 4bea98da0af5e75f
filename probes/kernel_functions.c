/* Reading the traceable kernel functions once. The table is malloc'd,
 * not in the arena: it outlives a compilation (-l, the unit tests free
 * the arena between uses). */
#include "kernel_functions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tracefs.h"

static struct kernel_functions table;
static bool loaded;
static char reason[300];

static void add(struct kernel_function **items, int *cap, const char *name, const char *module)
{
	if (table.n == *cap) {
		*cap = *cap ? *cap * 2 : 4096;
		*items = realloc(*items, sizeof(**items) * (size_t)*cap);
		if (!*items)
			abort();
	}
	char *n = strdup(name), *m = module ? strdup(module) : (char *)"vmlinux";
	if (!n || !m)
		abort();
	(*items)[table.n++] = (struct kernel_function){ n, m };
}

/* Left out, as bpftrace leaves them out: ftrace's placeholders for
 * functions it could not place (weak functions overridden elsewhere),
 * where nothing attaches, and functions a probe must not run in (the
 * kernel's selftests skip them: the idle loop and RCU's own functions
 * run where RCU is not watching, the XDP dispatcher is patched). */
bool kernel_function_left_out(const char *name)
{
	static const char *const names[] = { "arch_cpu_idle", "default_idle", "bpf_dispatcher_xdp_func" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return true;
	return !strncmp(name, "__ftrace_invalid_address__", 26) || !strncmp(name, "rcu_", 4);
}

/* "name" or "name [module]" (tracefs); "addr t name\t[module]" (kallsyms). */
static void read_list(FILE *f, bool kallsyms, struct kernel_function **items, int *cap)
{
	char line[512];
	while (fgets(line, sizeof(line), f)) {
		char *s = line;
		if (kallsyms) {
			char type;
			int at = 0;
			if (sscanf(line, "%*s %c %n", &type, &at) != 1 || !at || (type != 't' && type != 'T'))
				continue;
			s = line + at;
		}
		char *name = strtok(s, " \t\n");
		char *module = strtok(NULL, " \t\n");
		if (!name || kernel_function_left_out(name))
			continue;
		if (module && module[0] == '[') {
			module++;
			module[strcspn(module, "]")] = 0;
		} else {
			module = NULL;
		}
		add(items, cap, name, module);
	}
}

static int by_name_module(const void *a, const void *b)
{
	const struct kernel_function *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->module, y->module);
}

static void load(void)
{
	loaded = true;
	const char *why = NULL;
	const char *root = tracefs_root(&why);
	char path[300];
	FILE *f = NULL;
	if (root) {
		snprintf(path, sizeof(path), "%s/available_filter_functions", root);
		f = fopen(path, "r");
	}
	table.from_kallsyms = !f;
	if (!f && !(f = fopen("/proc/kallsyms", "r"))) {
		snprintf(reason, sizeof(reason), "cannot read the kernel's functions (%s/available_filter_functions, "
						 "/proc/kallsyms)%s%s",
			 root ? root : "tracefs", why ? ": " : "", why ? why : "");
		return;
	}
	struct kernel_function *items = NULL;
	int cap = 0;
	read_list(f, table.from_kallsyms, &items, &cap);
	fclose(f);
	if (table.n)
		qsort(items, (size_t)table.n, sizeof(*items), by_name_module);
	int kept = 0;
	for (int i = 0; i < table.n; i++) {
		if (!kept || by_name_module(&items[kept - 1], &items[i])) {
			items[kept++] = items[i];
			continue;
		}
		free((char *)items[i].name);
		if (strcmp(items[i].module, "vmlinux"))
			free((char *)items[i].module);
	}
	table.n = kept;
	table.items = items;
}

const struct kernel_functions *kernel_functions(const char **why)
{
	if (!loaded)
		load();
	if (!table.items && reason[0]) {
		*why = reason;
		return NULL;
	}
	return &table;
}

const struct kernel_function *kernel_function_named(const struct kernel_functions *t, const char *name)
{
	int lo = 0, hi = t->n;
	while (lo < hi) { /* the first entry not before name */
		int mid = (lo + hi) / 2;
		if (strcmp(t->items[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && !strcmp(t->items[lo].name, name) ? &t->items[lo] : NULL;
}

bool kernel_module_exists(const char *module)
{
	char path[300];
	snprintf(path, sizeof(path), "/sys/module/%s", module);
	return !strcmp(module, "vmlinux") || access(path, F_OK) == 0;
}
