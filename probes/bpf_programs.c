/* The BPF programs loaded in the kernel, for fentry:bpf:[<id>:]<name>:
 * each one's id and its full name (the kernel keeps 15 bytes of a name;
 * the program's BTF has all of it, as bpftool shows), read when a probe
 * names them. A match keeps the program open (its fd) until lantern
 * exits: that is what the trampoline's program is loaded against. */
#include "bpf_programs.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef LANTERN_FRONT_END_ONLY
#include <bpf/bpf.h>
#include <bpf/btf.h>
#endif

#include "../compiler/arena.h"

#ifndef LANTERN_FRONT_END_ONLY
/* The name of the program's main function in its BTF, or the kernel's
 * 15 bytes of it when it has none. */
static const char *full_name(int fd, const struct bpf_prog_info *short_info)
{
	struct bpf_func_info func = { 0 };
	struct bpf_prog_info info = { 0 };
	__u32 len = sizeof(info);
	info.nr_func_info = 1;
	info.func_info_rec_size = sizeof(func);
	info.func_info = (__u64)(unsigned long)&func;
	const char *name = NULL;
	if (short_info->btf_id && short_info->nr_func_info && !bpf_obj_get_info_by_fd(fd, &info, &len)) {
		struct btf *btf = btf__load_from_kernel_by_id(short_info->btf_id);
		const struct btf_type *t = btf ? btf__type_by_id(btf, func.type_id) : NULL;
		if (t)
			name = arena_strdup(btf__name_by_offset(btf, t->name_off));
		btf__free(btf);
	}
	return name && *name ? name : arena_strdup(short_info->name);
}
#endif

int bpf_programs_matching(const char *id_pattern, const char *name_pattern, struct bpf_program_ref **out)
{
	int n = 0, cap = 0;
	*out = NULL;
#ifndef LANTERN_FRONT_END_ONLY
	for (__u32 id = 0; !bpf_prog_get_next_id(id, &id);) {
		char id_text[16];
		snprintf(id_text, sizeof(id_text), "%u", id);
		if (id_pattern && fnmatch(id_pattern, id_text, 0))
			continue;
		int fd = bpf_prog_get_fd_by_id(id);
		if (fd < 0)
			continue; /* gone since, or not ours to see */
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		const char *name = bpf_obj_get_info_by_fd(fd, &info, &len) ? NULL : full_name(fd, &info);
		if (!name || fnmatch(name_pattern, name, 0)) {
			close(fd);
			continue;
		}
		*out = arena_grow(*out, n, &cap, sizeof(**out));
		(*out)[n++] = (struct bpf_program_ref){ .id = id, .fd = fd, .name = name };
	}
#else
	(void)id_pattern;
	(void)name_pattern;
#endif
	return n;
}
