/* Finding uprobe binaries: candidates as bpftrace makes them (the name,
 * then $PATH for a bare name; glob(3) for wildcards), kept when they are
 * ELF files the kernel can probe. */
#include "binary_path.h"

#include <dirent.h>
#include <elf.h>
#include <glob.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "../compiler/diag.h"
#include "elf_symbols.h"
#include "ld_cache.h"

struct found {
	const char **paths;
	int n, cap;
	struct stat *files; /* one each: a file reached twice counts once */
	int files_cap;
};

static bool already_found(const struct found *f, const struct stat *st)
{
	for (int i = 0; i < f->n; i++)
		if (f->files[i].st_dev == st->st_dev && f->files[i].st_ino == st->st_ino)
			return true;
	return false;
}

static void add_found(struct found *f, const char *path, const struct stat *st)
{
	f->files = arena_grow(f->files, f->n, &f->files_cap, sizeof(*f->files));
	f->paths = arena_grow(f->paths, f->n, &f->cap, sizeof(*f->paths));
	f->files[f->n] = *st;
	f->paths[f->n++] = path;
}

/* An executable ELF file, or a shared object (libraries need no x bit). */
static bool probeable(const char *path, struct stat *st)
{
	if (stat(path, st) || !S_ISREG(st->st_mode))
		return false;
	int type = elf_file_type(path);
	return type == ET_DYN || (type == ET_EXEC && access(path, X_OK) == 0);
}

static char *readlink_arena(const char *path)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return NULL;
	return arena_strndup(buf, (size_t)n);
}

/* Whether pid's files are seen under other names than ours. */
static bool other_mount_namespace(int pid)
{
	if (pid <= 0)
		return false;
	const char *ours = readlink_arena("/proc/self/ns/mnt");
	const char *theirs = readlink_arena(arena_printf("/proc/%d/ns/mnt", pid));
	return ours && theirs && strcmp(ours, theirs);
}

/* An absolute path as pid sees it, named so we reach the same file. */
static const char *as_seen_by(int pid, const char *path, bool other_ns)
{
	return other_ns && path[0] == '/' ? arena_printf("/proc/%d/root%s", pid, path) : path;
}

static void add_candidate(struct found *f, const char *path, int pid, bool other_ns)
{
	const char *seen = as_seen_by(pid, path, other_ns);
	struct stat st;
	if (probeable(seen, &st) && !already_found(f, &st))
		add_found(f, seen, &st);
}

static void add_matches(struct found *f, const char *pattern, int pid, bool other_ns)
{
	glob_t g;
	if (glob(as_seen_by(pid, pattern, other_ns), 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			struct stat st;
			if (probeable(g.gl_pathv[i], &st) && !already_found(f, &st))
				add_found(f, arena_strdup(g.gl_pathv[i]), &st);
		}
	}
	globfree(&g);
}

int binary_path_resolve(const char *target, int pid, const char ***out)
{
	struct found f = { 0 };
	bool other_ns = other_mount_namespace(pid);
	bool wildcard = strpbrk(target, "*?[") != NULL;
	const char *path_var = getenv("PATH");
	const char *candidates[2] = { target, NULL };
	for (int i = 0; candidates[i]; i++) {
		if (wildcard)
			add_matches(&f, candidates[i], pid, other_ns);
		else
			add_candidate(&f, candidates[i], pid, other_ns);
	}
	if (!strchr(target, '/') && path_var) {
		char *dirs = arena_strdup(path_var), *save = NULL;
		for (char *dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
			const char *path = arena_printf("%s/%s", dir, target);
			if (wildcard)
				add_matches(&f, path, pid, other_ns);
			else
				add_candidate(&f, path, pid, other_ns);
		}
	}
	*out = f.paths;
	return f.n;
}

/* As bcc finds a library in a process: a mapped file named libNAME.so...
 * or libNAME-... */
static const char *mapped_library(const char *lib, int pid)
{
	const char **paths;
	int n = binary_path_mapped(pid, &paths);
	size_t len = strlen(lib);
	for (int i = 0; i < n; i++) {
		const char *base = strrchr(paths[i], '/');
		base = base ? base + 1 : paths[i];
		if (!strncmp(base, lib, len) && (!strncmp(base + len, ".so", 3) || base[len] == '-' || !base[len]))
			return paths[i];
	}
	return NULL;
}

const char *binary_path_library(const char *target, int pid)
{
	if (strncmp(target, "lib", 3) || strpbrk(target, "*?[/"))
		return NULL;
	const char *path = pid > 0 ? mapped_library(target, pid) : NULL;
	/* libc, or a soname as written: libc.so.6, libssl.so.3 */
	bool soname = strstr(target, ".so") != NULL;
	return path ? path : ld_cache_find(soname ? target : arena_printf("%s.so", target));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_mapped(struct found *f, int pid)
{
	bool other_ns = other_mount_namespace(pid);
	FILE *maps = fopen(arena_printf("/proc/%d/maps", pid), "r");
	char line[PATH_MAX + 128];
	while (maps && fgets(line, sizeof(line), maps)) {
		/* address perms offset dev inode path */
		char *path = strchr(line, '/');
		if (!path)
			continue;
		path[strcspn(path, "\n")] = 0;
		add_candidate(f, arena_strdup(path), pid, other_ns);
	}
	if (maps)
		fclose(maps);
}

int binary_path_mapped(int pid, const char ***out)
{
	struct found f = { 0 };
	if (pid > 0) {
		add_mapped(&f, pid);
	} else {
		DIR *proc = opendir("/proc");
		struct dirent *de;
		while (proc && (de = readdir(proc)))
			if (de->d_name[0] >= '1' && de->d_name[0] <= '9')
				add_mapped(&f, atoi(de->d_name));
		if (proc)
			closedir(proc);
	}
	if (f.n)
		qsort(f.paths, (size_t)f.n, sizeof(*f.paths), by_name);
	*out = f.paths;
	return f.n;
}

const char *binary_path_of_pid(int pid)
{
	const char *exe = readlink_arena(arena_printf("/proc/%d/exe", pid));
	return exe ? as_seen_by(pid, exe, other_mount_namespace(pid)) : NULL;
}

int binary_path_targets(const char *type, const char *target, int pid, struct loc loc, const char ***out,
			bool *several)
{
	*several = false;
	if (!strcmp(target, "*")) { /* the -p process's files, or every process's */
		*several = true;
		int n = binary_path_mapped(pid, out);
		if (!n && pid)
			diag_error(loc, "process %d maps no ELF files (has it exited?)", pid);
		else if (!n)
			diag_error(loc, "no process maps an ELF file that can be read");
		return n ? n : -1;
	}
	const char *library = binary_path_library(target, pid);
	if (library) {
		*out = arena_alloc(sizeof(**out));
		(*out)[0] = library;
		return 1;
	}
	*several = strpbrk(target, "*?[") != NULL;
	int n = binary_path_resolve(target, pid, out);
	if (!n) {
		diag_error(loc, "%s binary '%s' does not exist or is not executable (an ELF program or library, "
				"as a path, in $PATH, or a library name like libc)",
			   type, target);
		return -1;
	}
	if (n > 1 && !*several) {
		diag_warning(loc, "'%s' is %d binaries; attaching to the first, %s", target, n, (*out)[0]);
		n = 1;
	}
	return n;
}
