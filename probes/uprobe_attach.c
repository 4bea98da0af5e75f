/* Attaching at places in user code (uprobe_attach.h): the kernel's
 * uprobe_multi link where it has it, libbpf's perf-event uprobes where
 * not. Back-end code only. */
#ifndef LANTERN_FRONT_END_ONLY
#include "uprobe_attach.h"

#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "../compiler/arena.h"
#include "target.h"

/* The process a probe attaches in, or -1 for all: with -p its process,
 * with -c the command for USDT alone, as bpftrace (a uprobe under -c fires
 * in every process: /pid == cpid/ filters). */
static int attach_pid(const struct uprobe_point *u)
{
	const struct target *t = target_get();
	if (t->pid <= 0 || (t->is_command && !u->usdt))
		return -1;
	return t->pid;
}

/* One perf event a place: what every kernel has. */
int uprobe_attach(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
			 struct link_list *links)
{
	const struct uprobe_point *u = ap->data;
	int pid = attach_pid(u);
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .bpf_cookie = cookie, .retprobe = u->retprobe,
		    .ref_ctr_offset = (size_t)u->ref_ctr_offset);
	struct bpf_link *link = bpf_program__attach_uprobe_opts(prog, pid > 0 ? pid : -1, u->path, u->offset, &opts);
	if (!link)
		return -errno;
	return link_list_push(links, link);
}

/* The kernel's uprobe_multi link (6.6): one link for many places of one
 * binary. libbpf 1.1 knows neither the attach type nor the link's
 * attributes, so they are the kernel's uapi, written out here. */
#define UPROBE_MULTI_ATTACH_TYPE 48 /* BPF_TRACE_UPROBE_MULTI */
#define UPROBE_MULTI_RETURN 1       /* BPF_F_UPROBE_MULTI_RETURN */

struct uprobe_multi_attr {
	__u32 prog_fd, target_fd, attach_type, flags;
	__u64 path, offsets, ref_ctr_offsets, cookies;
	__u32 cnt, multi_flags, pid;
};

static int uprobe_multi_link(int prog_fd, const char *path, const unsigned long *offsets,
			     const unsigned long *ref_ctr_offsets, const unsigned long long *cookies, int n, bool retprobe,
			     int pid)
{
	union bpf_attr attr;
	struct uprobe_multi_attr *a = (struct uprobe_multi_attr *)&attr;
	_Static_assert(sizeof(*a) <= sizeof(attr), "uprobe_multi attributes fit union bpf_attr");
	memset(&attr, 0, sizeof(attr));
	*a = (struct uprobe_multi_attr){
		.prog_fd = (__u32)prog_fd,
		.attach_type = UPROBE_MULTI_ATTACH_TYPE,
		.path = (__u64)(uintptr_t)path,
		.offsets = (__u64)(uintptr_t)offsets,
		.ref_ctr_offsets = (__u64)(uintptr_t)ref_ctr_offsets,
		.cookies = (__u64)(uintptr_t)cookies,
		.cnt = (__u32)n,
		.multi_flags = retprobe ? UPROBE_MULTI_RETURN : 0,
		.pid = pid > 0 ? (__u32)pid : 0,
	};
	int fd = (int)syscall(__NR_bpf, BPF_LINK_CREATE, &attr, sizeof(attr));
	return fd < 0 ? -errno : fd;
}

/* Asked once: a kprobe program of the multi attach type loads, and the
 * link is refused for "/" as a directory (EBADF), not as unknown. */
static bool uprobe_multi_supported(void)
{
	static int supported = -1;
	if (supported >= 0)
		return supported;
	supported = 0;
	if (provider_feature_disabled("uprobe_multi"))
		return false;
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = UPROBE_MULTI_ATTACH_TYPE);
	int prog = bpf_prog_load(BPF_PROG_TYPE_KPROBE, NULL, "GPL", insns, 2, &opts);
	if (prog < 0)
		return false;
	unsigned long offset = 0;
	unsigned long long cookie = 0;
	int link = uprobe_multi_link(prog, "/", &offset, NULL, &cookie, 1, false, 0);
	supported = link == -EBADF;
	if (link >= 0)
		close(link);
	close(prog);
	return supported;
}

bool uprobe_multi_available(void)
{
	return uprobe_multi_supported();
}

void uprobe_prepare(struct bpf_program *prog, const struct attach_point *const *aps, int n)
{
	(void)aps;
	(void)n;
	if (uprobe_multi_supported())
		bpf_program__set_expected_attach_type(prog, UPROBE_MULTI_ATTACH_TYPE);
}

/* Places [first, first + n) of one binary in one link; when the kernel
 * refuses it, halves, down to the places it refuses alone. */
static int attach_range(struct bpf_program *prog, const struct attach_point *const *aps,
			const unsigned long *offsets, const unsigned long *ref_ctr_offsets,
			const unsigned long long *cookies, int first, int n, struct link_list *links, int *errors)
{
	const struct uprobe_point *u = aps[first]->data;
	int fd = uprobe_multi_link(bpf_program__fd(prog), u->path, offsets + first,
				   ref_ctr_offsets ? ref_ctr_offsets + first : NULL, cookies + first, n, u->retprobe,
				   attach_pid(u));
	if (fd >= 0)
		return link_list_push_fd(links, fd);
	if (fd == -ENOMEM || n == 1) {
		for (int i = first; i < first + n; i++)
			errors[i] = fd;
		return 0;
	}
	int half = n / 2;
	int err = attach_range(prog, aps, offsets, ref_ctr_offsets, cookies, first, half, links, errors);
	return err ? err
		   : attach_range(prog, aps, offsets, ref_ctr_offsets, cookies, first + half, n - half, links, errors);
}

/* A uprobe_multi link per binary (a wildcard binary's attach points come
 * in path order); without the kernel's support, a perf event each. */
int uprobe_attach_many(const struct attach_point *const *aps, const unsigned long long *cookies, int n,
			      struct bpf_program *prog, struct link_list *links, int *errors)
{
	bool multi = bpf_program__expected_attach_type(prog) == UPROBE_MULTI_ATTACH_TYPE;
	unsigned long *offsets = arena_alloc(sizeof(*offsets) * (size_t)n);
	unsigned long *ref_ctr_offsets = arena_alloc(sizeof(*ref_ctr_offsets) * (size_t)n);
	bool counted = false; /* the kernel wants no counters where there are none */
	for (int i = 0; i < n; i++) {
		const struct uprobe_point *u = aps[i]->data;
		errors[i] = multi ? 0 : uprobe_attach(aps[i], prog, cookies[i], links);
		offsets[i] = (unsigned long)u->offset;
		ref_ctr_offsets[i] = (unsigned long)u->ref_ctr_offset;
		counted |= u->ref_ctr_offset != 0;
	}
	for (int first = 0, count; multi && first < n; first += count) {
		const char *path = ((const struct uprobe_point *)aps[first]->data)->path;
		for (count = 1; first + count < n; count++)
			if (strcmp(((const struct uprobe_point *)aps[first + count]->data)->path, path))
				break;
		int err = attach_range(prog, aps, offsets, counted ? ref_ctr_offsets : NULL, cookies, first, count, links,
				       errors);
		if (err)
			return err;
	}
	return 0;
}
#endif
