/* User addresses as symbols, when ustack and usym print: the process's
 * maps say which file an address is in and where in it, the file's ELF
 * symbol tables which function (read once per file, sorted by address).
 * How long a process's maps are kept is the cache_user_symbols setting. */
#ifndef LANTERN_SYMBOLS_USER_H
#define LANTERN_SYMBOLS_USER_H
#include <stdbool.h>

/* cache_user_symbols's choices, in its order (compiler/config.c) */
enum user_symbol_cache {
	USER_SYMBOLS_PER_PID,     /* each process's maps read once */
	USER_SYMBOLS_PER_PROGRAM, /* one process's maps serve every process of its program */
	USER_SYMBOLS_NONE,        /* read every time */
};

void user_symbols_set_cache(enum user_symbol_cache how);
/* Whether a process's symbols may be kept once looked up (not NONE) */
bool user_symbols_kept(void);
/* cpp_demangle: C++ names are shown demangled ("ns::f(int)"), as bcc's. */
void user_symbols_set_demangle(bool on);
/* Reads pid's maps now and keeps them for when the process is gone
 * (the -c command, as it exits or just before it is stopped), whatever
 * the setting. */
void user_symbols_remember(int pid);

struct user_symbol {
	const char *name;          /* NULL: no symbol has the address */
	char *demangled;           /* name, when it is a demangled one: user_symbol_done frees it */
	unsigned long long offset; /* of the address in it */
	const char *module;        /* the file, or NULL when no file maps the address */
	unsigned long long vaddr;  /* the address in the file (as its ELF's), when has_vaddr */
	bool has_vaddr;
};

/* addr in process pid. fallback_binary (the probe's file, or NULL) is
 * looked in when the process is gone and the file is not
 * position-independent, so its addresses are the file's own. */
void user_symbol_at(int pid, unsigned long long addr, const char *fallback_binary, struct user_symbol *out);
void user_symbol_done(struct user_symbol *s);

/* Where s is in the source, from its file's DWARF (probes/dwarf.h's
 * dwarf_places_at): inlined calls first; 0 without debug info. */
struct dwarf_place;
int user_symbol_places(const struct user_symbol *s, struct dwarf_place *out, int max);

#endif
