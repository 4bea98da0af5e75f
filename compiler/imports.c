/* import "file.bt"; and import "dir"; at the top of a script: each
 * imported script is parsed on its own (its messages name it) and its
 * probes, macros and map declarations join the importing program, its
 * own imports first. A path is relative to the importing script's
 * directory (the working directory for -e and stdin). As bpftrace,
 * lantern will not import from a directory anyone may write to: someone
 * else could put code there that runs in the kernel as root. The same
 * file imported twice is taken once. */
#include "imports.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../grammar/parse.h"
#include "arena.h"
#include "source.h"

struct importer {
	const char **seen; /* real paths already imported */
	int nseen, seen_cap;
	int depth;
};

#define MAX_IMPORT_DEPTH 32

static int import_into(struct importer *im, struct node *prog, struct node *imp, const char *path);

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static const char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return arena_printf("%.*s", (int)(slash - path), path);
}

static const char *resolve(const char *from_dir, const char *path)
{
	return path[0] == '/' || !strcmp(from_dir, ".") ? path : arena_printf("%s/%s", from_dir, path);
}

/* Anyone may write to dir (/tmp too) */
static bool writable_by_others(const char *dir)
{
	struct stat st;
	return !stat(dir, &st) && (st.st_mode & S_IWOTH);
}

static bool already_seen(struct importer *im, const char *real)
{
	for (int i = 0; i < im->nseen; i++)
		if (!strcmp(im->seen[i], real))
			return true;
	im->seen = arena_grow(im->seen, im->nseen, &im->seen_cap, sizeof(*im->seen));
	im->seen[im->nseen++] = arena_strdup(real);
	return false;
}

static void append(struct node_list *to, struct node_list *from)
{
	for (int i = 0; i < from->n; i++)
		node_list_push(to, from->items[i]);
}

static int import_file(struct importer *im, struct node *prog, struct node *imp, const char *path)
{
	if (!ends_with(path, ".bt")) {
		diag_error(imp->loc, "import of %s: only bpftrace scripts (.bt) can be imported yet", path);
		return -1;
	}
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		diag_error(imp->loc, "cannot import %s: no such file", path);
		return -1;
	}
	if (writable_by_others(dir_of(real))) {
		diag_error(imp->loc, "will not import %s: its directory %s can be written by others", path, dir_of(real));
		return -1;
	}
	if (already_seen(im, real))
		return 0;
	struct source *src = arena_alloc(sizeof(*src));
	if (source_read(real, src))
		return -1;
	src->name = arena_strdup(path);
	struct node *sub = parse_library(src);
	if (!sub)
		return -1;
	if (sub->program.config) {
		diag_error(sub->program.config->loc, "a config block belongs in the main script, not in an imported one");
		return -1;
	}
	int rc = 0;
	im->depth++;
	const char *sub_dir = dir_of(real);
	for (int i = 0; i < sub->program.imports.n; i++) {
		struct node *next = sub->program.imports.items[i];
		rc |= import_into(im, prog, next, resolve(sub_dir, next->import.path));
	}
	im->depth--;
	append(&prog->program.cdefs, &sub->program.cdefs);
	append(&prog->program.decls, &sub->program.decls);
	append(&prog->program.macros, &sub->program.macros);
	append(&prog->program.probes, &sub->program.probes);
	return rc;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* every .bt file of dir, in name order */
static int import_dir(struct importer *im, struct node *prog, struct node *imp, const char *dir)
{
	if (writable_by_others(dir)) {
		diag_error(imp->loc, "will not import from %s: it can be written by others", dir);
		return -1;
	}
	DIR *d = opendir(dir);
	if (!d) {
		diag_error(imp->loc, "cannot import %s", dir);
		return -1;
	}
	const char **names = NULL;
	int n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".bt"))
			continue;
		names = arena_grow(names, n, &cap, sizeof(*names));
		names[n++] = arena_strdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(*names), compare_names);
	for (int i = 0; i < n; i++)
		if (import_file(im, prog, imp, arena_printf("%s/%s", dir, names[i])))
			return -1;
	return 0;
}

static int import_into(struct importer *im, struct node *prog, struct node *imp, const char *path)
{
	if (im->depth >= MAX_IMPORT_DEPTH) {
		diag_error(imp->loc, "imports nest more than %d deep here", MAX_IMPORT_DEPTH);
		return -1;
	}
	struct stat st;
	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		return import_dir(im, prog, imp, path);
	return import_file(im, prog, imp, path);
}

int imports_resolve(struct node *prog, const char *script_path)
{
	struct importer im = { 0 };
	const char *dir = script_path ? dir_of(script_path) : ".";
	if (script_path) {
		char real[PATH_MAX];
		if (realpath(script_path, real))
			already_seen(&im, real);
	}
	/* the imported programs come first, as if written above */
	struct node_list decls = prog->program.decls, macros = prog->program.macros, probes = prog->program.probes;
	struct node_list cdefs = prog->program.cdefs;
	prog->program.decls = prog->program.macros = prog->program.probes = (struct node_list){ 0 };
	prog->program.cdefs = (struct node_list){ 0 };
	int rc = 0;
	for (int i = 0; i < prog->program.imports.n; i++) { /* each one's errors */
		struct node *imp = prog->program.imports.items[i];
		rc |= import_into(&im, prog, imp, resolve(dir, imp->import.path));
	}
	append(&prog->program.cdefs, &cdefs);
	append(&prog->program.decls, &decls);
	append(&prog->program.macros, &macros);
	append(&prog->program.probes, &probes);
	return rc;
}
