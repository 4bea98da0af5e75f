#include "map_layout.h"

#include <linux/bpf.h>

/* Bytes of one copy of m's value, and its histogram buckets. */
static int value_size(const struct map_info *m, int *nbuckets)
{
	*nbuckets = 0;
	const struct type *v = m->value;
	if (v->kind != TY_AGG)
		return type_slot_size(v);
	const struct aggregation *agg = m->agg.kind;
	if (agg->buckets)
		*nbuckets = agg->buckets(&m->agg);
	return 8 * agg->words(&m->agg);
}

bool map_task_local_eligible(const struct map_info *m)
{
	return !m->decl && m->nkeys == 1 && !m->key_not_tid && !m->used_whole && m->value->kind != TY_AGG &&
	       round8(m->value->size) <= MAX_TASK_LOCAL_VALUE;
}

static int power_of_two_at_least(int n)
{
	int p = 1;
	while (p < n)
		p *= 2;
	return p;
}

static int round_up(int n, int to)
{
	return (n + to - 1) / to * to;
}

/* A hash's keys, one after another in 8-byte words. */
static void lay_out_keys(const struct map_info *m, struct map_layout *out)
{
	int off = 0;
	for (int i = 0; i < m->nkeys; i++) {
		out->key_offsets[i] = off;
		off += type_slot_size(m->keys[i]);
	}
	out->key_size = off ? off : 8; /* a plain scalar @x = 1 uses key 0 */
}

/* Plain values the script deletes (@start[tid] = nsecs ... delete)
 * come and go with every event: the kernel's allocator serves that
 * churn a little faster than the preallocated free list (measured:
 * ~4% on the latency pattern), and the map costs memory only for
 * what it holds. LRU hashes are always preallocated. */
static int hash_flags(const struct map_info *m, bool lru)
{
	return m->value->kind != TY_AGG && m->deleted_from && !lru ? BPF_F_NO_PREALLOC : 0;
}

/* let @m = kind(n): the declared kind and capacity (the decls pass made
 * sure it fits what the map holds), never slots or task storage. A
 * key-less map in a hash has key 0. */
static void declared_layout(const struct map_info *m, struct map_layout *out)
{
	const struct map_decl *d = m->decl;
	out->percpu = d->percpu;
	out->max_entries = d->max_entries;
	if (d->array) {
		out->keyless = true;
		out->key_size = 4;
		out->bpf_type = BPF_MAP_TYPE_PERCPU_ARRAY;
		return;
	}
	lay_out_keys(m, out);
	if (d->lru)
		out->bpf_type = d->percpu ? BPF_MAP_TYPE_LRU_PERCPU_HASH : BPF_MAP_TYPE_LRU_HASH;
	else
		out->bpf_type = d->percpu ? BPF_MAP_TYPE_PERCPU_HASH : BPF_MAP_TYPE_HASH;
	out->flags = hash_flags(m, d->lru);
}

void map_layout_choose(const struct map_info *m, const struct layout_options *o, struct map_layout *out)
{
	*out = (struct map_layout){ 0 };
	bool agg = m->value->kind == TY_AGG;
	out->value_size = value_size(m, &out->nbuckets);
	if (m->decl) {
		declared_layout(m, out);
		return;
	}
	if (o->task_storage && map_task_local_eligible(m)) {
		out->task_local = true;
		out->bpf_type = BPF_MAP_TYPE_TASK_STORAGE;
		out->key_size = 8;
		out->flags = BPF_F_NO_PREALLOC; /* the kernel requires it */
		return;
	}
	out->keyless = m->nkeys == 0 && agg;
	out->percpu = agg && !m->read_in_kernel;
	if (out->keyless) {
		out->key_size = 4;
		out->max_entries = 1;
		out->bpf_type = out->percpu ? BPF_MAP_TYPE_PERCPU_ARRAY : BPF_MAP_TYPE_ARRAY;
		/* A slot costs less than even the verifier-inlined array lookup
		 * (no key on the stack, no bounds check, no null check). */
		if (out->percpu && o->cpu_ids > 0 && o->cpu_ids <= MAX_SLOT_CPU_IDS) {
			out->cpu_slots = true;
			out->nslots = power_of_two_at_least(o->cpu_ids);
			out->slot_stride = round_up(out->value_size, CACHE_LINE);
		}
		return;
	}
	lay_out_keys(m, out);
	out->max_entries = o->max_keys > 0 ? o->max_keys : DEFAULT_MAP_KEYS;
	out->bpf_type = out->percpu ? BPF_MAP_TYPE_PERCPU_HASH : BPF_MAP_TYPE_HASH;
	out->flags = hash_flags(m, false);
}

int map_layout_place_slots(struct map_layout *ls, int n)
{
	int size = 0;
	for (int i = 0; i < n; i++) {
		struct map_layout *l = &ls[i];
		if (!l->cpu_slots)
			continue;
		if (size + l->nslots * l->slot_stride > MAX_CPU_SLOTS_SIZE) {
			l->cpu_slots = false; /* stays in its per-CPU array */
			l->nslots = l->slot_stride = 0;
			continue;
		}
		l->slot_offset = size;
		size += l->nslots * l->slot_stride;
	}
	return size;
}
