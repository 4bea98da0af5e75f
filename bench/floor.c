/* How cheap can a per-event counter be? Loads hand-assembled BPF programs
 * of the cheapest forms `@ = count()` could take, and bpftrace 0.17's form,
 * attaches each in turn to syscalls:sys_enter_read, and times its own
 * read(2) calls with the kernel's bpf_stats (run_time_ns / run_cnt), the
 * variants alternating round after round. Prints medians in ns, the cost
 * above the empty program, and the ratio to bpftrace's form.
 *
 * It answers one question of bench/README.md: whether lantern's count is
 * at the floor, i.e. whether any program that counts could cost less.
 * The slot form is what lantern emits for a key-less count: same code as
 * the hand-written one, instruction for instruction.
 *
 * Usage (root): floor READS ROUNDS   (run.sh pins it to one CPU) */
#include <bpf/bpf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define INSN(code, dst, src, off, imm) ((struct bpf_insn){code, dst, src, off, imm})
#define MOV64_IMM(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV32_IMM(d, i) INSN(BPF_ALU | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define ADD64_REG(d, s) INSN(BPF_ALU64 | BPF_ADD | BPF_X, d, s, 0, 0)
#define AND64_IMM(d, i) INSN(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define LSH64_IMM(d, i) INSN(BPF_ALU64 | BPF_LSH | BPF_K, d, 0, 0, i)
#define STORE32(d, off, s) INSN(BPF_STX | BPF_MEM | BPF_W, d, s, off, 0)
#define STORE64(d, off, s) INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, off, 0)
#define LOAD64(d, s, off) INSN(BPF_LDX | BPF_MEM | BPF_DW, d, s, off, 0)
#define ATOMIC_ADD64(d, off, s) INSN(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, off, BPF_ADD)
#define LOAD_MAP(d, fd) INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd), INSN(0, 0, 0, 0, 0)
#define LOAD_MAP_VALUE(d, fd) INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_VALUE, 0, fd), INSN(0, 0, 0, 0, 0)
#define CALL(helper) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, helper)
#define JEQ_IMM(d, i, off) INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, off, i)
#define EXIT INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

enum { MAX_ROUNDS = 101, SLOT = 64 /* one cache line per CPU */, MAX_CPUS = 64 };

struct variant {
	const char *name;
	struct bpf_insn insns[32];
	int fd;
	double ns[MAX_ROUNDS];
};

static void die(const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int tracepoint_id(void)
{
	static const char *paths[] = {"/sys/kernel/tracing/events/syscalls/sys_enter_read/id",
				      "/sys/kernel/debug/tracing/events/syscalls/sys_enter_read/id"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		FILE *f = fopen(paths[i], "r");
		int id;
		if (f && fscanf(f, "%d", &id) == 1) {
			fclose(f);
			return id;
		}
		if (f)
			fclose(f);
	}
	die("syscalls:sys_enter_read not found in tracefs");
	return -1;
}

static int attach(int prog_fd, int tp_id)
{
	struct perf_event_attr attr = {.type = PERF_TYPE_TRACEPOINT, .size = sizeof attr,
				       .config = tp_id, .sample_period = 1, .wakeup_events = 1};
	int fd = syscall(__NR_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0 || ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog_fd) || ioctl(fd, PERF_EVENT_IOC_ENABLE, 0))
		die("attaching to sys_enter_read");
	return fd;
}

static void run_stats(int prog_fd, unsigned long long *ns, unsigned long long *cnt)
{
	struct bpf_prog_info info = {0};
	__u32 len = sizeof info;
	if (bpf_obj_get_info_by_fd(prog_fd, &info, &len))
		die("reading bpf_stats");
	*ns = info.run_time_ns;
	*cnt = info.run_cnt;
}

static int count_insns(const struct bpf_insn *insns)
{
	int n = 0;
	while (insns[n].code != (BPF_JMP | BPF_EXIT))
		n++;
	return n + 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return fprintf(stderr, "usage: floor READS ROUNDS\n"), 2;
	long reads = atol(argv[1]);
	int rounds = atoi(argv[2]);
	if (reads <= 0 || rounds <= 0 || rounds > MAX_ROUNDS)
		return fprintf(stderr, "floor: READS > 0, 0 < ROUNDS <= %d\n", MAX_ROUNDS), 2;

	int percpu = bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "floor_percpu", 4, 8, 1, NULL);
	int slots = bpf_map_create(BPF_MAP_TYPE_ARRAY, "floor_slots", 4, SLOT * MAX_CPUS, 1, NULL);
	if (percpu < 0 || slots < 0)
		die("creating maps");

	struct variant variants[] = {
		{.name = "empty program", .insns = {MOV64_IMM(0, 0), EXIT}},
		/* lantern's form before CPU slots: the verifier inlines the lookup */
		{.name = "per-CPU array, inlined lookup (lantern before CPU slots)",
		  .insns = {MOV32_IMM(1, 0), STORE32(10, -8, 1), MOV64_REG(2, 10), ADD64_IMM(2, -8),
		  LOAD_MAP(1, percpu), CALL(BPF_FUNC_map_lookup_elem), JEQ_IMM(0, 0, 3),
		  LOAD64(1, 0, 0), ADD64_IMM(1, 1), STORE64(0, 0, 1), MOV64_IMM(0, 0), EXIT}},
		/* what `lantern -d asm` emits now: the CPU id (inlined helper)
		 * picks a cache line of a global, no map lookup */
		{.name = "lantern: per-CPU slot in a global, no lookup",
		  .insns = {CALL(BPF_FUNC_get_smp_processor_id), AND64_IMM(0, MAX_CPUS - 1), LSH64_IMM(0, 6),
		  LOAD_MAP_VALUE(1, slots), ADD64_REG(1, 0), LOAD64(2, 1, 0), ADD64_IMM(2, 1),
		  STORE64(1, 0, 2), MOV64_IMM(0, 0), EXIT}},
		/* the least a counter can do; contended across CPUs, so not a design */
		{.name = "one atomic add to one global",
		  .insns = {LOAD_MAP_VALUE(1, slots), MOV64_IMM(2, 1), ATOMIC_ADD64(1, 0, 2), MOV64_IMM(0, 0), EXIT}},
		/* bpftrace 0.17's program, from `bpftool prog dump xlated` */
		{.name = "bpftrace 0.17: lookup, then update helper",
		  .insns = {MOV64_IMM(1, 0), STORE64(10, -16, 1), LOAD_MAP(1, percpu), MOV64_REG(2, 10),
		  ADD64_IMM(2, -16), CALL(BPF_FUNC_map_lookup_elem), MOV64_IMM(1, 1), JEQ_IMM(0, 0, 2),
		  LOAD64(1, 0, 0), ADD64_IMM(1, 1), STORE64(10, -8, 1), LOAD_MAP(1, percpu),
		  MOV64_REG(2, 10), ADD64_IMM(2, -16), MOV64_REG(3, 10), ADD64_IMM(3, -8),
		  MOV64_IMM(4, 0), CALL(BPF_FUNC_map_update_elem), MOV64_IMM(0, 1), EXIT}},
	};
	enum { N = sizeof variants / sizeof *variants, EMPTY = 0, BPFTRACE = N - 1 };

	for (int v = 0; v < N; v++) {
		char log[16384] = "";
		LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof log);
		variants[v].fd = bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, "floor", "GPL", variants[v].insns,
					       count_insns(variants[v].insns), &opts);
		if (variants[v].fd < 0) {
			fprintf(stderr, "floor: %s rejected:\n%s", variants[v].name, log);
			return 1;
		}
	}

	if (bpf_enable_stats(BPF_STATS_RUN_TIME) < 0) /* on while this process lives */
		die("enabling bpf_stats");
	int tp = tracepoint_id(), zero = open("/dev/zero", O_RDONLY);
	char buf[100];
	if (zero < 0)
		die("/dev/zero");
	for (int r = 0; r < rounds; r++)
		for (int v = 0; v < N; v++) {
			unsigned long long ns0, cnt0, ns1, cnt1;
			int link = attach(variants[v].fd, tp);
			for (int i = 0; i < 1000; i++) /* warm up */
				(void)!read(zero, buf, sizeof buf);
			run_stats(variants[v].fd, &ns0, &cnt0);
			for (long i = 0; i < reads; i++)
				(void)!read(zero, buf, sizeof buf);
			run_stats(variants[v].fd, &ns1, &cnt1);
			close(link);
			variants[v].ns[r] = cnt1 > cnt0 ? (double)(ns1 - ns0) / (cnt1 - cnt0) : 0;
		}

	double median[N];
	for (int v = 0; v < N; v++) {
		qsort(variants[v].ns, rounds, sizeof(double), cmp_double);
		median[v] = rounds % 2 ? variants[v].ns[rounds / 2]
				       : (variants[v].ns[rounds / 2 - 1] + variants[v].ns[rounds / 2]) / 2;
	}
	printf("| program | insns | ns per event (median) | above empty | ratio to bpftrace's |\n");
	printf("|---|---:|---:|---:|---:|\n");
	for (int v = 0; v < N; v++)
		printf("| %s | %d | %.1f | %.1f | %.2f |\n", variants[v].name, count_insns(variants[v].insns),
		       median[v], median[v] - median[EMPTY], median[v] / median[BPFTRACE]);
	return 0;
}
