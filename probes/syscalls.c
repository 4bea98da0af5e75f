/* Syscall numbers by name, from the table of names syscall_name() prints
 * (builtins/syscall_names.c), for attaching syscall tracepoints through
 * raw_syscalls (tracepoint.c). */
#include "syscalls.h"

#include <string.h>

#include "../builtins/string_tables.h"

/* Tracepoints named after the kernel's function where the number's name
 * differs: SYSCALL_DEFINE(newstat) is __NR_stat. */
static const struct {
	const char *tracepoint, *name;
} renamed[] = {
	{ "newstat", "stat" },	       { "newfstat", "fstat" }, { "newlstat", "lstat" },
	{ "newuname", "uname" },       { "sendfile64", "sendfile" }, { "umount", "umount2" },
};

int syscall_number(const char *name)
{
	for (size_t i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (!strcmp(name, renamed[i].tracepoint))
			name = renamed[i].name;
	/* the first of a name: x86_64's x32 numbers (512 on) repeat some */
	for (int nr = 0; nr < SYSCALL_TEXTS; nr++)
		if (syscall_texts[nr] && !strcmp(syscall_texts[nr], name))
			return nr;
	return -1;
}
