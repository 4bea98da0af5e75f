/* The functions of an ELF file and where its addresses lie in the file:
 * what a uprobe needs to turn binary:function into the file offset the
 * kernel attaches at. A file is read once (libelf), however many attach
 * points name it; what was read lives as long as the process. */
#ifndef LANTERN_ELF_SYMBOLS_H
#define LANTERN_ELF_SYMBOLS_H
#include <stdbool.h>

struct elf_symbol {
	const char *name;
	unsigned long long addr; /* st_value: where it is once loaded */
	unsigned long long size; /* bytes; 0 when the symbol does not say */
};

/* A PT_LOAD segment: [vaddr, vaddr + filesz) once loaded is [offset,
 * offset + filesz) in the file. */
struct elf_segment {
	unsigned long long vaddr, offset, filesz;
};

struct elf_file {
	const char *path;
	int type; /* e_type: ET_EXEC, ET_DYN */
	/* Defined functions (STT_FUNC, STT_GNU_IFUNC) of .symtab and
	 * .dynsym, sorted by name, each name once. */
	const struct elf_symbol *symbols;
	int nsymbols;
	/* Defined data (STT_OBJECT), the same way: what uaddr() names. */
	const struct elf_symbol *objects;
	int nobjects;
	const struct elf_segment *segments;
	int nsegments;
	/* It has a .symtab (not only .dynsym: a stripped file's local
	 * functions are in its separate debug file), and its build id in hex
	 * (NULL when it has none): where that debug file is. */
	bool has_symtab;
	const char *build_id;
};

/* The ELF file at path, read the first time it is asked for; NULL with
 * *why set when it cannot be read or is not ELF. */
const struct elf_file *elf_file_get(const char *path, const char **why);
/* A C++ symbol's demangled name ("ns::f(int)"; malloc'd, the caller
 * frees it), by the C++ runtime's demangler where it is loaded (LLVM
 * loads it in lantern); NULL for a name that is not C++'s. */
char *elf_demangle(const char *name);
/* The kernel's vDSO, as lantern's own process has it mapped (the same
 * code every process of this kernel has), read once; NULL if none. */
const struct elf_file *elf_vdso(void);
/* Its e_type (ET_EXEC, ET_DYN...) from the header alone, or -1 when path
 * is not a readable ELF file. */
int elf_file_type(const char *path);

const struct elf_symbol *elf_symbol_named(const struct elf_file *f, const char *name);
/* A data symbol of that name, else a function: uaddr's. */
const struct elf_symbol *elf_object_or_function(const struct elf_file *f, const char *name);
/* The function whose bytes hold addr, or that starts there; NULL if none. */
const struct elf_symbol *elf_symbol_at(const struct elf_file *f, unsigned long long addr);
/* The offset in the file of the loaded address addr, or -1 when no
 * segment loads it from the file. */
long long elf_address_to_offset(const struct elf_segment *segments, int n, unsigned long long addr);

#endif
