/* Line info: each statement's instructions carry its place (a DILocation),
 * which the BPF backend turns into BTF line info. The kernel's verifier
 * log then shows the script's line above an instruction, and lantern maps
 * a rejected instruction back to its statement (runtime/line_info.c).
 * The backend reads each line's text from the file the debug info names:
 * a script file's own path, or for -e and stdin a memfd holding the text
 * (/proc/self/fd/N), open until the object is emitted. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "../compiler/diag.h"
#include "cg.h"

/* LLVM's BTF writer looks each line's text up among the strings it has
 * one by one: time quadratic in the lines. Past this many, the debug info
 * names no file it can read, and the line info has no text (the verifier
 * log then shows no source line; placing errors needs only the numbers). */
#define MAX_LINES_WITH_TEXT 2000

static int count_lines(const char *text)
{
	int n = 1;
	for (const char *p = text; (p = strchr(p, '\n')); p++)
		n++;
	return n;
}

static bool is_file(const char *name)
{
	return strcmp(name, "-e") && strcmp(name, "stdin") && access(name, R_OK) == 0;
}

/* The name the debug info gives source id (made once) */
static const char *source_file(struct cg *g, int id)
{
	while (g->nsource_files <= id) {
		g->source_files = arena_grow(g->source_files, g->nsource_files, &g->source_files_cap,
					     sizeof(*g->source_files));
		g->source_files[g->nsource_files++] = NULL;
	}
	if (g->source_files[id])
		return g->source_files[id];
	const struct source *src = diag_source(id);
	const char *name = src ? src->name : "-e";
	int lines = src ? count_lines(src->text) : 0;
	if (lines > MAX_LINES_WITH_TEXT) {
		name = arena_printf("%s (%d lines: no text in the line info)", name, lines);
	} else if (src && !is_file(name)) {
		int fd = memfd_create("lantern-script", MFD_CLOEXEC);
		size_t len = strlen(src->text);
		if (fd >= 0 && write(fd, src->text, len) == (ssize_t)len) {
			name = arena_printf("/proc/self/fd/%d", fd);
			g->memfds = arena_grow(g->memfds, g->nmemfds, &g->memfds_cap, sizeof(*g->memfds));
			g->memfds[g->nmemfds++] = fd;
		} else if (fd >= 0) {
			close(fd);
		}
	}
	g->source_files[id] = name;
	return name;
}

LLVMMetadataRef cg_debug_file(struct cg *g, int source)
{
	const char *name = source_file(g, source);
	return LLVMDIBuilderCreateFile(g->di, name, strlen(name), "", 0);
}

void cg_debug_location(struct cg *g, struct loc loc)
{
	LLVMMetadataRef scope = g->fn ? LLVMGetSubprogram(g->fn) : NULL;
	if (!scope || loc.line <= 0)
		return;
	if (loc.source != 0) /* an imported file's: the function's file is the script's */
		scope = LLVMDIBuilderCreateLexicalBlockFile(g->di, scope, cg_debug_file(g, loc.source), 0);
	LLVMSetCurrentDebugLocation2(g->b, LLVMDIBuilderCreateDebugLocation(g->ctx, (unsigned)loc.line,
									   (unsigned)loc.col, scope, NULL));
}

void cg_debug_lines_done(struct cg *g, struct bpf_image *out)
{
	for (int i = 0; i < g->nmemfds; i++)
		close(g->memfds[i]);
	g->nmemfds = 0;
	out->source_files = g->source_files;
	out->nsource_files = g->nsource_files;
}
