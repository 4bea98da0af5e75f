/* The USDT probes an ELF file has: sys/sdt.h leaves a note for each place
 * a probe is in the code (.note.stapsdt: the place, its provider and
 * name, its arguments' specs, its semaphore). Read once per file with
 * libelf; the addresses are turned into the file offsets the kernel's
 * uprobes take. What was read lives as long as the process. */
#ifndef LANTERN_USDT_NOTES_H
#define LANTERN_USDT_NOTES_H

#include "elf_symbols.h"

struct usdt_note {
	const char *provider, *name;
	const char *args; /* "-4@%eax 8@%rdi", as written; "" for none */
	unsigned long long pc;        /* where it is once loaded, moved as .stapsdt.base was */
	long long offset;             /* of pc in the file; -1: in no segment loaded from it */
	unsigned long long semaphore; /* its address, or 0 for none */
	long long semaphore_offset;   /* of the semaphore in the file; -1: not in it */
};

struct usdt_notes {
	/* sorted by provider, name, then place: the places of one probe are
	 * next to each other */
	const struct usdt_note *notes;
	int n;
};

/* The notes of the ELF file f (none when it has no .note.stapsdt), or
 * NULL with *why set when it cannot be read. */
const struct usdt_notes *usdt_notes_get(const struct elf_file *f, const char **why);

#endif
