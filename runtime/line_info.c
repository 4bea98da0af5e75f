/* From an instruction back to the script: the object's .BTF.ext line info
 * (made by the BPF backend from codegen's DILocations, debug_lines.c)
 * says, per ELF section, from which byte offset on the instructions are
 * of which file, line and column; a program starts at its symbol's value
 * in its section. */
#include "line_info.h"

#include <gelf.h>
#include <libelf.h>
#include <string.h>

#include <bpf/btf.h>

struct btf_ext_header {
	unsigned short magic;
	unsigned char version, flags;
	unsigned hdr_len;
	unsigned func_info_off, func_info_len;
	unsigned line_info_off, line_info_len;
};

struct line_record {
	unsigned insn_off; /* bytes from the section's start */
	unsigned file_name_off, line_off, line_col;
};

struct object {
	Elf *elf;
	Elf_Data *btf, *btf_ext;
	size_t shstrndx;
};

static Elf_Data *section_data(struct object *o, const char *name)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	while ((scn = elf_nextscn(o->elf, scn)))
		if (gelf_getshdr(scn, &sh) && !strcmp(elf_strptr(o->elf, o->shstrndx, sh.sh_name) ?: "", name))
			return elf_getdata(scn, NULL);
	return NULL;
}

/* The section name and offset of symbol name */
static bool find_symbol(struct object *o, const char *name, const char **section, unsigned long *offset)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	while ((scn = elf_nextscn(o->elf, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t n = d ? d->d_size / sizeof(Elf64_Sym) : 0;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(d, (int)i, &sym))
				continue;
			const char *s = elf_strptr(o->elf, sh.sh_link, sym.st_name);
			if (!s || strcmp(s, name))
				continue;
			GElf_Shdr target;
			Elf_Scn *in = elf_getscn(o->elf, sym.st_shndx);
			if (!in || !gelf_getshdr(in, &target))
				return false;
			*section = elf_strptr(o->elf, o->shstrndx, target.sh_name);
			*offset = sym.st_value;
			return *section != NULL;
		}
	}
	return false;
}

/* The record of the last line that starts at or before byte `at` of
 * section, among those from byte `from` on */
static const struct line_record *find_record(struct object *o, const struct btf *btf, const char *section,
					     unsigned long from, unsigned long at)
{
	const unsigned char *ext = o->btf_ext->d_buf;
	size_t size = o->btf_ext->d_size;
	struct btf_ext_header h;
	if (size < sizeof(h))
		return NULL;
	memcpy(&h, ext, sizeof(h));
	if (h.magic != 0xeB9F || (size_t)h.hdr_len + h.line_info_off + h.line_info_len > size || h.line_info_len < 4)
		return NULL;
	const unsigned char *p = ext + h.hdr_len + h.line_info_off, *end = p + h.line_info_len;
	unsigned rec_size;
	memcpy(&rec_size, p, 4);
	p += 4;
	if (rec_size < sizeof(struct line_record))
		return NULL;
	const struct line_record *best = NULL;
	while (p + 8 <= end) {
		unsigned name_off, n;
		memcpy(&name_off, p, 4);
		memcpy(&n, p + 4, 4);
		p += 8;
		if ((size_t)(end - p) < (size_t)n * rec_size)
			return NULL;
		const char *name = btf__name_by_offset(btf, name_off);
		for (unsigned i = 0; name && !strcmp(name, section) && i < n; i++) {
			const struct line_record *r = (const void *)(p + (size_t)i * rec_size);
			if (r->insn_off >= from && r->insn_off <= at && (!best || r->insn_off >= best->insn_off))
				best = r;
		}
		p += (size_t)n * rec_size;
	}
	return best;
}

bool line_info_place(const struct bpf_image *img, const char *prog_name, int insn, struct loc *out)
{
	if (elf_version(EV_CURRENT) == EV_NONE || insn < 0)
		return false;
	struct object o = { .elf = elf_memory(img->data, img->size) };
	bool found = false;
	if (!o.elf || elf_getshdrstrndx(o.elf, &o.shstrndx))
		goto done;
	o.btf = section_data(&o, ".BTF");
	o.btf_ext = section_data(&o, ".BTF.ext");
	const char *section;
	unsigned long start;
	if (!o.btf || !o.btf_ext || !find_symbol(&o, prog_name, &section, &start))
		goto done;
	struct btf *btf = btf__new(o.btf->d_buf, (unsigned)o.btf->d_size);
	if (!btf)
		goto done;
	const struct line_record *r = find_record(&o, btf, section, start, start + (unsigned long)insn * 8);
	const char *file = r ? btf__name_by_offset(btf, r->file_name_off) : NULL;
	for (int id = 0; file && id < img->nsource_files && !found; id++) {
		if (img->source_files[id] && !strcmp(img->source_files[id], file) && r->line_col >> 10) {
			*out = (struct loc){ .source = id, .line = (int)(r->line_col >> 10), .col = (int)(r->line_col & 0x3ff) };
			out->end_line = out->line;
			out->end_col = out->col;
			found = true;
		}
	}
	btf__free(btf);
done:
	if (o.elf)
		elf_end(o.elf);
	return found;
}
