/* Reading .note.stapsdt with libelf. A note's description is three
 * addresses (the probe's place, where .stapsdt.base was when it was
 * linked, the semaphore) and three strings (provider, name, arguments).
 * A file moved after linking (prelink) has its notes unchanged, so both
 * addresses move by how far .stapsdt.base did. Tables are malloc'd:
 * they outlive a compilation, as elf_symbols.c's do. */
#include "usdt_notes.h"

#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STAPSDT_NOTE_TYPE 3

struct cached_notes {
	struct cached_notes *next;
	const struct elf_file *file;
	struct usdt_notes notes;
};

static struct cached_notes *cache;

static char *copy(const char *s)
{
	char *c = strdup(s);
	if (!c)
		abort();
	return c;
}

static unsigned long long read_address(const unsigned char *p, int size, bool big_endian)
{
	unsigned long long v = 0;
	for (int i = 0; i < size; i++)
		v |= (unsigned long long)p[big_endian ? i : size - 1 - i] << (8 * (size - 1 - i));
	return v;
}

struct note_list {
	struct usdt_note *items;
	int n, cap;
};

static void add_note(struct note_list *l, const struct usdt_note *note)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = realloc(l->items, sizeof(*l->items) * (size_t)l->cap);
		if (!l->items)
			abort();
	}
	l->items[l->n++] = *note;
}

/* One note's description; malformed ones are passed over. */
static void read_note(const struct elf_file *f, const unsigned char *desc, size_t size, int addr_size,
		      bool big_endian, unsigned long long base, struct note_list *out)
{
	size_t strings = 3 * (size_t)addr_size;
	if (size <= strings || desc[size - 1])
		return;
	struct usdt_note note = { 0 };
	note.pc = read_address(desc, addr_size, big_endian);
	unsigned long long note_base = read_address(desc + addr_size, addr_size, big_endian);
	note.semaphore = read_address(desc + 2 * addr_size, addr_size, big_endian);
	if (base && note_base) {
		note.pc += base - note_base;
		if (note.semaphore)
			note.semaphore += base - note_base;
	}
	const char *provider = (const char *)desc + strings;
	const char *name = memchr(provider, 0, size - strings);
	const char *args = name ? memchr(name + 1, 0, size - (size_t)(name + 1 - (const char *)desc)) : NULL;
	if (!args)
		return;
	note.provider = copy(provider);
	note.name = copy(name + 1);
	note.args = copy(args + 1);
	note.offset = elf_address_to_offset(f->segments, f->nsegments, note.pc);
	note.semaphore_offset =
		note.semaphore ? elf_address_to_offset(f->segments, f->nsegments, note.semaphore) : -1;
	add_note(out, &note);
}

static void read_note_section(const struct elf_file *f, Elf_Scn *scn, int addr_size, bool big_endian,
			      unsigned long long base, struct note_list *out)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	GElf_Nhdr nh;
	size_t at = 0, name_at, desc_at;
	while (data && (at = gelf_getnote(data, at, &nh, &name_at, &desc_at)) > 0) {
		const char *owner = (const char *)data->d_buf + name_at;
		if (nh.n_type == STAPSDT_NOTE_TYPE && nh.n_namesz == sizeof("stapsdt") && !strcmp(owner, "stapsdt"))
			read_note(f, (const unsigned char *)data->d_buf + desc_at, nh.n_descsz, addr_size, big_endian, base,
				  out);
	}
}

static int by_probe_then_place(const void *a, const void *b)
{
	const struct usdt_note *x = a, *y = b;
	int c = strcmp(x->provider, y->provider);
	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : (x->pc > y->pc) - (x->pc < y->pc);
}

static int read_notes(const struct elf_file *f, struct usdt_notes *out, const char **why)
{
	int fd = open(f->path, O_RDONLY | O_CLOEXEC);
	Elf *e = fd < 0 || elf_version(EV_CURRENT) == EV_NONE ? NULL : elf_begin(fd, ELF_C_READ_MMAP, NULL);
	GElf_Ehdr eh;
	size_t shstrndx;
	if (!e || !gelf_getehdr(e, &eh) || elf_getshdrstrndx(e, &shstrndx)) {
		*why = "its sections cannot be read";
		if (e)
			elf_end(e);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int addr_size = eh.e_ident[EI_CLASS] == ELFCLASS32 ? 4 : 8;
	bool big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
	unsigned long long base = 0;
	Elf_Scn *scn = NULL, *notes = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name = gelf_getshdr(scn, &sh) ? elf_strptr(e, shstrndx, sh.sh_name) : NULL;
		if (name && !strcmp(name, ".stapsdt.base"))
			base = sh.sh_addr;
		else if (name && sh.sh_type == SHT_NOTE && !strcmp(name, ".note.stapsdt"))
			notes = scn;
	}
	struct note_list l = { 0 };
	if (notes)
		read_note_section(f, notes, addr_size, big_endian, base, &l);
	elf_end(e);
	close(fd);
	if (l.n)
		qsort(l.items, (size_t)l.n, sizeof(*l.items), by_probe_then_place);
	out->notes = l.items;
	out->n = l.n;
	return 0;
}

const struct usdt_notes *usdt_notes_get(const struct elf_file *f, const char **why)
{
	for (struct cached_notes *c = cache; c; c = c->next)
		if (c->file == f)
			return &c->notes;
	struct cached_notes *c = calloc(1, sizeof(*c));
	if (!c)
		abort();
	if (read_notes(f, &c->notes, why)) {
		free(c);
		return NULL;
	}
	c->file = f;
	c->next = cache;
	cache = c;
	return &c->notes;
}
