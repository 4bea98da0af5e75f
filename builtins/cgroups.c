/* Builtins about cgroups (cgroup v2 ids, as the `cgroup` builtin's):
 * cgroupid("/sys/fs/cgroup/x"), a directory's id, known when the script
 * is compiled (the kernel's file handle of the directory, as bpftrace
 * asks for it); cgroup_path(id [, filter]), an id the kernel records and
 * userspace prints as its paths (runtime/output_resolved.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"

#ifndef LANTERN_FRONT_END_ONLY
#include "../codegen/cg.h"
#endif

/* The cgroup id of the directory at path: a cgroup fs's file handle is
 * its 64-bit id. 0 (errno set) if it has none. */
static uint64_t cgroup_id_of(const char *path)
{
	struct {
		struct file_handle fh;
		uint64_t id;
	} h = { .fh.handle_bytes = sizeof(uint64_t) };
	int mount_id;
	if (name_to_handle_at(AT_FDCWD, path, &h.fh, &mount_id, 0) < 0)
		return 0;
	uint64_t id;
	memcpy(&id, h.fh.f_handle, sizeof(id));
	return id;
}

static const struct type *check_cgroupid(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	if (arg->kind != N_STR) {
		check_expr(c, arg);
		check_error(c, arg->loc, "cgroupid() takes the cgroup's path as a string literal");
		return TYPE_NONE;
	}
	if (!cgroup_id_of(arg->string.bytes)) {
		check_error(c, arg->loc, "cgroupid(): no cgroup id for '%s': %s", arg->string.bytes, strerror(errno));
		return TYPE_NONE;
	}
	return type_int(false);
}

/* The index of a filter among the program's, added if new. */
static int cgroup_filter_id(struct program *p, const char *filter)
{
	for (int i = 0; i < p->ncgroup_filters; i++)
		if (!strcmp(p->cgroup_filters[i], filter))
			return i;
	p->cgroup_filters = arena_grow(p->cgroup_filters, p->ncgroup_filters, &p->cgroup_filters_cap,
				       sizeof(*p->cgroup_filters));
	p->cgroup_filters[p->ncgroup_filters] = filter;
	return p->ncgroup_filters++;
}

/* The filter's text: a wildcard over the hierarchies' names ("unified"
 * for cgroup v2); all of them by default. */
static const char *filter_of(const struct node *n)
{
	if (n->call.args.n < 2)
		return "*";
	const struct node *f = n->call.args.items[1];
	return arena_strndup(f->string.bytes, (size_t)f->string.len);
}

static const struct type *check_cgroup_path(struct checker *c, struct node *n)
{
	if (!check_int(c, n->call.args.items[0], "cgroup_path()'s cgroup id"))
		return TYPE_NONE;
	if (n->call.args.n > 1 && n->call.args.items[1]->kind != N_STR) {
		check_expr(c, n->call.args.items[1]);
		check_error(c, n->call.args.items[1]->loc, "cgroup_path()'s filter must be a string literal");
		return TYPE_NONE;
	}
	cgroup_filter_id(c->prog, filter_of(n));
	return type_resolved(RESOLVED_CGROUP_PATH, 16);
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_cgroupid(struct cg *g, struct node *n)
{
	uint64_t id = cgroup_id_of(n->call.args.items[0]->string.bytes);
	return (struct cg_value){ .v = cg_const(g, (long long)id), .type = n->type };
}

/* { id, filter id } */
static struct cg_value lower_cgroup_path(struct cg *g, struct node *n)
{
	LLVMValueRef v = cg_alloca_bytes(g, 16, "cgroup_path");
	cg_store(g, cg_expr(g, n->call.args.items[0]).v, v);
	cg_store(g, cg_const(g, cgroup_filter_id(g->prog, filter_of(n))), cg_gep(g, v, 8));
	return (struct cg_value){ .v = v, .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "cgroupid", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "cgroupid(\"path\")",
	  .check = check_cgroupid, .lower = BACKEND(lower_cgroupid) },
	{ .name = "cgroup_path", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2,
	  .signature = "cgroup_path(cgroup id [, \"filter\"])", .check = check_cgroup_path,
	  .lower = BACKEND(lower_cgroup_path) },
	{ 0 },
};

const struct builtin_family builtins_cgroups = { "cgroups", rows };
