/* Syscall numbers by name, as this architecture's kernel headers give
 * them (build/gen/syscall_numbers.h, made by the Makefile), for attaching
 * syscall tracepoints through raw_syscalls (tracepoint.c). */
#include "syscalls.h"

#include <asm/unistd.h>
#include <stdlib.h>
#include <string.h>

struct syscall_number {
	const char *name;
	int nr;
};

static const struct syscall_number numbers[] = {
#define SYSCALL_NUMBER(name) { #name, __NR_##name },
#include "syscall_numbers.h"
#undef SYSCALL_NUMBER
};

/* Tracepoints named after the kernel's function where the number's name
 * differs: SYSCALL_DEFINE(newstat) is __NR_stat. */
static const struct {
	const char *tracepoint, *name;
} renamed[] = {
	{ "newstat", "stat" },	       { "newfstat", "fstat" }, { "newlstat", "lstat" },
	{ "newuname", "uname" },       { "sendfile64", "sendfile" }, { "umount", "umount2" },
};

/* Syscalls newer than the headers of Debian 12 (6.1): from 424 on every
 * architecture numbers them alike. Checked on 6.18: a syscall of each
 * number fires the tracepoint of its name. */
static const struct syscall_number newer[] = {
	{ "cachestat", 451 },	      { "fchmodat2", 452 },	     { "map_shadow_stack", 453 },
	{ "futex_wake", 454 },	      { "futex_wait", 455 },	     { "futex_requeue", 456 },
	{ "statmount", 457 },	      { "listmount", 458 },	     { "lsm_get_self_attr", 459 },
	{ "lsm_set_self_attr", 460 }, { "lsm_list_modules", 461 }, { "mseal", 462 },
	{ "setxattrat", 463 },	      { "getxattrat", 464 },	     { "listxattrat", 465 },
	{ "removexattrat", 466 },     { "open_tree_attr", 467 },    { "file_getattr", 468 },
	{ "file_setattr", 469 },
};

static int by_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct syscall_number *)elem)->name);
}

int syscall_number(const char *name)
{
	for (size_t i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (!strcmp(name, renamed[i].tracepoint))
			name = renamed[i].name;
	const struct syscall_number *n =
		bsearch(name, numbers, sizeof(numbers) / sizeof(numbers[0]), sizeof(numbers[0]), by_name);
	if (n)
		return n->nr;
	for (size_t i = 0; i < sizeof(newer) / sizeof(newer[0]); i++)
		if (!strcmp(name, newer[i].name))
			return newer[i].nr;
	return -1;
}
