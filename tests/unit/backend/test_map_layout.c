/* Which maps may live in task storage: plain values keyed by exactly
 * `tid`, never used as a whole; and which in CPU slots: key-less
 * aggregates the script never reads in the kernel. */
#include <linux/bpf.h>

#include "../../../codegen/map_layout.h"
#include "../../../runtime/kernel_features.h"
#include "unit_backend.h"

static void test_cpu_slots(void)
{
	struct layout_options three_cpus = { .cpu_ids = 3 }, unknown = { 0 };
	struct map_layout c, h, s;
	const char *both = "BEGIN { @c = count(); @h = hist(1); @s = sum(2); }";
	CHECK(map_layout_of(both, "@c", &three_cpus, &c) >= 0);
	CHECK(map_layout_of(both, "@h", &three_cpus, &h) >= 0);
	CHECK(map_layout_of(both, "@s", &three_cpus, &s) >= 0);
	CHECK(c.cpu_slots && h.cpu_slots && s.cpu_slots && c.keyless);
	CHECK(c.nslots == 4 && h.nslots == 4);          /* a power of two >= 3 */
	CHECK(c.slot_stride == 64);                      /* a cache line per CPU */
	CHECK(h.slot_stride == 576 && h.value_size == 8 * 66); /* hist: 66 buckets */
	/* one after another, by map id, each copy on its own cache lines */
	CHECK(c.slot_offset == 0 && h.slot_offset == 4 * 64 && s.slot_offset == 4 * 64 + 4 * 576);
	/* read in the kernel: one shared copy with atomic adds, in an array */
	CHECK(map_layout_of("BEGIN { @c = count(); if (@c > 1) { exit(); } }", "@c", &three_cpus, &c) >= 0);
	CHECK(!c.cpu_slots && c.bpf_type == BPF_MAP_TYPE_ARRAY && !c.percpu);
	/* keyed, or CPUs unknown: maps */
	CHECK(map_layout_of("BEGIN { @c[1] = count(); }", "@c", &three_cpus, &c) >= 0);
	CHECK(!c.cpu_slots && c.bpf_type == BPF_MAP_TYPE_PERCPU_HASH);
	CHECK(map_layout_of(both, "@c", &unknown, &c) >= 0);
	CHECK(!c.cpu_slots && c.bpf_type == BPF_MAP_TYPE_PERCPU_ARRAY);
	struct layout_options too_many = { .cpu_ids = MAX_SLOT_CPU_IDS + 1 };
	CHECK(map_layout_of(both, "@c", &too_many, &c) >= 0);
	CHECK(!c.cpu_slots && c.bpf_type == BPF_MAP_TYPE_PERCPU_ARRAY);
	/* past MAX_CPU_SLOTS_SIZE, the rest fall back to per-CPU arrays */
	struct layout_options many = { .cpu_ids = 1000 }; /* 1024 slots of 576 bytes: 576 KiB per hist */
	const char *hists = "BEGIN { @a = hist(1); @b = hist(2); @c = count(); }";
	CHECK(map_layout_of(hists, "@a", &many, &h) >= 0 && h.cpu_slots && h.nslots == 1024);
	CHECK(map_layout_of(hists, "@b", &many, &h) >= 0 && !h.cpu_slots && h.bpf_type == BPF_MAP_TYPE_PERCPU_ARRAY &&
	      !h.nslots);
	CHECK(map_layout_of(hists, "@c", &many, &c) >= 0 && c.cpu_slots && c.slot_offset == 1024 * 576);
}

/* Slots are indexed by CPU id, and possible ids can have gaps. */
static void test_cpu_id_limit(void)
{
	CHECK(cpu_id_limit_of("0\n") == 1);
	CHECK(cpu_id_limit_of("0-1\n") == 2);
	CHECK(cpu_id_limit_of("0-3,8-11\n") == 12);
	CHECK(cpu_id_limit_of("0,2,5") == 6);
	CHECK(cpu_id_limit_of("") == 0);
	CHECK(cpu_id_limit_of("x") == 0);
	CHECK(cpu_id_limit_of("3-1\n") == 0);
	CHECK(cpu_id_limit_of("0-3;") == 0);
}

/* let @m = kind(n): the declared BPF map type and capacity, whatever
 * lantern would have chosen (slots, task storage, max_map_keys). */
static void test_declared(void)
{
	struct layout_options o = { .cpu_ids = 3, .task_storage = true, .max_keys = 4096 };
	struct map_layout l;
	CHECK(map_layout_of("let @m = hash(100); BEGIN { @m[1] = 2; }", "@m", &o, &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_HASH && l.max_entries == 100 && !l.percpu && l.key_size == 8);
	/* an LRU hash is always preallocated: no BPF_F_NO_PREALLOC for deletes */
	CHECK(map_layout_of("let @m = lruhash(7); BEGIN { @m[1] = 2; delete(@m[1]); }", "@m", &o, &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_LRU_HASH && l.max_entries == 7 && l.flags == 0);
	CHECK(map_layout_of("let @m = hash(7); BEGIN { @m[1] = 2; delete(@m[1]); }", "@m", &o, &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_HASH && l.flags == BPF_F_NO_PREALLOC);
	CHECK(map_layout_of("let @m = percpuhash(5); BEGIN { @m[1, \"a\"] = count(); }", "@m", &o, &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_PERCPU_HASH && l.percpu && l.max_entries == 5 && l.key_size == 16);
	CHECK(map_layout_of("let @m = percpulruhash(9); BEGIN { @m[1] = hist(3); }", "@m", &o, &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_LRU_PERCPU_HASH && l.percpu && l.max_entries == 9 && l.nbuckets);
	/* key-less: in the declared hash at key 0, not in CPU slots */
	CHECK(map_layout_of("let @m = percpuhash(1); BEGIN { @m = count(); }", "@m", &o, &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_PERCPU_HASH && !l.keyless && !l.cpu_slots && l.key_size == 8);
	CHECK(map_layout_of("let @m = percpuarray(1); BEGIN { @m = sum(2); }", "@m", &o, &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_PERCPU_ARRAY && l.keyless && !l.cpu_slots && l.max_entries == 1);
	/* keyed by tid alone: the declared hash, not task storage */
	CHECK(map_layout_of("let @m = hash(64); BEGIN { @m[tid] = 1; }", "@m", &o, &l) >= 0);
	CHECK(!l.task_local && l.bpf_type == BPF_MAP_TYPE_HASH && l.max_entries == 64);
	CHECK(task_local("let @m = hash(64); BEGIN { @m[tid] = 1; }", "@m") == 0);
	/* an aggregate read in a probe: one shared copy, in the hash declared */
	CHECK(map_layout_of("let @m = lruhash(3); BEGIN { @m[1] = count(); if (@m[1] > 1) { exit(); } }", "@m", &o,
			    &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_LRU_HASH && !l.percpu);
	/* undeclared maps keep max_map_keys */
	CHECK(map_layout_of("let @m = hash(3); BEGIN { @m[1] = 1; @n[1] = 1; }", "@n", &o, &l) >= 0);
	CHECK(l.bpf_type == BPF_MAP_TYPE_HASH && l.max_entries == 4096);
}

void test_map_layout(void)
{
	test_cpu_slots();
	test_declared();
	test_cpu_id_limit();
	const char *latency = "tracepoint:syscalls:sys_enter_read { @start[tid] = nsecs; }"
			      " tracepoint:syscalls:sys_exit_read /@start[tid]/ { @ns = hist(nsecs - @start[tid]);"
			      " delete(@start[tid]); }";
	CHECK(task_local(latency, "@start") == 1);
	CHECK(task_local(latency, "@ns") == 0);
	CHECK(task_local("BEGIN { @s[tid] = comm; @n[tid]++; @n[tid] += 2; delete(@n, tid); }", "@s") == 1);
	CHECK(task_local("BEGIN { @s[tid] = comm; @n[tid]++; @n[tid] += 2; delete(@n, tid); }", "@n") == 1);
	/* any other key, anywhere, keeps the hash */
	CHECK(task_local("BEGIN { @x[tid] = 1; @x[pid] = 2; }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = 1; } END { @y = @x[tid + 0]; }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid, 1] = 1; }", "@x") == 0);
	CHECK(task_local("BEGIN { @x = 1; }", "@x") == 0);
	/* aggregates and whole-map uses keep their layouts */
	CHECK(task_local("BEGIN { @x[tid] = count(); }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = 1; print(@x); }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = 1; clear(@x); }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = 1; zero(@x); }", "@x") == 0);
	CHECK(task_local("BEGIN { @x[tid] = \"a\"; }", "@x") == 1); /* strings too */
}
