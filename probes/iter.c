/* iter:<iterator> (alias it:): a BPF iterator, a program the kernel runs
 * once for each object of a kind (a task, an open file of a task, a
 * memory area, a BPF map...) while lantern reads the iterator; once it
 * has read it to the end, lantern exits, as bpftrace does. The iterators
 * are those the kernel's BTF gives a context for, struct bpf_iter__NAME:
 * `ctx` points to it, so ctx.task, ctx.fd, ctx.file... are the object.
 * The kernel calls the program once more after the last object, with the
 * object NULL: that call runs nothing (provider.object_at).
 * iter:NAME:PIN pins the iterator in bpffs instead (PIN under
 * /sys/fs/bpf unless it is a path from /) and the run ends: reading that
 * file runs the program, whose printf() writes into it (bpf_seq_printf). */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef LANTERN_FRONT_END_ONLY
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/magic.h>
#include <sys/vfs.h>
#endif

#include "../compiler/arena.h"
#include "../compiler/cdefs.h"
#include "provider.h"

#define CTX_PREFIX "bpf_iter__"

#define BPFFS "/sys/fs/bpf"

struct iter_point {
	const char *name;       /* "task" */
	const struct type *ctx; /* struct bpf_iter__task */
	const char *pin;        /* the path in bpffs, or NULL: read by lantern */
};

static int iter_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	const char *colon = strchr(spec, ':'), *pin = NULL;
	if (colon) {
		pin = colon[1] == '/' ? arena_strdup(colon + 1) : arena_printf(BPFFS "/%s", colon + 1);
		spec = arena_strndup(spec, (size_t)(colon - spec));
		if (!colon[1] || strchr(colon + 1, ':')) {
			diag_error(loc, "a pinned iterator is written iter:<iterator>:<pin>, its pin a file in " BPFFS);
			return -1;
		}
	}
	if (provider_has_wildcard(spec)) {
		diag_error(loc, "iter probes do not take wildcards: name one iterator (lantern -l 'iter:*' lists them)");
		return -1;
	}
	if (!*spec) {
		diag_error(loc, "an iter probe is written iter:<iterator>, as iter:task");
		return -1;
	}
	const struct type *ctx = cdefs_type(arena_printf("struct " CTX_PREFIX "%s", spec));
	if (!ctx || ctx->kind != TY_STRUCT || ctx->nmembers < 2)
		return provider_missing(loc, "the kernel has no iterator '%s' (its BTF has no struct " CTX_PREFIX "%s)",
					spec, spec);
	struct attach_point *ap = attach_point_new(&provider_iter, arena_printf("iter:%s", spec), loc);
	struct iter_point *p = arena_alloc(sizeof(*p));
	*p = (struct iter_point){ arena_strdup(spec), ctx, pin };
	ap->data = p;
	attach_list_push(out, ap);
	return 0;
}

static const struct type *iter_ctx_type(const struct attach_point *ap)
{
	return ((const struct iter_point *)ap->data)->ctx;
}

static bool iter_prints_to_file(const struct attach_point *ap)
{
	return ((const struct iter_point *)ap->data)->pin != NULL;
}

/* ---- attach: the link, then the iterator read from it ---- */

#ifndef LANTERN_FRONT_END_ONLY
static int *opened;
static int nopened, opened_cap;
static const char **pinned;
static int npinned, pinned_cap;

/* The program's attach target is the iterator (libbpf looks up
 * bpf_iter_NAME in the kernel's BTF). */
static void iter_prepare(struct bpf_program *prog, const struct attach_point *const *aps, int n)
{
	(void)n;
	bpf_program__set_attach_target(prog, 0, ((const struct iter_point *)aps[0]->data)->name);
}

/* Whether path's directory is a BPF file system, where pins live. */
static bool on_bpffs(const char *path)
{
	struct statfs st;
	const char *slash = strrchr(path, '/');
	const char *dir = slash && slash != path ? arena_strndup(path, (size_t)(slash - path)) : "/";
	return statfs(dir, &st) == 0 && st.f_type == BPF_FS_MAGIC;
}

static int iter_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
		       struct link_list *links)
{
	(void)cookie;
	struct bpf_link *link = bpf_program__attach_iter(prog, NULL);
	if (!link)
		return -errno;
	const char *pin = ((const struct iter_point *)ap->data)->pin;
	if (pin) { /* the pin holds the link once lantern has closed it */
		int err = bpf_link__pin(link, pin);
		if (err) {
			diag_error(ap->loc, "cannot pin the iterator at %s: %s", pin, on_bpffs(pin) ? strerror(-err) :
				   "its directory is not a BPF file system (mount -t bpf bpf " BPFFS ")");
			bpf_link__destroy(link);
			return err;
		}
		pinned = arena_grow(pinned, npinned, &pinned_cap, sizeof(*pinned));
		pinned[npinned++] = pin;
		return link_list_push(links, link);
	}
	int fd = bpf_iter_create(bpf_link__fd(link));
	if (fd < 0) {
		int err = -errno;
		bpf_link__destroy(link);
		return err;
	}
	opened = arena_grow(opened, nopened, &opened_cap, sizeof(*opened));
	opened[nopened++] = fd;
	return link_list_push(links, link);
}

int iter_pinned(const char *const **paths)
{
	*paths = pinned;
	return npinned;
}

int iter_take_fds(const int **fds)
{
	int n = nopened;
	*fds = opened;
	opened = NULL;
	nopened = opened_cap = 0;
	return n;
}
#endif

/* ---- -l and -lv ---- */

struct names {
	const char **items;
	int n, cap;
};

static void add_name(void *ctx, const char *name)
{
	struct names *l = ctx;
	if (strstr(name + strlen(CTX_PREFIX), "__")) /* the verifier's variants: bpf_iter__task__safe_trusted */
		return;
	l->items = arena_grow(l->items, l->n, &l->cap, sizeof(*l->items));
	l->items[l->n++] = arena_printf("iter:%s", name + strlen(CTX_PREFIX));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int iter_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	struct names l = { 0 };
	cdefs_kernel_struct_names(CTX_PREFIX, add_name, &l);
	if (l.n)
		qsort(l.items, (size_t)l.n, sizeof(*l.items), by_name);
	for (int i = 0; i < l.n; i++)
		if (!fnmatch(*pattern ? pattern : "*", l.items[i] + strlen("iter:"), 0))
			emit(ctx, l.items[i]);
	return 0;
}

/* -lv iter:NAME: the members of its context after meta, the object */
static void iter_describe(const char *spec, void (*emit)(void *ctx, const char *line), void *ctx)
{
	const struct type *t = cdefs_type(arena_printf("struct " CTX_PREFIX "%s", spec));
	for (int i = 1; t && t->kind == TY_STRUCT && i < t->nmembers; i++)
		emit(ctx, arena_printf("    %s %s", type_name(t->members[i].type), t->members[i].name));
}

const struct provider provider_iter = {
	.name = "iter",
	.alias = "it",
	.section = "iter",
	.expand = iter_expand,
	.ctx_type = iter_ctx_type,
	.prints_to_file = iter_prints_to_file,
	.object_at = 8, /* after struct bpf_iter_meta *meta */
	.attach = BACKEND(iter_attach),
	.prepare = BACKEND(iter_prepare),
	.list = iter_list,
	.describe = iter_describe,
};
