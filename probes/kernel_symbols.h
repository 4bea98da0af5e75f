/* The kernel's symbols, from /proc/kallsyms: read the first time one is
 * asked for (kaddr() when compiling, ksym() and kstack when printing), so
 * a script that uses none reads nothing. The table lives as long as the
 * process. */
#ifndef LANTERN_KERNEL_SYMBOLS_H
#define LANTERN_KERNEL_SYMBOLS_H
#include <stdbool.h>

struct kernel_symbol {
	const char *name;
	unsigned long long addr;
};

/* The symbol addr is in (the last at or below it), with *offset set to
 * addr's distance from it; NULL below the first symbol or when
 * /proc/kallsyms cannot be read. */
const struct kernel_symbol *kernel_symbol_at(unsigned long long addr, unsigned long long *offset);
/* The first symbol of that name, as bpftrace's kaddr() takes it; NULL
 * when there is none. *why says why when the file cannot be read. */
const struct kernel_symbol *kernel_symbol_named(const char *name, const char **why);

#endif
