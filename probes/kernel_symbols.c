/* /proc/kallsyms, read once, in two orders: as the file lists them (a
 * name's first symbol, kaddr's) and by address (what an address is in).
 * Lines are "ADDRESS TYPE NAME [MODULE]"; the module is left out, as
 * bpftrace shows kernel frames. */
#include "kernel_symbols.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	bool read;
	const char *error; /* why it could not be read */
	struct kernel_symbol *in_file; /* file order */
	const struct kernel_symbol **by_addr;
	int n;
} table;

static int by_address(const void *a, const void *b)
{
	const struct kernel_symbol *x = *(const struct kernel_symbol *const *)a, *y = *(const struct kernel_symbol *const *)b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x < y ? -1 : x > y; /* the file's first of an address wins */
}

static void read_table(void)
{
	table.read = true;
	FILE *f = fopen("/proc/kallsyms", "r");
	if (!f) {
		table.error = strerror(errno);
		return;
	}
	int cap = 0;
	char line[512];
	while (fgets(line, sizeof(line), f)) {
		char *end, *name;
		unsigned long long addr = strtoull(line, &end, 16);
		if (end == line || end[0] != ' ' || !end[1] || end[2] != ' ')
			continue;
		name = end + 3;
		name[strcspn(name, " \t\n")] = 0;
		if (!*name)
			continue;
		if (table.n == cap) {
			cap = cap ? cap * 2 : 65536;
			table.in_file = realloc(table.in_file, sizeof(*table.in_file) * (size_t)cap);
			if (!table.in_file)
				abort();
		}
		char *copy = strdup(name);
		if (!copy)
			abort();
		table.in_file[table.n++] = (struct kernel_symbol){ copy, addr };
	}
	fclose(f);
	table.by_addr = malloc(sizeof(*table.by_addr) * (size_t)(table.n ? table.n : 1));
	if (!table.by_addr)
		abort();
	for (int i = 0; i < table.n; i++)
		table.by_addr[i] = &table.in_file[i];
	qsort(table.by_addr, (size_t)table.n, sizeof(*table.by_addr), by_address);
	/* with kptr_restrict every address reads 0: nothing resolves */
	if (table.n && !table.by_addr[table.n - 1]->addr)
		table.error = "its addresses are hidden (kptr_restrict)";
}

const struct kernel_symbol *kernel_symbol_at(unsigned long long addr, unsigned long long *offset)
{
	if (!table.read)
		read_table();
	if (table.error)
		return NULL;
	int lo = 0, hi = table.n - 1, found = -1;
	while (lo <= hi) { /* the last at or below addr */
		int mid = lo + (hi - lo) / 2;
		if (table.by_addr[mid]->addr <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (found < 0)
		return NULL;
	/* the first of the symbols at that address */
	while (found > 0 && table.by_addr[found - 1]->addr == table.by_addr[found]->addr)
		found--;
	*offset = addr - table.by_addr[found]->addr;
	return table.by_addr[found];
}

const struct kernel_symbol *kernel_symbol_named(const char *name, const char **why)
{
	if (!table.read)
		read_table();
	*why = table.error;
	if (table.error)
		return NULL;
	for (int i = 0; i < table.n; i++)
		if (!strcmp(table.in_file[i].name, name))
			return &table.in_file[i];
	return NULL;
}
