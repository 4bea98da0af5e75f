/* Split DWARF packed in a .dwp beside the binary (dwp, llvm-dwp), for a
 * libdw older than elfutils 0.191, which reads no packages: the
 * package's .debug_cu_index says where the unit's contribution to each
 * section is; those are copied out into a .dwo of lantern's own, an ELF
 * image in memory, which libdw reads as it reads a .dwo file. Its DIEs
 * give the unit's types and functions; its lines stay the skeleton's.
 * The DWARF 5 index and GNU's version 2 (DWARF 4 Fission) are read. */
#include <dwarf.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dwarf_internal.h"

/* A unit taken out of the package, kept for the process. */
struct dwp_unit {
	uint64_t id;
	Dwarf *dw; /* NULL: the package has no such unit */
	Dwarf_Die cu;
	struct dwp_unit *next;
};

struct dwp {
	Elf *elf;
	int fd;
	Elf_Data *index;
	Elf_Data *str; /* .debug_str.dwo, whole */
	Elf_Data *sections[9]; /* by DW_SECT_* id of the index's version */
	int version;
	struct dwp_unit *units;
};

/* DW_SECT_* ids of DWARF 5 (and, where they differ, of GNU's version 2). */
static const char *section_name(int version, int id)
{
	static const char *const v5[] = { NULL, ".debug_info.dwo", NULL, ".debug_abbrev.dwo", ".debug_line.dwo",
					  ".debug_loclists.dwo", ".debug_str_offsets.dwo", ".debug_macro.dwo",
					  ".debug_rnglists.dwo" };
	static const char *const v2[] = { NULL, ".debug_info.dwo", ".debug_types.dwo", ".debug_abbrev.dwo",
					  ".debug_line.dwo", ".debug_loc.dwo", ".debug_str_offsets.dwo",
					  ".debug_macinfo.dwo", ".debug_macro.dwo" };
	return id >= 1 && id <= 8 ? (version == 5 ? v5 : v2)[id] : NULL;
}

static uint32_t u32_at(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static struct dwp *open_dwp(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	size_t shstrndx;
	if (!elf || gelf_getclass(elf) != ELFCLASS64 || elf_getshdrstrndx(elf, &shstrndx) != 0) {
		if (elf)
			elf_end(elf);
		close(fd);
		return NULL;
	}
	struct dwp *d = calloc(1, sizeof(*d));
	if (!d) {
		elf_end(elf);
		close(fd);
		return NULL;
	}
	d->elf = elf;
	d->fd = fd;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	/* the index first: its version names the columns */
	while ((scn = elf_nextscn(elf, scn)) && gelf_getshdr(scn, &sh)) {
		const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, ".debug_cu_index"))
			d->index = elf_getdata(scn, NULL);
		else if (name && !strcmp(name, ".debug_str.dwo"))
			d->str = elf_getdata(scn, NULL);
	}
	if (d->index && d->index->d_size >= 16)
		d->version = (int)u32_at(d->index->d_buf) == 2 ? 2 : ((const unsigned char *)d->index->d_buf)[0];
	while ((scn = elf_nextscn(elf, scn)) && gelf_getshdr(scn, &sh)) {
		const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
		for (int id = 1; name && id <= 8; id++)
			if (section_name(d->version, id) && !strcmp(name, section_name(d->version, id)))
				d->sections[id] = elf_getdata(scn, NULL);
	}
	return d;
}

/* ---- an ELF image of the unit's sections ---- */

struct image_section {
	const char *name;
	const void *data;
	size_t size;
};

/* ET_REL, its sections' bytes, then .shstrtab, then the headers. */
static void *build_image(const struct image_section *s, int n, GElf_Half machine, size_t *size)
{
	size_t names = 1 + sizeof(".shstrtab");
	size_t data = sizeof(Elf64_Ehdr);
	for (int i = 0; i < n; i++) {
		names += strlen(s[i].name) + 1;
		data += s[i].size;
	}
	size_t shoff = (data + names + 7) / 8 * 8;
	*size = shoff + sizeof(Elf64_Shdr) * (size_t)(n + 2);
	unsigned char *img = calloc(1, *size);
	if (!img)
		return NULL;
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_REL;
	eh->e_machine = machine;
	eh->e_version = EV_CURRENT;
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = (Elf64_Half)(n + 2);
	eh->e_shstrndx = (Elf64_Half)(n + 1);
	eh->e_shoff = shoff;
	Elf64_Shdr *sh = (Elf64_Shdr *)(img + shoff);
	size_t at = sizeof(Elf64_Ehdr), name_at = 1;
	char *strtab = (char *)img + data;
	for (int i = 0; i < n; i++) {
		memcpy(img + at, s[i].data, s[i].size);
		strcpy(strtab + name_at, s[i].name);
		sh[i + 1] = (Elf64_Shdr){ .sh_name = (Elf64_Word)name_at, .sh_type = SHT_PROGBITS, .sh_offset = at,
					  .sh_size = s[i].size, .sh_addralign = 1 };
		at += s[i].size;
		name_at += strlen(s[i].name) + 1;
	}
	strcpy(strtab + name_at, ".shstrtab");
	sh[n + 1] = (Elf64_Shdr){ .sh_name = (Elf64_Word)name_at, .sh_type = SHT_STRTAB, .sh_offset = data,
				  .sh_size = names, .sh_addralign = 1 };
	return img;
}

/* The unit id's row's contributions, as a .dwo libdw reads; NULL when
 * the index has no such unit. */
static Dwarf *extract(struct dwp *d, uint64_t id)
{
	const unsigned char *ix = d->index ? d->index->d_buf : NULL;
	size_t len = d->index ? d->index->d_size : 0;
	if (!ix || len < 16 || (d->version != 5 && d->version != 2))
		return NULL;
	uint32_t ncols = u32_at(ix + 4), nunits = u32_at(ix + 8), nslots = u32_at(ix + 12);
	size_t hashes = 16, rows = hashes + 8 * (size_t)nslots, ids = rows + 4 * (size_t)nslots;
	size_t offsets = ids + 4 * (size_t)ncols, sizes = offsets + 4 * (size_t)ncols * nunits;
	if (ncols > 8 || sizes + 4 * (size_t)ncols * nunits > len)
		return NULL;
	uint32_t row = 0;
	for (uint32_t i = 0; i < nslots && !row; i++) {
		uint64_t sig;
		memcpy(&sig, ix + hashes + 8 * (size_t)i, 8);
		if (sig == id)
			row = u32_at(ix + rows + 4 * (size_t)i);
	}
	if (!row || row > nunits)
		return NULL;
	struct image_section s[10];
	int n = 0;
	for (uint32_t c = 0; c < ncols; c++) {
		int sect = (int)u32_at(ix + ids + 4 * (size_t)c);
		size_t cell = 4 * ((size_t)(row - 1) * ncols + c);
		uint32_t off = u32_at(ix + offsets + cell), size = u32_at(ix + sizes + cell);
		Elf_Data *data = sect >= 1 && sect <= 8 ? d->sections[sect] : NULL;
		if (!data || (size_t)off + size > data->d_size)
			continue;
		s[n++] = (struct image_section){ section_name(d->version, sect), (const char *)data->d_buf + off, size };
	}
	if (d->str)
		s[n++] = (struct image_section){ ".debug_str.dwo", d->str->d_buf, d->str->d_size };
	GElf_Ehdr eh;
	size_t size;
	void *img = gelf_getehdr(d->elf, &eh) ? build_image(s, n, eh.e_machine, &size) : NULL;
	Elf *elf = img ? elf_memory(img, size) : NULL;
	Dwarf *dw = elf ? dwarf_begin_elf(elf, DWARF_C_READ, NULL) : NULL;
	if (!dw) { /* the image and its Elf live as long as the Dwarf */
		if (elf)
			elf_end(elf);
		free(img);
	}
	return dw;
}

Dwarf_Die *dwarf_dwp_unit(struct dwarf_file *f, Dwarf_Die *skeleton)
{
	uint64_t id;
	if (dwarf_cu_info(skeleton->cu, NULL, NULL, NULL, NULL, &id, NULL, NULL) != 0)
		return NULL;
	if (!f->dwp_tried) {
		f->dwp_tried = true;
		size_t n = strlen(f->path) + sizeof(".dwp");
		char *path = malloc(n);
		if (path) {
			memcpy(path, f->path, n - sizeof(".dwp"));
			memcpy(path + n - sizeof(".dwp"), ".dwp", sizeof(".dwp"));
			f->dwp = open_dwp(path);
			free(path);
		}
	}
	struct dwp *d = f->dwp;
	if (!d)
		return NULL;
	struct dwp_unit *u;
	for (u = d->units; u && u->id != id; u = u->next)
		;
	if (!u) {
		u = calloc(1, sizeof(*u));
		if (!u)
			return NULL;
		u->id = id;
		u->dw = extract(d, id);
		Dwarf_CU *next;
		Dwarf_Half version;
		uint8_t type;
		Dwarf_Die sub;
		if (u->dw && (dwarf_get_units(u->dw, NULL, &next, &version, &type, &u->cu, &sub) != 0 ||
			      type != DW_UT_split_compile))
			u->dw = NULL;
		u->next = d->units;
		d->units = u;
	}
	return u->dw ? &u->cu : NULL;
}
