/* The codegen driver: target, module, maps, one function per expanded
 * probe, optimization, and the ELF object in memory. */
#include <limits.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/ErrorHandling.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include "../compiler/arena.h"
#include "../probes/provider.h"
#include "cg.h"

static int init_target(struct cg *g)
{
	static int initialized;
	if (!initialized) {
		LLVMInitializeBPFTargetInfo();
		LLVMInitializeBPFTarget();
		LLVMInitializeBPFTargetMC();
		LLVMInitializeBPFAsmPrinter();
		initialized = 1;
	}
	LLVMTargetRef target;
	char *err = NULL;
	if (LLVMGetTargetFromTriple("bpfel", &target, &err)) {
		fprintf(stderr, "ERROR: LLVM has no BPF target: %s\n", err);
		LLVMDisposeMessage(err);
		return -1;
	}
	/* v3: 32-bit jumps and ALU ops make smaller programs; kernels >= 5.1.
	 * v4 where the kernel has it: also jumps past 32,767 instructions. */
	g->tm = LLVMCreateTargetMachine(target, "bpfel", g->options->cpu_v4 ? "v4" : "v3", "",
					LLVMCodeGenLevelDefault, LLVMRelocDefault, LLVMCodeModelDefault);
	return 0;
}

static void init_module(struct cg *g)
{
	g->ctx = LLVMContextCreate();
	g->mod = LLVMModuleCreateWithNameInContext("lantern", g->ctx);
	g->b = LLVMCreateBuilderInContext(g->ctx);
	LLVMSetTarget(g->mod, "bpfel");
	/* Before any IR: without the BPF data layout 64-bit accesses get split. */
	LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(g->tm);
	char *layout_str = LLVMCopyStringRepOfTargetData(layout);
	LLVMSetDataLayout(g->mod, layout_str);
	LLVMDisposeMessage(layout_str);
	LLVMDisposeTargetData(layout);
	g->i1 = LLVMInt1TypeInContext(g->ctx);
	g->i8 = LLVMInt8TypeInContext(g->ctx);
	g->i16 = LLVMInt16TypeInContext(g->ctx);
	g->i32 = LLVMInt32TypeInContext(g->ctx);
	g->i64 = LLVMInt64TypeInContext(g->ctx);
	g->ptr = LLVMPointerTypeInContext(g->ctx, 0);
	g->void_t = LLVMVoidTypeInContext(g->ctx);
	cg_debug_info_init(g);
}

static void define_license(struct cg *g, const char *license)
{
	if (!license)
		license = "GPL";
	LLVMValueRef s = LLVMConstStringInContext(g->ctx, license, (unsigned)strlen(license), 0);
	LLVMValueRef global = LLVMAddGlobal(g->mod, LLVMTypeOf(s), "_license");
	LLVMSetInitializer(global, s);
	LLVMSetSection(global, "license");
}

/* The time lantern started, for `elapsed`: a .rodata variable the runtime
 * sets before loading. Loads are volatile so LLVM cannot fold the 0. */
static void define_start_time(struct cg *g)
{
	g->start_time = cg_define_u64(g, START_TIME_NAME, ".rodata");
}

/* printf, print(), join(), cat() (and -k's failed reads) can send events
 * at the rate probes fire and get the full ring buffer; the rest (exit,
 * clear...) are rare and get a small one. Its pages count in our RSS. */
static int ring_size(const struct program *p, const struct codegen_options *o)
{
	for (int i = 0; i < p->nasyncs; i++) {
		enum async_kind k = p->asyncs[i]->kind;
		if (k == ASYNC_PRINTF || k == ASYNC_PRINT_VALUE || k == ASYNC_JOIN || k == ASYNC_CAT)
			return o->ringbuf_size;
	}
	return o->helper_errors ? o->ringbuf_size : SMALL_RINGBUF_SIZE;
}

static void define_maps(struct cg *g, const struct codegen_options *o)
{
	struct program *p = g->prog;
	g->layouts = calloc((size_t)p->nmaps + 1, sizeof(*g->layouts));
	g->map_globals = arena_alloc(sizeof(LLVMValueRef) * (size_t)(p->nmaps + 1));
	int zero_size = 0;
	struct layout_options lo = { .max_keys = o->max_map_keys, .task_storage = o->task_storage, .cpu_ids = o->cpu_ids };
	for (int i = 0; i < p->nmaps; i++)
		map_layout_choose(p->maps[i], &lo, &g->layouts[i]);
	g->cpu_slots_size = map_layout_place_slots(g->layouts, p->nmaps);
	if (g->cpu_slots_size) /* .bss: libbpf makes it an array the runtime can map */
		g->cpu_slots = cg_define_u64_array(g, CPU_SLOTS_NAME, ".bss", g->cpu_slots_size / 8, CACHE_LINE);
	for (int i = 0; i < p->nmaps; i++) {
		struct map_layout *l = &g->layouts[i];
		if (l->cpu_slots)
			continue;
		if (l->task_local) {
			/* the value, then the word that says it is present */
			g->map_globals[i] = cg_define_task_storage(g, map_global_name(p->maps[i]), l->bpf_type,
								   l->value_size + 8, l->flags);
			continue;
		}
		g->map_globals[i] = cg_define_map(g, map_global_name(p->maps[i]), l->bpf_type, l->key_size,
						  l->value_size, l->max_entries, l->flags);
		if (!l->keyless && l->value_size > zero_size)
			zero_size = l->value_size;
	}
	/* Only hashes insert (and can be full): zeroes to insert new elements
	 * from (values can be larger than the 512-byte stack), and a counter
	 * of the inserts a full map refused. */
	if (zero_size) {
		g->zero_map = cg_define_map(g, "zero_value", BPF_MAP_TYPE_ARRAY, 4, zero_size, 1, 0);
		g->dropped_map = cg_define_map(g, DROPPED_MAP_NAME, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, p->nmaps, 0);
	}
	g->ringbuf = cg_define_map(g, RINGBUF_MAP_NAME, BPF_MAP_TYPE_RINGBUF, 0, 0, ring_size(p, o), 0);
	g->lost_map = cg_define_map(g, LOST_MAP_NAME, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 1, 0);
	if (p->nskb_outputs) /* max_entries 0: libbpf makes one per CPU */
		g->skb_events = cg_define_map(g, SKB_EVENTS_MAP_NAME, BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4, 4, 0, 0);
}

/* LLVM's own errors while it emits BPF (a program past the 512-byte
 * stack, say) name the function: they are reported at its probe, and
 * codegen fails, rather than printed unlocated and the object used. */
/* LLVM starts a message about an instruction with its place, as the
 * debug info has it ("FILE:LINE:COL: in function ..."; debug_lines.c
 * names the files): the script's place, or false. */
static bool llvm_message_place(struct cg *g, const char *text, struct loc *at)
{
	for (int id = 0; id < g->nsource_files; id++) {
		const char *name = g->source_files[id];
		size_t n = name ? strlen(name) : 0;
		int line, col;
		if (n && !strncmp(text, name, n) && sscanf(text + n, ":%d:%d:", &line, &col) == 2 && line > 0) {
			*at = (struct loc){ .source = id, .line = line, .col = col, .end_line = line, .end_col = col };
			return true;
		}
	}
	return false;
}

static void on_llvm_diagnostic(LLVMDiagnosticInfoRef info, void *ctx)
{
	struct cg *g = ctx;
	if (LLVMGetDiagInfoSeverity(info) != LLVMDSError)
		return;
	g->failed = true;
	char *text = LLVMGetDiagInfoDescription(info);
	if (strstr(text, "stack limit")) {
		g->stack_overflow = true;
		if (g->quiet_stack_overflow) {
			LLVMDisposeMessage(text);
			return;
		}
	}
	const char *fn = strstr(text, "in function ");
	fn = fn ? fn + strlen("in function ") : NULL;
	int id = fn ? program_number(g->prog, fn, fn + strcspn(fn, " :\n")) : -1;
	bool known = id >= 0 && id < g->prog->nprobes;
	struct loc at;
	bool placed = llvm_message_place(g, text, &at);
	/* LLVM repeats itself for every access past the limit: once will do
	 * (a callback's, a loop body's, are counted as the module's) */
	if (known ? g->llvm_errors_reported[id]++ : placed && g->llvm_errors_reported[g->prog->nprobes]++) {
		LLVMDisposeMessage(text);
		return;
	}
	for (int i = 0; placed && i < g->prog->nprobes; i++)
		if (ast_widen_place(g->prog->probes[i].probe, &at))
			break;
	if (placed && strstr(text, "stack limit")) {
		diag_error(at, "this needs more than the 512 bytes of BPF stack%s (a map key or value of a few hundred "
			   "bytes, as a long string, is the usual cause)",
			   known ? "" : ", in a loop's body, whose function has a stack of its own beside the probe's");
	} else if (known) {
		struct probe_instance *inst = &g->prog->probes[id];
		if (strstr(text, "stack limit"))
			diag_error(inst->probe->loc, "the program of %s needs more than the 512 bytes of BPF stack "
				   "(a map key or value of a few hundred bytes, as a long string, is the usual cause)",
				   inst->ap->name);
		else
			diag_error(inst->probe->loc, "BPF code generation failed for %s: %s", inst->ap->name, text);
	} else {
		diag_plain_error("BPF code generation failed: %s", text);
	}
	LLVMDisposeMessage(text);
}

/* The module's IR as the whole of f (an earlier attempt's goes). */
static void write_ir(struct cg *g, FILE *f)
{
	if (!f)
		return;
	rewind(f);
	if (ftruncate(fileno(f), 0) < 0)
		return;
	char *ir = LLVMPrintModuleToString(g->mod);
	fputs(ir, f);
	fflush(f);
	LLVMDisposeMessage(ir);
}

/* The program being turned into BPF code, for on_llvm_fatal_error. */
static struct cg *emitting;

/* The probe whose function has the most instructions: the one a jump
 * too far is in, when LLVM cannot say. */
static int biggest_program(struct cg *g)
{
	int best = -1;
	unsigned long long most = 0;
	for (LLVMValueRef fn = LLVMGetFirstFunction(g->mod); fn; fn = LLVMGetNextFunction(fn)) {
		unsigned long long n = 0;
		for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
			for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in))
				n++;
		size_t len;
		const char *name = LLVMGetValueName2(fn, &len);
		int id = program_number(g->prog, name, name + len);
		if (n > most && id >= 0 && id < g->prog->nprobes) {
			most = n;
			best = id;
		}
	}
	return best;
}

/* LLVM's BPF back end stops the process on what it cannot encode (a
 * branch past 32,767 instructions without v4's gotol): say what and
 * where, and exit as any compile error does (nothing is loaded yet). */
static void on_llvm_fatal_error(const char *reason)
{
	struct cg *g = emitting;
	int id = g ? biggest_program(g) : -1;
	const char *why = strstr(reason, "out of insn range")
				  ? ": a branch jumps over more than 32,767 instructions, which takes BPF's v4 long "
				    "jumps (Linux 6.6, and not --no-feature bpf_v4); put fewer statements under one if "
				    "or loop, or split the probe"
				  : "";
	if (id >= 0)
		diag_error(g->prog->probes[id].probe->loc, "BPF code generation failed for this probe: %s%s", reason,
			   why);
	else
		fprintf(stderr, "ERROR: BPF code generation failed: %s%s\n", reason, why);
	fflush(stderr);
	_exit(1);
}

static int emit(struct cg *g, const struct codegen_options *o, struct bpf_image *out)
{
	char *err = NULL;
	if (LLVMVerifyModule(g->mod, LLVMReturnStatusAction, &err)) {
		fprintf(stderr, "ERROR: internal error: generated invalid LLVM IR:\n%s\n", err);
		LLVMDisposeMessage(err);
		return -1;
	}
	LLVMDisposeMessage(err);
	write_ir(g, o->emit_ir_original);
	LLVMPassBuilderOptionsRef pbo = LLVMCreatePassBuilderOptions();
	LLVMErrorRef e = LLVMRunPasses(g->mod, "default<O2>", g->tm, pbo);
	LLVMDisposePassBuilderOptions(pbo);
	if (e) {
		char *msg = LLVMGetErrorMessage(e);
		fprintf(stderr, "ERROR: internal error: LLVM passes failed: %s\n", msg);
		LLVMDisposeErrorMessage(msg);
		return -1;
	}
	write_ir(g, o->emit_ir_optimized);
	if (o->dump_ir) {
		char *ir = LLVMPrintModuleToString(g->mod);
		fputs(ir, o->dump_ir);
		LLVMDisposeMessage(ir);
	}
	LLVMMemoryBufferRef buf;
	emitting = g;
	LLVMInstallFatalErrorHandler(on_llvm_fatal_error);
	if (o->dump_asm && !LLVMTargetMachineEmitToMemoryBuffer(g->tm, g->mod, LLVMAssemblyFile, &err, &buf)) {
		fwrite(LLVMGetBufferStart(buf), 1, LLVMGetBufferSize(buf), o->dump_asm);
		LLVMDisposeMemoryBuffer(buf);
	}
	if (g->failed) {
		LLVMResetFatalErrorHandler();
		emitting = NULL;
		return -1;
	}
	LLVMBool failed = LLVMTargetMachineEmitToMemoryBuffer(g->tm, g->mod, LLVMObjectFile, &err, &buf);
	LLVMResetFatalErrorHandler();
	emitting = NULL;
	if (failed) {
		fprintf(stderr, "ERROR: internal error: BPF code generation failed: %s\n", err);
		LLVMDisposeMessage(err);
		return -1;
	}
	if (g->failed) { /* reported by on_llvm_diagnostic */
		LLVMDisposeMemoryBuffer(buf);
		return -1;
	}
	out->llvm_buffer = buf;
	out->data = (void *)LLVMGetBufferStart(buf);
	out->size = LLVMGetBufferSize(buf);
	return 0;
}

/* A new attempt builds every variable's slot anew. */
static void forget_slot(struct node **child, void *ctx)
{
	if ((*child)->kind == N_VAR && (*child)->var.var)
		(*child)->var.var->slot = NULL;
	node_for_each_child(*child, forget_slot, ctx);
}

static int compile(struct program *p, const struct codegen_options *o, struct bpf_image *out, int scratch_limit,
		   bool *stack_overflow);

/* Everything on the stack is fastest; when that does not fit, big
 * buffers go to scratch memory (scratch.c), unless on_stack_limit says
 * which from the start. */
int codegen_compile(struct program *p, const struct codegen_options *o, struct bpf_image *out)
{
	if (o->on_stack_limit_given)
		return compile(p, o, out, o->on_stack_limit, NULL);
	bool overflow = false;
	int rc = compile(p, o, out, INT_MAX, &overflow);
	if (rc == 0 || !overflow)
		return rc;
	for (int i = 0; i < p->nprobes; i++)
		forget_slot(&p->probes[i].probe, NULL);
	return compile(p, o, out, SCRATCH_FALLBACK_LIMIT, NULL);
}

static int compile(struct program *p, const struct codegen_options *o, struct bpf_image *out, int scratch_limit,
		   bool *stack_overflow)
{
	struct cg g = { .prog = p, .options = o };
	g.scratch.limit = scratch_limit;
	g.quiet_stack_overflow = stack_overflow != NULL;
	memset(out, 0, sizeof(*out));
	if (init_target(&g))
		return -1;
	init_module(&g);
	g.llvm_errors_reported = arena_alloc(sizeof(int) * (size_t)(p->nprobes + 1));
	LLVMContextSetDiagnosticHandler(g.ctx, on_llvm_diagnostic, &g);
	define_license(&g, o->license);
	define_start_time(&g);
	define_maps(&g, o);
	if (p->uses_exit) /* after the key-less aggregates' slots, which the runtime maps at .bss's start */
		g.exited = cg_define_u64(&g, "exited", ".bss");
	/* one function per program: instances that share one (pass_share.c) have none */
	program_names_assign(p);
	for (int i = 0; i < p->nprobes; i++)
		if (p->probes[i].program == i)
			cg_probe_function(&g, &p->probes[i]);
	cg_scratch_define(&g);
	LLVMDIBuilderFinalize(g.di);
	int rc = g.failed ? -1 : emit(&g, o, out);
	if (stack_overflow)
		*stack_overflow = g.stack_overflow;
	out->layouts = g.layouts;
	out->cpu_slots_size = (size_t)g.cpu_slots_size;
	cg_debug_lines_done(&g, out);
	if (rc && g.stack_overflow && stack_overflow)
		bpf_image_free(out); /* built again: its layouts too */
	LLVMDisposeDIBuilder(g.di);
	LLVMDisposeBuilder(g.b);
	LLVMDisposeModule(g.mod);
	LLVMContextDispose(g.ctx);
	LLVMDisposeTargetMachine(g.tm);
	return rc;
}

const char *codegen_llvm_version(void)
{
	static char text[32];
	unsigned major, minor, patch;
	LLVMGetVersion(&major, &minor, &patch);
	snprintf(text, sizeof text, "%u.%u.%u", major, minor, patch);
	return text;
}

void bpf_image_free(struct bpf_image *img)
{
	if (img->llvm_buffer)
		LLVMDisposeMemoryBuffer(img->llvm_buffer);
	free(img->layouts);
	memset(img, 0, sizeof(*img));
}
