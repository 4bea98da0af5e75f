/* Map keys, reads, stores and aggregations, following the layout chosen
 * for each map (map_layout.c). */
#include <linux/bpf.h>

#include "cg.h"

static struct map_layout *layout_of(struct cg *g, struct node *map_ref)
{
	return &g->layouts[map_ref->map.map->id];
}

static LLVMValueRef global_of(struct cg *g, struct node *map_ref)
{
	return g->map_globals[map_ref->map.map->id];
}

/* This CPU's copy of a CPU-slots value (map_layout.h). nslots covers
 * every possible CPU id; the mask only shows the verifier the bound. The
 * CPU id is a pure call, so LLVM asks once for all slots in a probe. */
static LLVMValueRef cpu_slot(struct cg *g, struct node *map_ref)
{
	struct map_layout *l = layout_of(g, map_ref);
	LLVMValueRef cpu = cg_helper(g, BPF_FUNC_get_smp_processor_id, g->i64, NULL, 0);
	cg_mark_pure(g, cpu);
	LLVMValueRef index = LLVMBuildAnd(g->b, cpu, cg_const(g, l->nslots - 1), "");
	LLVMValueRef offset = LLVMBuildMul(g->b, index, cg_const(g, l->slot_stride), "");
	return cg_gep_var(g, cg_gep(g, g->cpu_slots, l->slot_offset), offset);
}

/* delete() of a CPU-slots value zeroes every CPU's copy: the whole value
 * goes, as bpftrace's delete of a key-less map does. The slot index is
 * opaque, or LLVM would merge the loop into one memset of every slot,
 * which the BPF backend cannot emit once it is large. */
static void clear_cpu_slots(struct cg *g, struct node *map_ref)
{
	struct map_layout *l = layout_of(g, map_ref);
	LLVMValueRef base = cg_gep(g, g->cpu_slots, l->slot_offset);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b), body = cg_block(g, "slot_clear"),
			  done = cg_block(g, "slots_cleared");
	LLVMBuildBr(g->b, body);
	LLVMPositionBuilderAtEnd(g->b, body);
	LLVMValueRef slot = LLVMBuildPhi(g->b, g->i64, "slot");
	LLVMValueRef offset = LLVMBuildMul(g->b, cg_opaque(g, slot), cg_const(g, l->slot_stride), "");
	cg_memset(g, cg_gep_var(g, base, offset), l->value_size);
	LLVMBasicBlockRef body_end = LLVMGetInsertBlock(g->b); /* a big memset is a loop of its own */
	LLVMValueRef next = LLVMBuildAdd(g->b, slot, cg_const(g, 1), ""), first = cg_const(g, 0);
	LLVMAddIncoming(slot, &first, &from, 1);
	LLVMAddIncoming(slot, &next, &body_end, 1);
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntULT, next, cg_const(g, l->nslots), ""), body, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

LLVMValueRef cg_map_key(struct cg *g, struct node *map_ref)
{
	struct map_layout *l = layout_of(g, map_ref);
	struct map_info *m = map_ref->map.map;
	if (l->task_local || l->cpu_slots)
		return NULL; /* the key is the current task or CPU */
	if (l->keyless) {
		LLVMValueRef k = cg_alloca(g, g->i32, "key");
		cg_store(g, LLVMConstInt(g->i32, 0, 0), k);
		return k;
	}
	LLVMValueRef key = cg_alloca_bytes(g, l->key_size, "key");
	if (m->nkeys == 0) {
		cg_store(g, cg_const(g, 0), key);
		return key;
	}
	if (map_ref->map.key_is_tuple) { /* @m[$t]: $t's members are the parts */
		struct cg_value t = cg_expr(g, map_ref->map.keys.items[0]);
		for (int i = 0; i < m->nkeys; i++) {
			LLVMValueRef at = cg_gep(g, key, l->key_offsets[i]);
			cg_convert_copy(g, at, m->keys[i], cg_gep(g, t.v, t.type->members[i].offset),
					t.type->members[i].type);
			cg_zero_tail(g, at, m->keys[i]->size, type_slot_size(m->keys[i]));
		}
		return key;
	}
	for (int i = 0; i < m->nkeys; i++) {
		struct node *k = map_ref->map.keys.items[i];
		LLVMValueRef at = cg_gep(g, key, l->key_offsets[i]);
		if (m->keys[i]->kind == TY_STR) /* hash keys compare every byte */
			cg_str_into(g, k, at, round8(m->keys[i]->size), true);
		else
			cg_value_into(g, k, at, m->keys[i]);
	}
	return key;
}

/* The current task's storage in a task-local map, made if create; NULL
 * when there is none (or the kernel declines: recursion, no memory). */
static LLVMValueRef task_storage(struct cg *g, LLVMValueRef map, bool create)
{
	LLVMValueRef task = cg_helper(g, BPF_FUNC_get_current_task_btf, g->ptr, NULL, 0);
	LLVMValueRef args[] = { map, task, LLVMConstNull(g->ptr),
				cg_const(g, create ? BPF_LOCAL_STORAGE_GET_F_CREATE : 0) };
	return cg_helper(g, BPF_FUNC_task_storage_get, g->ptr, args, 4);
}

/* The word after a task-local value: 1 while the element exists. */
static LLVMValueRef present_word(struct cg *g, struct node *map_ref, LLVMValueRef storage)
{
	return cg_gep(g, storage, layout_of(g, map_ref)->value_size);
}

LLVMValueRef cg_map_element(struct cg *g, struct node *map_ref, LLVMValueRef key)
{
	if (layout_of(g, map_ref)->cpu_slots)
		return cpu_slot(g, map_ref);
	if (!layout_of(g, map_ref)->task_local)
		return cg_map_lookup(g, global_of(g, map_ref), key ? key : cg_map_key(g, map_ref));
	LLVMValueRef s = task_storage(g, global_of(g, map_ref), false);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
	LLVMBasicBlockRef check = cg_block(g, "task_check"), present = cg_block(g, "task_present"),
			  done = cg_block(g, "task_element");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, s, ""), done, check);
	LLVMPositionBuilderAtEnd(g->b, check);
	LLVMValueRef word = cg_load(g, g->i64, present_word(g, map_ref, s));
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntNE, word, cg_const(g, 0), ""), present, done);
	LLVMPositionBuilderAtEnd(g->b, present);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef phi = LLVMBuildPhi(g->b, g->ptr, "element");
	LLVMValueRef null = LLVMConstNull(g->ptr);
	LLVMValueRef values[] = { null, null, s };
	LLVMBasicBlockRef blocks[] = { from, check, present };
	LLVMAddIncoming(phi, values, blocks, 3);
	return phi;
}

/* value_size bytes from buf into the current task's element, made present. */
static void store_task_local(struct cg *g, struct node *map_ref, LLVMValueRef buf)
{
	LLVMValueRef s = task_storage(g, global_of(g, map_ref), true);
	LLVMBasicBlockRef write = cg_block(g, "task_store"), done = cg_block(g, "task_stored");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, s, ""), done, write);
	LLVMPositionBuilderAtEnd(g->b, write);
	cg_memcpy_aligned(g, s, buf, layout_of(g, map_ref)->value_size);
	cg_store(g, cg_const(g, 1), present_word(g, map_ref, s));
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	cg_cache_forget_map(g, map_ref->map.map->id);
}

/* The value of an element as an integer: an aggregate's descriptor reads
 * its own (shared layout: one copy of the value, updated atomically). */
static LLVMValueRef load_value(struct cg *g, LLVMValueRef v, struct map_info *m)
{
	if (m->value->kind == TY_AGG)
		return m->agg.kind->load(g, &m->agg, v);
	return cg_load(g, g->i64, v);
}

/* The element's value as an integer, or 0 when it is missing. */
static LLVMValueRef lookup_or_zero_int(struct cg *g, struct node *map_ref)
{
	LLVMValueRef v = cg_cached_lookup(g, map_ref);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
	LLVMBasicBlockRef hit = cg_block(g, "hit"), done = cg_block(g, "read");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v, ""), done, hit);
	LLVMPositionBuilderAtEnd(g->b, hit);
	LLVMValueRef value = load_value(g, v, map_ref->map.map);
	LLVMBasicBlockRef hit_end = LLVMGetInsertBlock(g->b);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef phi = LLVMBuildPhi(g->b, g->i64, "");
	LLVMValueRef values[] = { cg_const(g, 0), value };
	LLVMBasicBlockRef blocks[] = { from, hit_end };
	LLVMAddIncoming(phi, values, blocks, 2);
	return phi;
}

struct cg_value cg_map_read(struct cg *g, struct node *map_ref)
{
	struct map_info *m = map_ref->map.map;
	struct cg_value r = { .type = map_ref->type };
	if (!type_in_buffer(m->value)) {
		r.v = lookup_or_zero_int(g, map_ref);
		return r;
	}
	int size = m->value->size;
	r.type = m->value;
	r.v = cg_alloca_bytes(g, size, "mapvalue");
	LLVMValueRef v = cg_cached_lookup(g, map_ref);
	LLVMBasicBlockRef hit = cg_block(g, "hit"), miss = cg_block(g, "miss"), done = cg_block(g, "read");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v, ""), miss, hit);
	LLVMPositionBuilderAtEnd(g->b, hit);
	cg_memcpy_aligned(g, r.v, v, round8(size));
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, miss);
	cg_memset(g, r.v, round8(size));
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	return r;
}

/* An update the map of id refused (it is full): counted in dropped_map,
 * through key_slot, and reported at exit. */
static void count_at_if_refused(struct cg *g, LLVMValueRef update_result, LLVMValueRef key_slot, LLVMValueRef id)
{
	LLVMBasicBlockRef refused = cg_block(g, "update_refused"), done = cg_block(g, "updated");
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, update_result, cg_const(g, 0), ""), refused, done);
	LLVMPositionBuilderAtEnd(g->b, refused);
	cg_count_at(g, g->dropped_map, key_slot, id);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

static void count_if_refused(struct cg *g, struct node *map_ref, LLVMValueRef update_result)
{
	count_at_if_refused(g, update_result, cg_alloca(g, g->i32, "counter_key"),
			    LLVMConstInt(g->i32, (unsigned)map_ref->map.map->id, 0));
}

/* A probe's first map stores are inline, as fast as they go; past
 * these, each calls a function (a BPF subprogram) doing the same: a
 * script of thousands of stores then compiles in linear time and
 * memory, not LLVM's many blocks per store. */
#define MAX_INLINE_STORES 64

/* LLVM schedules each basic block's instructions in time quadratic in
 * the block's calls (a chain of thousands of store calls took seconds):
 * every STORES_PER_BLOCK calls the block ends, on a branch LLVM cannot
 * fold away (on a global the verifier and LLVM cannot know is 0), so
 * the time stays linear. */
#define STORES_PER_BLOCK 32

static void end_block(struct cg *g)
{
	LLVMBasicBlockRef next = cg_block(g, "stores");
	LLVMValueRef never = LLVMBuildICmp(g->b, LLVMIntNE, cg_opaque_zero(g), cg_const(g, 0), "");
	LLVMBuildCondBr(g->b, never, g->exit, next);
	LLVMPositionBuilderAtEnd(g->b, next);
}

/* i64 store(map, key, buf, map id): store_value's lookup, copy in
 * place or insert, refusal counted; one per value size. */
static LLVMValueRef store_function(struct cg *g, int size)
{
	for (int i = 0; i < g->nstore_fns; i++)
		if (g->store_sizes[i] == size)
			return g->store_fns[i];
	LLVMTypeRef params[] = { g->ptr, g->ptr, g->ptr, g->i32 };
	LLVMMetadataRef place = LLVMGetCurrentDebugLocation2(g->b);
	LLVMValueRef fn = cg_callback_function(g, "map_store", params, 4);
	unsigned noinline = LLVMGetEnumAttributeKindForName("noinline", 8);
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, noinline, 0));
	LLVMBasicBlockRef was = LLVMGetInsertBlock(g->b);
	LLVMValueRef was_fn = g->fn;
	g->fn = fn;
	LLVMBasicBlockRef entry = cg_block(g, "entry"), hit = cg_block(g, "in_place"), miss = cg_block(g, "insert"),
			  done = cg_block(g, "stored");
	LLVMPositionBuilderAtEnd(g->b, entry);
	/* its own slot: the temporaries' pool is the probe function's */
	LLVMValueRef counter_key = LLVMBuildAlloca(g->b, g->i32, "counter_key");
	LLVMValueRef map = LLVMGetParam(fn, 0), key = LLVMGetParam(fn, 1), buf = LLVMGetParam(fn, 2);
	LLVMValueRef v = cg_map_lookup(g, map, key);
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v, ""), miss, hit);
	LLVMPositionBuilderAtEnd(g->b, hit);
	cg_memcpy_aligned(g, v, buf, size);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, miss);
	count_at_if_refused(g, cg_map_update(g, map, key, buf, BPF_ANY), counter_key, LLVMGetParam(fn, 3));
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMBuildRet(g->b, cg_const(g, 0));
	g->fn = was_fn;
	LLVMPositionBuilderAtEnd(g->b, was);
	LLVMSetCurrentDebugLocation2(g->b, place);
	if (g->nstore_fns < (int)(sizeof(g->store_fns) / sizeof(g->store_fns[0]))) {
		g->store_sizes[g->nstore_fns] = size;
		g->store_fns[g->nstore_fns++] = fn;
	}
	return fn;
}

/* Stores a plain value from buf. In a map the script never deletes from,
 * elements stay: overwrite in place when the key is there (a hash update
 * would allocate a new element and free the old one), insert otherwise.
 * In a map with deletes elements churn, and one update call is cheaper
 * than a lookup that misses and then an update. */
static void store_value(struct cg *g, struct node *map_ref, LLVMValueRef key, LLVMValueRef buf, int size)
{
	LLVMValueRef map = global_of(g, map_ref);
	if (layout_of(g, map_ref)->task_local) {
		store_task_local(g, map_ref, buf);
		return;
	}
	if (map_ref->map.map->deleted_from) {
		count_if_refused(g, map_ref, cg_map_update(g, map, key, buf, BPF_ANY));
		cg_cache_forget_map(g, map_ref->map.map->id);
		return;
	}
	if (++g->stores_in_function > MAX_INLINE_STORES) {
		LLVMValueRef fn = store_function(g, size);
		LLVMValueRef args[] = { map, key, buf, LLVMConstInt(g->i32, (unsigned)map_ref->map.map->id, 0) };
		LLVMBuildCall2(g->b, LLVMGlobalGetValueType(fn), fn, args, 4, "");
		cg_cache_forget_map(g, map_ref->map.map->id);
		if (g->stores_in_function % STORES_PER_BLOCK == 0)
			end_block(g);
		return;
	}
	LLVMValueRef v = cg_cached_lookup_key(g, map_ref, key);
	LLVMBasicBlockRef hit = cg_block(g, "store_in_place"), miss = cg_block(g, "store_insert"),
			  done = cg_block(g, "stored");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v, ""), miss, hit);
	LLVMPositionBuilderAtEnd(g->b, hit);
	cg_memcpy_aligned(g, v, buf, size);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, miss);
	count_if_refused(g, map_ref, cg_map_update(g, map, key, buf, BPF_ANY));
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	cg_cache_forget_map(g, map_ref->map.map->id); /* the miss path made a new element */
}

void cg_map_store_int(struct cg *g, struct node *map_ref, LLVMValueRef key, LLVMValueRef v)
{
	LLVMValueRef val = cg_alloca(g, g->i64, "val");
	cg_store(g, v, val);
	store_value(g, map_ref, key, val, 8);
}

/* Returns an i1: whether there was an element to delete. */
LLVMValueRef cg_map_delete_ref(struct cg *g, struct node *map_ref)
{
	struct map_layout *l = layout_of(g, map_ref);
	LLVMValueRef yes = LLVMConstInt(g->i1, 1, 0), no = LLVMConstInt(g->i1, 0, 0);
	if (l->task_local) { /* storage stays with the task: mark the element gone */
		LLVMValueRef s = cg_cached_lookup(g, map_ref);
		LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
		LLVMBasicBlockRef clear = cg_block(g, "task_delete"), done = cg_block(g, "deleted");
		LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, s, ""), done, clear);
		LLVMPositionBuilderAtEnd(g->b, clear);
		cg_store(g, cg_const(g, 0), present_word(g, map_ref, s));
		LLVMBuildBr(g->b, done);
		LLVMPositionBuilderAtEnd(g->b, done);
		cg_cache_forget_map(g, map_ref->map.map->id);
		LLVMValueRef was = LLVMBuildPhi(g->b, g->i1, "was");
		LLVMValueRef values[] = { no, yes };
		LLVMBasicBlockRef blocks[] = { from, clear };
		LLVMAddIncoming(was, values, blocks, 2);
		return was;
	}
	if (l->cpu_slots) {
		clear_cpu_slots(g, map_ref);
		return yes;
	}
	LLVMValueRef key = cg_map_key(g, map_ref);
	cg_cache_forget_map(g, map_ref->map.map->id);
	if (!l->keyless) {
		LLVMValueRef r = cg_map_delete(g, global_of(g, map_ref), key);
		return LLVMBuildICmp(g->b, LLVMIntEQ, r, cg_const(g, 0), "");
	}
	/* arrays cannot delete: zero this CPU's copy */
	LLVMValueRef v = cg_map_lookup(g, global_of(g, map_ref), key);
	LLVMBasicBlockRef hit = cg_block(g, "hit"), done = cg_block(g, "deleted");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v, ""), done, hit);
	LLVMPositionBuilderAtEnd(g->b, hit);
	cg_memset(g, v, l->value_size);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	return yes;
}

/* ---- aggregations: their descriptors update the value ---- */

void cg_add_to(struct cg *g, LLVMValueRef p, LLVMValueRef x, bool atomic)
{
	if (atomic) {
		LLVMBuildAtomicRMW(g->b, LLVMAtomicRMWBinOpAdd, p, x, LLVMAtomicOrderingMonotonic, 0);
		return;
	}
	cg_store(g, LLVMBuildAdd(g->b, cg_load(g, g->i64, p), x, ""), p);
}

static void apply_aggregation(struct cg *g, struct map_info *m, struct map_layout *l, LLVMValueRef v, LLVMValueRef x)
{
	m->agg.kind->update(g, &m->agg, v, x, !l->percpu);
}

/* lookup; on a miss insert zeroes (BPF_NOEXIST: never clobber a racing
 * insert) and look up again; then update the value in place. */
static void aggregate(struct cg *g, struct node *map_ref, struct node *call)
{
	struct map_info *m = map_ref->map.map;
	struct map_layout *l = layout_of(g, map_ref);
	LLVMValueRef map = global_of(g, map_ref);
	LLVMValueRef x = call->call.args.n ? cg_expr(g, call->call.args.items[0]).v : cg_const(g, 0);
	if (l->cpu_slots) { /* always there */
		apply_aggregation(g, m, l, cpu_slot(g, map_ref), x);
		return;
	}
	LLVMValueRef key = cg_map_key(g, map_ref);
	cg_cache_forget_map(g, m->id); /* a miss below inserts a new element */

	LLVMBasicBlockRef apply = cg_block(g, "agg_apply"), done = cg_block(g, "agg_done");
	LLVMValueRef v1 = cg_map_lookup(g, map, key);
	LLVMBasicBlockRef hit_from = LLVMGetInsertBlock(g->b);
	LLVMValueRef v2 = NULL;
	LLVMBasicBlockRef insert_from = NULL;
	if (l->keyless) {
		LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v1, ""), done, apply);
	} else {
		LLVMBasicBlockRef miss = cg_block(g, "agg_miss"), inserted = cg_block(g, "agg_inserted");
		LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v1, ""), miss, apply);
		LLVMPositionBuilderAtEnd(g->b, miss);
		LLVMValueRef zkey = cg_alloca(g, g->i32, "zero_key");
		cg_store(g, LLVMConstInt(g->i32, 0, 0), zkey);
		LLVMValueRef zero = cg_map_lookup(g, g->zero_map, zkey);
		LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, zero, ""), done, inserted);
		LLVMPositionBuilderAtEnd(g->b, inserted);
		cg_map_update(g, map, key, zero, BPF_NOEXIST); /* EEXIST: another CPU inserted it */
		v2 = cg_map_lookup(g, map, key);
		insert_from = LLVMGetInsertBlock(g->b);
		LLVMBasicBlockRef refused = cg_block(g, "agg_refused");
		LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, v2, ""), refused, apply);
		LLVMPositionBuilderAtEnd(g->b, refused); /* not there after the insert: the map is full */
		cg_count(g, g->dropped_map, m->id);
		LLVMBuildBr(g->b, done);
	}
	LLVMPositionBuilderAtEnd(g->b, apply);
	LLVMValueRef v = LLVMBuildPhi(g->b, g->ptr, "value");
	LLVMAddIncoming(v, &v1, &hit_from, 1);
	if (v2)
		LLVMAddIncoming(v, &v2, &insert_from, 1);
	apply_aggregation(g, m, l, v, x);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

void cg_map_assign(struct cg *g, struct node *map_ref, struct node *value)
{
	struct map_info *m = map_ref->map.map;
	if (m->value->kind == TY_AGG) {
		aggregate(g, map_ref, value);
		return;
	}
	LLVMValueRef key = cg_map_key(g, map_ref);
	if (type_in_buffer(m->value)) {
		LLVMValueRef val = cg_alloca_bytes(g, m->value->size, "val");
		cg_value_into(g, value, val, m->value);
		store_value(g, map_ref, key, val, round8(m->value->size));
		return;
	}
	cg_map_store_int(g, map_ref, key, cg_expr(g, value).v);
}
