/* Reading an ELF file's functions and load segments with libelf, once
 * per file. Files are told apart by device and inode, so a binary named
 * two ways (/bin/bash, /usr/bin/bash) is read once. The tables are
 * malloc'd, not in the arena: they outlive a compilation (-l, the unit
 * tests free the arena between uses). */
#include "elf_symbols.h"

#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdint.h>
#include <stdio.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "process_maps.h"

struct cached_file {
	struct cached_file *next;
	dev_t dev;
	ino_t ino;
	struct elf_file file;
};

static struct cached_file *cache;

static void *grow(void *items, int n, int *cap, size_t size)
{
	if (n < *cap)
		return items;
	*cap = *cap ? *cap * 2 : 64;
	void *p = realloc(items, size * (size_t)*cap);
	if (!p)
		abort();
	return p;
}

struct symbol_list {
	struct elf_symbol *items;
	int *order; /* where each was found: ties keep the first */
	int n, cap, order_cap;
};

static void add_symbol(struct symbol_list *l, const char *name, const GElf_Sym *sym)
{
	l->items = grow(l->items, l->n, &l->cap, sizeof(*l->items));
	l->order = grow(l->order, l->n, &l->order_cap, sizeof(*l->order));
	char *copy = strdup(name);
	if (!copy)
		abort();
	l->items[l->n] = (struct elf_symbol){ copy, sym->st_value, sym->st_size };
	l->order[l->n] = l->n;
	l->n++;
}

/* Functions into funcs, data (uaddr's) into objects. */
static void read_symbol_table(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh, struct symbol_list *funcs,
			      struct symbol_list *objects)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data || !sh->sh_entsize)
		return;
	size_t n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < n; i++) {
		GElf_Sym sym;
		if (!gelf_getsym(data, (int)i, &sym))
			continue;
		int type = GELF_ST_TYPE(sym.st_info);
		bool func = type == STT_FUNC || type == STT_GNU_IFUNC;
		if ((!func && type != STT_OBJECT) || sym.st_shndx == SHN_UNDEF)
			continue;
		const char *name = elf_strptr(e, sh->sh_link, sym.st_name);
		if (name && *name)
			add_symbol(func ? funcs : objects, name, &sym);
	}
}

static struct symbol_list *sorting; /* qsort has no context argument */

static int by_name_then_order(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;
	int c = strcmp(sorting->items[i].name, sorting->items[j].name);
	return c ? c : (i > j) - (i < j);
}

/* Sorted by name, the first of each name kept (.dynsym comes first in
 * most files, where a name is in both tables at one address). */
static void sort_unique(struct symbol_list *l, const struct elf_symbol **symbols, int *nsymbols)
{
	sorting = l;
	if (l->n)
		qsort(l->order, (size_t)l->n, sizeof(*l->order), by_name_then_order);
	struct elf_symbol *out = malloc(sizeof(*out) * (size_t)(l->n ? l->n : 1));
	if (!out)
		abort();
	int kept = 0;
	for (int k = 0; k < l->n; k++) {
		struct elf_symbol *s = &l->items[l->order[k]];
		if (kept && !strcmp(out[kept - 1].name, s->name))
			free((char *)s->name);
		else
			out[kept++] = *s;
	}
	free(l->items);
	free(l->order);
	*symbols = out;
	*nsymbols = kept;
}

/* The GNU build id of a note section, in hex; NULL if it has none. */
static const char *read_build_id(Elf_Scn *scn)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	GElf_Nhdr nh;
	size_t off = 0, name_at, desc_at;
	while (data && (off = gelf_getnote(data, off, &nh, &name_at, &desc_at)) > 0) {
		if (nh.n_type != NT_GNU_BUILD_ID || nh.n_namesz != 4 || memcmp((char *)data->d_buf + name_at, "GNU", 4))
			continue;
		char *hex = malloc(nh.n_descsz * 2 + 1);
		if (!hex)
			abort();
		for (size_t i = 0; i < nh.n_descsz; i++)
			sprintf(hex + 2 * i, "%02x", ((unsigned char *)data->d_buf)[desc_at + i]);
		hex[nh.n_descsz * 2] = 0;
		return hex;
	}
	return NULL;
}

static int read_segments(Elf *e, struct elf_file *f)
{
	size_t n;
	if (elf_getphdrnum(e, &n))
		return -1;
	struct elf_segment *segs = NULL;
	int count = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		segs = grow(segs, count, &cap, sizeof(*segs));
		segs[count++] = (struct elf_segment){ ph.p_vaddr, ph.p_offset, ph.p_filesz };
	}
	f->segments = segs;
	f->nsegments = count;
	return 0;
}

/* Reads e (and ends it) into f */
static int read_elf(Elf *e, struct elf_file *f, const char **why)
{
	GElf_Ehdr eh;
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
		*why = "it is not an ELF file";
		if (e)
			elf_end(e);
		return -1;
	}
	f->type = eh.e_type;
	struct symbol_list funcs = { 0 }, objects = { 0 };
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM)
			read_symbol_table(e, scn, &sh, &funcs, &objects);
		f->has_symtab |= sh.sh_type == SHT_SYMTAB;
		if (sh.sh_type == SHT_NOTE && !f->build_id)
			f->build_id = read_build_id(scn);
	}
	sort_unique(&funcs, &f->symbols, &f->nsymbols);
	sort_unique(&objects, &f->objects, &f->nobjects);
	int err = read_segments(e, f);
	elf_end(e);
	if (err)
		*why = "its program headers cannot be read";
	return err;
}

static int read_file(int fd, struct elf_file *f, const char **why)
{
	if (elf_version(EV_CURRENT) == EV_NONE) {
		*why = "libelf is out of date";
		return -1;
	}
	return read_elf(elf_begin(fd, ELF_C_READ_MMAP, NULL), f, why);
}

typedef char *demangler(const char *name, char *buf, size_t *len, int *status);

char *elf_demangle(const char *name)
{
	static demangler *cxa_demangle;
	static bool looked;
	if (strncmp(name, "_Z", 2))
		return NULL;
	if (!looked) {
		looked = true;
		cxa_demangle = (demangler *)dlsym(RTLD_DEFAULT, "__cxa_demangle");
	}
	int status = -1;
	char *d = cxa_demangle ? cxa_demangle(name, NULL, NULL, &status) : NULL;
	if (status) {
		free(d);
		return NULL;
	}
	return d;
}

const struct elf_file *elf_vdso(void)
{
	static struct elf_file vdso;
	static int state; /* 0 not read, 1 read, -1 none */
	if (state)
		return state > 0 ? &vdso : NULL;
	state = -1;
	unsigned long long start = getauxval(AT_SYSINFO_EHDR), end = 0;
	struct process_maps *maps = start ? process_maps_read(getpid()) : NULL;
	const struct process_region *r = maps ? process_region_at(maps, start) : NULL;
	if (r && r->start == start && !strcmp(r->path, "[vdso]"))
		end = r->end;
	if (maps)
		process_maps_free(maps);
	const char *why;
	if (!end || elf_version(EV_CURRENT) == EV_NONE)
		return NULL;
	/* a copy: libelf may write to what it reads, and the mapping is read-only */
	size_t size = end - start;
	char *copy = malloc(size);
	if (!copy)
		return NULL;
	memcpy(copy, (const void *)(uintptr_t)start, size);
	if (read_elf(elf_memory(copy, size), &vdso, &why))
		return NULL; /* copy stays: the symbols' names may point into it */
	vdso.path = "[vdso]";
	state = 1;
	return &vdso;
}

const struct elf_file *elf_file_get(const char *path, const char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st)) {
		*why = strerror(errno);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (struct cached_file *c = cache; c; c = c->next) {
		if (c->dev == st.st_dev && c->ino == st.st_ino) {
			close(fd);
			return &c->file;
		}
	}
	struct cached_file *c = calloc(1, sizeof(*c));
	if (!c)
		abort();
	int err = read_file(fd, &c->file, why);
	close(fd);
	if (err) {
		free(c);
		return NULL;
	}
	c->file.path = strdup(path);
	c->dev = st.st_dev;
	c->ino = st.st_ino;
	c->next = cache;
	cache = c;
	return &c->file;
}

int elf_file_type(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* e_ident, then e_type: the same place in 32- and 64-bit files */
	unsigned char h[EI_NIDENT + 2];
	ssize_t got = read(fd, h, sizeof(h));
	close(fd);
	if (got != (ssize_t)sizeof(h) || memcmp(h, ELFMAG, SELFMAG))
		return -1;
	return h[EI_DATA] == ELFDATA2MSB ? h[EI_NIDENT] << 8 | h[EI_NIDENT + 1] : h[EI_NIDENT + 1] << 8 | h[EI_NIDENT];
}

static const struct elf_symbol *named(const struct elf_symbol *symbols, int n, const char *name)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int c = strcmp(symbols[mid].name, name);
		if (!c)
			return &symbols[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

const struct elf_symbol *elf_symbol_named(const struct elf_file *f, const char *name)
{
	return named(f->symbols, f->nsymbols, name);
}

const struct elf_symbol *elf_object_or_function(const struct elf_file *f, const char *name)
{
	const struct elf_symbol *s = named(f->objects, f->nobjects, name);
	return s ? s : named(f->symbols, f->nsymbols, name);
}

const struct elf_symbol *elf_symbol_at(const struct elf_file *f, unsigned long long addr)
{
	for (int i = 0; i < f->nsymbols; i++) {
		const struct elf_symbol *s = &f->symbols[i];
		if (addr == s->addr || (addr > s->addr && addr - s->addr < s->size))
			return s;
	}
	return NULL;
}

long long elf_address_to_offset(const struct elf_segment *segments, int n, unsigned long long addr)
{
	for (int i = 0; i < n; i++) {
		const struct elf_segment *s = &segments[i];
		if (addr >= s->vaddr && addr - s->vaddr < s->filesz)
			return (long long)(addr - s->vaddr + s->offset);
	}
	return -1;
}
