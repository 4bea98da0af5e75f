/* State shared by the lowering files of codegen. */
#ifndef LANTERN_CG_H
#define LANTERN_CG_H
#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

#include "codegen.h"

#define MAX_LOOP_DEPTH 32
#define MAX_CACHED_LOOKUPS 32

struct cg_temp {
	LLVMValueRef alloca;
	LLVMTypeRef type;
	bool busy; /* taken by a statement being lowered */
};

struct cached_lookup {
	int map_id;
	char key[128];
	LLVMValueRef ptr;
	int level;
};

struct cg {
	LLVMContextRef ctx;
	LLVMModuleRef mod;
	LLVMBuilderRef b;
	LLVMTargetMachineRef tm;
	LLVMTypeRef i1, i8, i16, i32, i64, ptr, void_t;

	struct program *prog;
	const struct codegen_options *options;
	struct map_layout *layouts;
	LLVMValueRef *map_globals; /* by map id */
	LLVMValueRef ringbuf, lost_map, zero_map, start_time;
	LLVMValueRef skb_events; /* skboutput()'s perf event array, or NULL */
	LLVMValueRef exited; /* set by exit(): probes do nothing once it is (NULL if no exit()) */
	LLVMValueRef opaque_zero; /* a writable global the verifier cannot know is 0 (lower_loops.c), or NULL */
	LLVMValueRef dropped_map; /* by map id: updates a full map refused (DROPPED_MAP_NAME) */
	/* the probe function's return value (return N;), read at its exit;
	 * NULL in loop callbacks, whose return ends the probe through their frame */
	LLVMValueRef retval_slot;
	/* Map stores past the first MAX_INLINE_STORES of a probe call one
	 * function per value size (lower_maps.c): store_fns[i] stores
	 * store_sizes[i] bytes */
	int stores_in_function, nstore_fns;
	int store_sizes[8];
	LLVMValueRef store_fns[8];
	LLVMValueRef cpu_slots; /* the CPU-slots global (map_layout.h), or NULL */
	int cpu_slots_size;     /* its bytes */
	bool failed;            /* an error was reported */
	int *llvm_errors_reported; /* by probe id: LLVM's errors about its program */
	/* the pool of temporaries, and those the statements being lowered
	 * have taken, by pool index (temps.c) */
	struct cg_temp *pool;
	int npool, pool_cap;
	int *taken;
	int ntaken, taken_cap, statement_depth;

	/* the function being built */
	struct probe_instance *inst;
	LLVMValueRef fn, ctx_arg;
	LLVMBasicBlockRef entry, exit;
	LLVMBasicBlockRef break_to[MAX_LOOP_DEPTH], continue_to[MAX_LOOP_DEPTH];
	int loop_depth;
	struct cached_lookup cached[MAX_CACHED_LOOKUPS];
	int ncached, scope_level;

	/* scratch.c: buffers past `limit` bytes in a per-CPU array */
	struct {
		int limit;
		LLVMValueRef map;        /* a stand-in global until the end, then the map */
		int max_depth, value_size;
		/* the function being built */
		LLVMValueRef base, temps_base;
		int depth, vars, temps, temps_peak;
	} scratch;
	/* the function's variables, zeroed when it starts (scratch.c) */
	struct { LLVMValueRef p; int size; } *zero_vars;
	int nzero_vars, zero_vars_cap;
	bool stack_overflow;       /* LLVM said a program needs more than 512 bytes of stack */
	bool quiet_stack_overflow; /* and it is not an error yet: codegen tries again with scratch */

	/* debug info, which the BPF backend turns into BTF for the maps */
	LLVMDIBuilderRef di;
	LLVMMetadataRef di_file, di_cu, di_int, di_u64;
	/* debug_lines.c: the file name of each source id, and the memfds
	 * that hold -e's and stdin's text until the object is emitted */
	const char **source_files;
	int nsource_files, source_files_cap;
	int *memfds;
	int nmemfds, memfds_cap;
};

/* debug_lines.c: the DIFile of a source id; the builder's place for the
 * instructions from here (a statement's: none where loc has no line);
 * after emitting, the memfds closed and the files' names handed to out */
LLVMMetadataRef cg_debug_file(struct cg *g, int source);
void cg_debug_location(struct cg *g, struct loc loc);
void cg_debug_lines_done(struct cg *g, struct bpf_image *out);

/* A lowered expression: an i64 for integers and probe ids, a pointer to a
 * buffer of type.size bytes for strings. */
struct cg_value {
	LLVMValueRef v;
	const struct type *type;
};

/* helpers.c */
LLVMValueRef cg_const(struct cg *g, long long v);
/* n reached codegen with no lowering for `what`: an internal error at its
 * place (codegen then fails), and a 0 to go on building with. */
LLVMValueRef cg_unlowered(struct cg *g, struct node *n, const char *what);
/* A temporary: its stack bytes live from here to the end of the statement
 * being lowered (temps.c), and can be reused by the next. */
LLVMValueRef cg_alloca(struct cg *g, LLVMTypeRef t, const char *name);
/* A slot that lives through the whole program (scratch variables). */
LLVMValueRef cg_alloca_slot(struct cg *g, LLVMTypeRef t, const char *name);
LLVMValueRef cg_alloca_bytes(struct cg *g, int size, const char *name);
LLVMValueRef cg_helper(struct cg *g, int id, LLVMTypeRef ret, LLVMValueRef *args, int nargs);
/* A helper call that reads and writes no memory and always returns
 * (the CPU id): LLVM may merge repeated calls and drop unused ones. */
void cg_mark_pure(struct cg *g, LLVMValueRef call);
LLVMValueRef cg_gep(struct cg *g, LLVMValueRef base, int offset);
LLVMValueRef cg_gep_var(struct cg *g, LLVMValueRef base, LLVMValueRef offset);
LLVMValueRef cg_load(struct cg *g, LLVMTypeRef t, LLVMValueRef p);
void cg_store(struct cg *g, LLVMValueRef v, LLVMValueRef p);
void cg_memset(struct cg *g, LLVMValueRef p, int size);
/* A memset at b's place, in pieces the BPF backend expands inline. */
void cg_build_memset(struct cg *g, LLVMBuilderRef b, LLVMValueRef p, int size, unsigned align);
void cg_memcpy(struct cg *g, LLVMValueRef dst, LLVMValueRef src, int size);
/* Zeroes bytes [from, round8(size)) of an 8-aligned buffer: the padding
 * after a string that filled it up to from. */
void cg_zero_tail(struct cg *g, LLVMValueRef buf, int from, int size);
/* Both 8-byte aligned (map values, stack buffers): copies in words. */
void cg_memcpy_aligned(struct cg *g, LLVMValueRef dst, LLVMValueRef src, int size);
LLVMValueRef cg_opaque(struct cg *g, LLVMValueRef v); /* hide v's range from LLVM */
LLVMValueRef cg_clamp(struct cg *g, LLVMValueRef idx, int max);
LLVMBasicBlockRef cg_block(struct cg *g, const char *name);
/* A routed program (routes.c): which of its instances fired, as `probe`
 * (or `func`) holds it (-1: none); cg_route ends the program unless one did. */
LLVMValueRef cg_routed_instance(struct cg *g, bool of_func);
void cg_route(struct cg *g);
LLVMValueRef cg_map_lookup(struct cg *g, LLVMValueRef map, LLVMValueRef key);
LLVMValueRef cg_map_update(struct cg *g, LLVMValueRef map, LLVMValueRef key, LLVMValueRef val, int flags);
LLVMValueRef cg_map_delete(struct cg *g, LLVMValueRef map, LLVMValueRef key);
/* A probe read helper call; with -k, its failure is reported at `at`'s
 * place (NULL: never: reads of the probe's own context). */
LLVMValueRef cg_probe_read(struct cg *g, int helper, LLVMValueRef dst, int size, LLVMValueRef src,
			   const struct node *at);
/* counters[index] += 1 in a per-CPU array of u64 (lost events, dropped updates). */
void cg_count(struct cg *g, LLVMValueRef counters, int index);
/* cg_count of an index known at run time (an i32), its key in key_slot
 * (an i32 slot of the function being built) */
void cg_count_at(struct cg *g, LLVMValueRef counters, LLVMValueRef key_slot, LLVMValueRef index);

/* btf_maps.c */
void cg_debug_info_init(struct cg *g);
/* Debug info for a function, which the BPF backend turns into its BTF
 * func_info: the kernel wants it of every program with a callback
 * (bpf_loop's, bpf_for_each_map_elem's). */
void cg_debug_function(struct cg *g, LLVMValueRef fn, bool is_local);
LLVMValueRef cg_define_map(struct cg *g, const char *name, int type, int key_size, int value_size,
			   int max_entries, int flags);
/* Zeroed globals in a data section (.rodata, .bss), in its BTF. */
LLVMValueRef cg_define_u64(struct cg *g, const char *name, const char *section);
LLVMValueRef cg_define_u64_array(struct cg *g, const char *name, const char *section, int n, unsigned align);
/* A 0 that neither LLVM nor the verifier can know is 0 (a load of a
 * writable global, made on first use): to keep a count or a branch they
 * would otherwise fold away. */
LLVMValueRef cg_opaque_zero(struct cg *g);
/* size bytes as a constant array of 64-bit words (the last zero-padded)
 * in a read-only section */
LLVMValueRef cg_define_const_bytes(struct cg *g, const char *name, const char *section, const void *bytes, int size);
/* A local-storage map (task storage) of value_size bytes: the kernel
 * wants its key and value as BTF types, not sizes. */
LLVMValueRef cg_define_task_storage(struct cg *g, const char *name, int type, int value_size, int flags);

/* lower_expr.c */
struct cg_value cg_expr(struct cg *g, struct node *n);
void cg_str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad);
LLVMValueRef cg_truth(struct cg *g, struct node *n); /* i1 */

/* scratch.c */
bool cg_scratch_wanted(struct cg *g, int size);     /* too big for the stack */
LLVMValueRef cg_scratch_var(struct cg *g, int size);  /* for the whole function */
LLVMValueRef cg_scratch_temp(struct cg *g, int size); /* for the statement */
int cg_scratch_mark(struct cg *g);
void cg_scratch_release(struct cg *g, int mark);
void cg_scratch_function_begin(struct cg *g, int depth);
/* The entry block's end: to body, or to bail when scratch is missing. */
void cg_scratch_close_entry(struct cg *g, LLVMBasicBlockRef body, LLVMBasicBlockRef bail);
void cg_scratch_define(struct cg *g); /* the array, once every function is built */
/* p's size bytes are zeroed when the function starts (a variable's slot). */
void cg_zero_at_start(struct cg *g, LLVMValueRef p, int size);

/* lower_values.c: values in buffers (strings, tuples, records) */
/* n's value into a slot of type t at dst (round8(t->size) bytes: a
 * variable, a map key or value, an event argument), converted to t's
 * layout, padding zeroed. */
void cg_value_into(struct cg *g, struct node *n, LLVMValueRef dst, const struct type *t);
/* A buffer of type `from` at src copied into one of type `to` at dst. */
void cg_convert_copy(struct cg *g, LLVMValueRef dst, const struct type *to, LLVMValueRef src,
		     const struct type *from);
/* v (an i64) cut to integer type t's size and extended back as its sign says. */
LLVMValueRef cg_fit_int(struct cg *g, LLVMValueRef v, const struct type *t);
/* An integer member of type t at p, as an i64. */
LLVMValueRef cg_load_member_int(struct cg *g, LLVMValueRef p, const struct type *t);
struct cg_value cg_tuple(struct cg *g, struct node *n);
struct cg_value cg_member(struct cg *g, struct node *base, const char *name);
/* A bitfield member at p (its first byte), as an i64. */
LLVMValueRef cg_bitfield(struct cg *g, LLVMValueRef p, const struct type_member *m);

/* lower_block_expr.c: { stmts; value } */
struct cg_value cg_block_expr(struct cg *g, struct node *n);
void cg_block_expr_str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad);

/* lower_pointers.c */
/* n names a value in memory (*p, p->x, p[i], and their members and
 * elements): cg_read_memory reads it. */
bool cg_in_memory(const struct node *n);
struct cg_value cg_read_memory(struct cg *g, struct node *n);
LLVMValueRef cg_address_of(struct cg *g, struct node *n); /* &$x */
/* n pointees of pointer type ptr, in bytes */
LLVMValueRef cg_pointer_step(struct cg *g, LLVMValueRef n, const struct type *ptr);
/* p + n, p - n, p - q of binary node n, a and b its operands' values */
LLVMValueRef cg_pointer_arith(struct cg *g, struct node *n, LLVMValueRef a, LLVMValueRef b);
/* The address of the kernel object n names or points to (a struct
 * member of a probe's typed argument: args.file->f_path), as a pointer
 * the verifier knows the BTF type of. The code built from here to
 * cg_kernel_object_end runs only when it is not NULL, and is placed at
 * call (a verifier's refusal there is said at the call, not only at its
 * statement). */
struct cg_kernel_use {
	LLVMBasicBlockRef done;          /* where both ways meet */
	LLVMMetadataRef statement_place; /* the debug location to go back to */
};
LLVMValueRef cg_kernel_object_begin(struct cg *g, struct node *call, struct node *n, struct cg_kernel_use *use);
void cg_kernel_object_end(struct cg *g, struct cg_kernel_use *use);
struct cg_value cg_array_element(struct cg *g, struct node *n); /* arr[i] of an array value */
struct cg_value cg_string_char(struct cg *g, struct node *n);   /* $s[i] */

/* kfuncs.c: a call of the kernel's kfunc name, its prototype's BTF from
 * the DI types (di_ret NULL: it returns nothing; else a pointer); the
 * argument values' LLVM types are its parameters'. */
LLVMValueRef cg_kfunc_call(struct cg *g, const char *name, LLVMMetadataRef di_ret, LLVMMetadataRef *di_params,
			   LLVMValueRef *args, int nargs);
LLVMMetadataRef cg_di_struct_pointer(struct cg *g, const char *tag); /* struct tag *, its members unsaid */
/* The kernel's variable name, of type t (from its BTF), as an extern in
 * .ksyms that libbpf resolves to the kernel's BTF VAR: a per-CPU one is
 * what bpf_this_cpu_ptr and bpf_per_cpu_ptr take. NULL when lantern's
 * own program has a global of that name. */
LLVMValueRef cg_ksym_variable(struct cg *g, const char *name, const struct type *t);
/* Whether the kernel lets the program being built call kfunc name (asked
 * of the verifier, with a tiny program of its type). */
bool cg_kfunc_allowed(struct cg *g, const char *name);

/* lower_maps.c */
LLVMValueRef cg_map_key(struct cg *g, struct node *map_ref); /* NULL for task-local maps */
/* The element of map_ref (key built if NULL) or NULL: a map lookup, or
 * the current task's storage when it holds a value. */
LLVMValueRef cg_map_element(struct cg *g, struct node *map_ref, LLVMValueRef key);
struct cg_value cg_map_read(struct cg *g, struct node *map_ref);
void cg_map_assign(struct cg *g, struct node *map_ref, struct node *value);
void cg_map_store_int(struct cg *g, struct node *map_ref, LLVMValueRef key, LLVMValueRef v);
LLVMValueRef cg_map_delete_ref(struct cg *g, struct node *map_ref); /* i1: there was one */
/* *p += x, with an atomic add when CPUs share p (aggregation updates). */
void cg_add_to(struct cg *g, LLVMValueRef p, LLVMValueRef x, bool atomic);

/* lower_builtins.c: a builtin variable or call (N_IDENT, N_CALL) */
struct cg_value cg_builtin(struct cg *g, struct node *n);
void cg_builtin_str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad);
/* n is a builtin that writes its value straight into a buffer (lower_into). */
bool cg_builtin_writes_into(const struct node *n);

/* lower_async.c */
void cg_async(struct cg *g, struct node *call);
/* -k: an event when ret, what helper returned, is negative (at's place). */
void cg_check_helper(struct cg *g, LLVMValueRef ret, int helper, const struct node *at);

/* temps.c: a statement's temporaries, reused by the next */
struct cg_temps_mark {
	int taken, scratch;
};
struct cg_temps_mark cg_temps_open(struct cg *g);             /* a statement begins */
void cg_temps_close(struct cg *g, struct cg_temps_mark mark); /* it ends: what it took since is free */
void cg_temps_reset(struct cg *g);           /* a new function: a new pool */

/* lookup_cache.c */
void cg_cache_reset(struct cg *g);
void cg_scope_enter(struct cg *g); /* code from here on runs conditionally */
void cg_scope_leave(struct cg *g);
void cg_cache_forget_map(struct cg *g, int map_id);
LLVMValueRef cg_cached_lookup(struct cg *g, struct node *map_ref);
/* The same with the key already built (its expressions run once). */
LLVMValueRef cg_cached_lookup_key(struct cg *g, struct node *map_ref, LLVMValueRef key);

/* lower_stmt.c */
void cg_probe_function(struct cg *g, struct probe_instance *inst);
void cg_block_stmts(struct cg *g, struct node *block); /* the statements of an N_BLOCK */

/* lower_loops.c */
void cg_for_loop(struct cg *g, struct node *n);
/* A new subprogram for a helper to call back (bpf_loop's,
 * bpf_for_each_map_elem's): returns i64, named kind_N, with the BTF
 * func_info the kernel wants of callbacks. */
LLVMValueRef cg_callback_function(struct cg *g, const char *kind, LLVMTypeRef *params, int nparams);
LLVMValueRef cg_var_slot(struct cg *g, struct var_info *v);
LLVMValueRef cg_arith(struct cg *g, enum op op, LLVMValueRef a, LLVMValueRef b, bool is_signed);

#endif
