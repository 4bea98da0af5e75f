/* A source line's address, from the line tables (uprobe:BIN@FILE:LINE),
 * as bpftrace finds it: the compilation unit one of whose source files'
 * paths ends with FILE (component by component; two different paths
 * that do are ambiguous), then the first row of its line table at that
 * line (and column) of that file. */
#include <dwarf.h>
#include <stdio.h>
#include <string.h>

#include "../compiler/arena.h"
#include "dwarf_internal.h"

/* "dir/a.c" ends with "a.c" and with "dir/a.c", not with "xa.c" */
static bool path_ends_with(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	if (k > n || strcmp(path + n - k, suffix))
		return false;
	return k == n || path[n - k - 1] == '/' || suffix[0] == '/';
}

/* src made absolute from the unit's directory, "." and ".." taken out
 * as written: a split unit names its file both ways. */
static const char *normalized(const char *comp_dir, const char *src)
{
	const char *full = src[0] == '/' || !comp_dir ? src : arena_printf("%s/%s", comp_dir, src);
	char *out = arena_alloc(strlen(full) + 2);
	size_t n = 0;
	for (const char *c = full; *c;) {
		const char *end = strchrnul(c, '/');
		size_t len = (size_t)(end - c);
		if (len == 2 && !strncmp(c, "..", 2) && n > 0 && out[0] == '/') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 1)
				n--; /* the slash before it */
		} else if (len && !(len == 1 && c[0] == '.')) {
			if (n > 0 && out[n - 1] != '/')
				out[n++] = '/';
			memcpy(out + n, c, len);
			n += len;
		} else if (!n && c == full && full[0] == '/') {
			out[n++] = '/';
		}
		c = *end ? end + 1 : end;
	}
	out[n] = 0;
	return n ? out : full;
}

static const char *comp_dir_of(Dwarf_Die *cu)
{
	Dwarf_Attribute a;
	return dwarf_formstring(dwarf_attr_integrate(cu, DW_AT_comp_dir, &a));
}

struct unit_search {
	const char *file;
	Dwarf_Die cu;
	const char *path; /* the first match's */
	const char *other; /* a second, different path that matches too */
};

static int match_unit(Dwarf_Die *cu, void *ctx)
{
	struct unit_search *s = ctx;
	Dwarf_Files *files;
	size_t n;
	if (dwarf_getsrcfiles(cu, &files, &n) != 0)
		return 0;
	const char *dir = comp_dir_of(cu);
	for (size_t i = 0; i < n; i++) {
		const char *src = dwarf_filesrc(files, i, NULL, NULL);
		if (!src || !path_ends_with((src = normalized(dir, src)), s->file))
			continue;
		if (!s->path) {
			s->cu = *cu;
			s->path = arena_strdup(src);
		} else if (strcmp(src, s->path)) {
			s->other = arena_strdup(src);
			return 1;
		}
	}
	return 0;
}

int dwarf_line_address(struct dwarf_file *f, const char *file, int line, int col, unsigned long long *addr,
		       const char **why)
{
	struct unit_search s = { .file = file };
	dwarf_each_line_unit(f, match_unit, &s);
	if (s.other) {
		*why = arena_printf("the source path is ambiguous: %s and %s both match %s", s.path, s.other, file);
		return -1;
	}
	if (!s.path) {
		*why = arena_printf("no compilation unit of %s has the source file %s", f->path, file);
		return -1;
	}
	Dwarf_Lines *lines;
	size_t n;
	if (dwarf_getsrclines(&s.cu, &lines, &n) != 0) {
		*why = arena_printf("cannot read the line table of %s in %s: %s", s.path, f->path, dwarf_errmsg(-1));
		return -1;
	}
	const char *dir = comp_dir_of(&s.cu);
	for (size_t i = 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		int lineno, linecol;
		Dwarf_Addr a;
		const char *src = l ? dwarf_linesrc(l, NULL, NULL) : NULL;
		if (!src || dwarf_lineno(l, &lineno) || dwarf_linecol(l, &linecol))
			continue;
		/* the unit's file, not a header's line of that number */
		if (lineno == line && (!col || col == linecol) && !strcmp(normalized(dir, src), s.path) &&
		    dwarf_lineaddr(l, &a) == 0) {
			*addr = a;
			return 0;
		}
	}
	*why = col ? arena_printf("no code of %s is at %s:%d:%d", f->path, file, line, col)
		   : arena_printf("no code of %s is at %s:%d", f->path, file, line);
	return -1;
}
