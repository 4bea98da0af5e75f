/* --info: what lantern finds in this kernel and was built with, in the
 * sections of bpftrace's --info (System, Build, Kernel helpers, Kernel
 * features, Map types, Probe types), two entries a line as bpftrace
 * tabulates them. Each answer is asked of the kernel now: a helper, map
 * or program type by loading a tiny one (libbpf's probes), a probe type
 * by what its attaching needs. */
#include "runtime.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include "../probes/provider.h"
#include "kernel_features.h"

struct entry {
	const char *name;
	char value[64];
};

#define COLUMN 35

static void table(FILE *out, const char *title, const struct entry *e, int n)
{
	fprintf(out, "%s\n", title);
	for (int i = 0; i < n; i += 2) {
		char first[128];
		snprintf(first, sizeof first, "  %s: %s", e[i].name, e[i].value);
		if (i + 1 < n)
			fprintf(out, "%-*s%s: %s\n", COLUMN, first, e[i + 1].name, e[i + 1].value);
		else
			fprintf(out, "%s\n", first);
	}
	fputc('\n', out);
}

static void yes_no(struct entry *e, const char *name, bool yes)
{
	e->name = name;
	snprintf(e->value, sizeof e->value, "%s", yes ? "yes" : "no");
}

static bool helper(enum bpf_prog_type type, enum bpf_func_id id)
{
	return libbpf_probe_bpf_helper(type, id, NULL) == 1;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Modules' BTF: /sys/kernel/btf has a file besides vmlinux. */
static bool module_btf(void)
{
	DIR *d = opendir("/sys/kernel/btf");
	struct dirent *e;
	bool found = false;
	while (d && !found && (e = readdir(d)))
		found = e->d_name[0] != '.' && strcmp(e->d_name, "vmlinux");
	if (d)
		closedir(d);
	return found;
}

/* fentry: a tracing program on a kernel function loads and attaches. */
static bool fentry_works(void)
{
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return false;
	int id = btf__find_by_name_kind(btf, "sched_fork", BTF_KIND_FUNC);
	btf__free(btf);
	if (id <= 0)
		return false;
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_FENTRY, .attach_btf_id = (__u32)id);
	int prog = bpf_prog_load(BPF_PROG_TYPE_TRACING, NULL, "GPL", insns, 2, &opts);
	if (prog < 0)
		return false;
	int link = bpf_raw_tracepoint_open(NULL, prog);
	if (link >= 0)
		close(link);
	close(prog);
	return link >= 0;
}

/* Without privileges every probe would say "no": say why instead. */
static bool may_load(void)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int prog = bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, NULL, "GPL", insns, 2, NULL);
	if (prog < 0 && (errno == EPERM || errno == EACCES)) {
		fprintf(stderr, "ERROR: the kernel refused to load BPF programs: %s; lantern needs root "
			"(or CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN)\n", strerror(errno));
		return false;
	}
	if (prog >= 0)
		close(prog);
	return true;
}

int runtime_info(FILE *out, const char *version, const char *llvm_version)
{
	if (!may_load())
		return 1;
	struct utsname u;
	uname(&u);
	fprintf(out, "System\n  OS: %s %s %s\n  Arch: %s\n\n", u.sysname, u.release, u.version, u.machine);

	fprintf(out, "Build\n  version: %s\n  LLVM: %s\n  libbpf: %d.%d\n\n", version, llvm_version,
		libbpf_major_version(), libbpf_minor_version());

	const enum bpf_prog_type tp = BPF_PROG_TYPE_TRACEPOINT;
	struct entry helpers[16];
	int n = 0;
	yes_no(&helpers[n++], "probe_read_kernel", helper(tp, BPF_FUNC_probe_read_kernel));
	yes_no(&helpers[n++], "probe_read_user", helper(tp, BPF_FUNC_probe_read_user));
	yes_no(&helpers[n++], "probe_read_kernel_str", helper(tp, BPF_FUNC_probe_read_kernel_str));
	yes_no(&helpers[n++], "probe_read_user_str", helper(tp, BPF_FUNC_probe_read_user_str));
	yes_no(&helpers[n++], "ringbuf_reserve", helper(tp, BPF_FUNC_ringbuf_reserve));
	yes_no(&helpers[n++], "loop", helper(tp, BPF_FUNC_loop));
	yes_no(&helpers[n++], "for_each_map_elem", helper(tp, BPF_FUNC_for_each_map_elem));
	yes_no(&helpers[n++], "task_storage_get", helper(tp, BPF_FUNC_task_storage_get));
	yes_no(&helpers[n++], "get_current_task_btf", helper(tp, BPF_FUNC_get_current_task_btf));
	yes_no(&helpers[n++], "get_tai_ns", helper(tp, BPF_FUNC_ktime_get_tai_ns));
	yes_no(&helpers[n++], "send_signal", helper(tp, BPF_FUNC_send_signal));
	yes_no(&helpers[n++], "send_signal_thread", helper(tp, BPF_FUNC_send_signal_thread));
	yes_no(&helpers[n++], "get_current_cgroup_id", helper(tp, BPF_FUNC_get_current_cgroup_id));
	yes_no(&helpers[n++], "get_func_ip", helper(BPF_PROG_TYPE_KPROBE, BPF_FUNC_get_func_ip));
	table(out, "Kernel helpers", helpers, n);

	struct entry features[8];
	n = 0;
	struct btf *btf = btf__load_vmlinux_btf();
	yes_no(&features[n++], "btf", btf != NULL);
	btf__free(btf);
	yes_no(&features[n++], "module btf", module_btf());
	yes_no(&features[n++], "task-local maps", kernel_task_storage());
	yes_no(&features[n++], "BPF v4 insns", kernel_bpf_cpu_v4());
	features[n].name = "possible CPUs";
	snprintf(features[n++].value, sizeof features[0].value, "%d", kernel_possible_cpus());
	table(out, "Kernel features", features, n);

	static const struct { const char *name; enum bpf_map_type type; } maps[] = {
		{ "hash", BPF_MAP_TYPE_HASH },
		{ "percpu hash", BPF_MAP_TYPE_PERCPU_HASH },
		{ "lru hash", BPF_MAP_TYPE_LRU_HASH },
		{ "lru percpu hash", BPF_MAP_TYPE_LRU_PERCPU_HASH },
		{ "array", BPF_MAP_TYPE_ARRAY },
		{ "percpu array", BPF_MAP_TYPE_PERCPU_ARRAY },
		{ "ringbuf", BPF_MAP_TYPE_RINGBUF },
		{ "task storage", BPF_MAP_TYPE_TASK_STORAGE },
	};
	struct entry map_types[8];
	for (n = 0; n < 8; n++)
		yes_no(&map_types[n], maps[n].name, libbpf_probe_bpf_map_type(maps[n].type, NULL) == 1);
	table(out, "Map types", map_types, n);

	/* a probe type works when its program type loads and the kernel has
	 * what attaching it needs (a tracefs or PMU of its own) */
	struct entry probes[8];
	n = 0;
	bool kprobe_prog = libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_KPROBE, NULL) == 1;
	yes_no(&probes[n++], "tracepoint", libbpf_probe_bpf_prog_type(tp, NULL) == 1 &&
						   exists("/sys/bus/event_source/devices/tracepoint"));
	yes_no(&probes[n++], "rawtracepoint", libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_RAW_TRACEPOINT, NULL) == 1);
	yes_no(&probes[n++], "uprobe", kprobe_prog && exists("/sys/bus/event_source/devices/uprobe"));
	yes_no(&probes[n++], "uprobe_multi", uprobe_multi_available());
	yes_no(&probes[n++], "kprobe", kprobe_prog && exists("/sys/bus/event_source/devices/kprobe"));
	yes_no(&probes[n++], "fentry", fentry_works());
	yes_no(&probes[n++], "perf_event (profile, interval)",
	       libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_PERF_EVENT, NULL) == 1);
	table(out, "Probe types", probes, n);
	return 0;
}
