/* Calls of the kernel's kfuncs. A kfunc is declared as libbpf resolves
 * one: an external function in section .ksyms, with debug info the BPF
 * backend turns into the object's BTF prototype, which libbpf matches
 * against the kernel's (so the kinds must agree: a struct pointer where
 * the kernel has one; a struct compares by name alone). The verifier then
 * decides whether the program's type may call it. */
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include "../compiler/cdefs.h"
#include "../probes/provider.h"
#include "cg.h"

LLVMMetadataRef cg_di_struct_pointer(struct cg *g, const char *tag)
{
	LLVMMetadataRef s = LLVMDIBuilderCreateStructType(g->di, g->di_cu, tag, strlen(tag), g->di_file, 0, 0, 0,
							  LLVMDIFlagZero, NULL, NULL, 0, 0, NULL, "", 0);
	return LLVMDIBuilderCreatePointerType(g->di, s, 64, 64, 0, NULL, 0);
}

/* A kernel type as libbpf compares an extern's with the kernel's (by
 * kind: a struct or union by its kind alone, integers by none, pointers
 * and arrays by what they hold), so a struct needs no members here. */
static LLVMMetadataRef di_kernel_type(struct cg *g, const struct type *t, int depth)
{
	const char *name = t->name ? t->name : "";
	switch (depth > 8 ? TY_NONE : t->kind) {
	case TY_INT:
	case TY_BOOL:
		return LLVMDIBuilderCreateBasicType(g->di, *name ? name : "int", strlen(*name ? name : "int"),
						    (uint64_t)t->size * 8, t->is_signed ? 5 : 8, LLVMDIFlagZero);
	case TY_PTR:
		return LLVMDIBuilderCreatePointerType(
			g->di, t->pointee->kind == TY_VOID ? NULL : di_kernel_type(g, t->pointee, depth + 1), 64, 64, 0,
			NULL, 0);
	case TY_STRUCT:
		return LLVMDIBuilderCreateStructType(g->di, g->di_cu, name, strlen(name), g->di_file, 0,
						     (uint64_t)t->size * 8, 0, LLVMDIFlagZero, NULL, NULL, 0, 0, NULL, "", 0);
	case TY_UNION:
		return LLVMDIBuilderCreateUnionType(g->di, g->di_cu, name, strlen(name), g->di_file, 0,
						    (uint64_t)t->size * 8, 0, LLVMDIFlagZero, NULL, 0, 0, "", 0);
	case TY_ARRAY: {
		LLVMMetadataRef count = LLVMDIBuilderGetOrCreateSubrange(g->di, 0, t->count);
		return LLVMDIBuilderCreateArrayType(g->di, (uint64_t)t->size * 8, 0, di_kernel_type(g, t->elem, depth + 1),
						    &count, 1);
	}
	default: { /* its bytes */
		LLVMMetadataRef count = LLVMDIBuilderGetOrCreateSubrange(g->di, 0, t->size);
		LLVMMetadataRef byte = LLVMDIBuilderCreateBasicType(g->di, "char", 4, 8, 8, LLVMDIFlagZero);
		return LLVMDIBuilderCreateArrayType(g->di, (uint64_t)t->size * 8, 0, byte, &count, 1);
	}
	}
}

LLVMValueRef cg_ksym_variable(struct cg *g, const char *name, const struct type *t)
{
	LLVMValueRef var = LLVMGetNamedGlobal(g->mod, name);
	const char *section = var ? LLVMGetSection(var) : NULL;
	if (var) /* lantern's own global of that name (a map, a counter) is not the kernel's */
		return section && !strcmp(section, ".ksyms") ? var : NULL;
	var = LLVMAddGlobal(g->mod, g->i8, name);
	LLVMSetLinkage(var, LLVMExternalLinkage);
	LLVMSetSection(var, ".ksyms");
	LLVMMetadataRef expr = LLVMDIBuilderCreateExpression(g->di, NULL, 0);
	LLVMMetadataRef di = LLVMDIBuilderCreateGlobalVariableExpression(
		g->di, g->di_cu, name, strlen(name), name, strlen(name), g->di_file, 0, di_kernel_type(g, t, 0), 0, expr,
		NULL, 0);
	LLVMGlobalSetMetadata(var, LLVMGetMDKindIDInContext(g->ctx, "dbg", 3), di);
	return var;
}

LLVMValueRef cg_kfunc_call(struct cg *g, const char *name, LLVMMetadataRef di_ret, LLVMMetadataRef *di_params,
			   LLVMValueRef *args, int nargs)
{
	LLVMTypeRef params[8];
	for (int i = 0; i < nargs && i < 8; i++)
		params[i] = LLVMTypeOf(args[i]);
	LLVMTypeRef fnty = LLVMFunctionType(di_ret ? g->ptr : g->void_t, params, (unsigned)nargs, 0);
	LLVMValueRef fn = LLVMGetNamedFunction(g->mod, name);
	if (!fn) {
		fn = LLVMAddFunction(g->mod, name, fnty);
		LLVMSetLinkage(fn, LLVMExternalLinkage);
		LLVMSetSection(fn, ".ksyms");
		LLVMMetadataRef types[9] = { di_ret };
		for (int i = 0; i < nargs && i < 8; i++)
			types[i + 1] = di_params[i];
		LLVMMetadataRef proto =
			LLVMDIBuilderCreateSubroutineType(g->di, g->di_file, types, (unsigned)nargs + 1, LLVMDIFlagZero);
		LLVMMetadataRef sp = LLVMDIBuilderCreateFunction(g->di, g->di_file, name, strlen(name), name, strlen(name),
								 g->di_file, 0, proto, 0, 0, 0, LLVMDIFlagPrototyped, 1);
		LLVMSetSubprogram(fn, sp);
	}
	return LLVMBuildCall2(g->b, fnty, fn, args, (unsigned)nargs, "");
}

/* Loads `r1..r5 = 0; call kfunc; r0 = 0; exit` as the section's program
 * type. Loaded, or refused for anything but the kfunc's not being allowed
 * ("... is not allowed": not registered for that type; its arguments, say,
 * are another matter): allowed. */
static bool allowed_in(const char *section, int kfunc_id)
{
	enum bpf_prog_type type;
	enum bpf_attach_type attach;
	if (kfunc_id <= 0 || libbpf_prog_type_by_name(section, &type, &attach))
		return false;
	struct bpf_insn insns[8];
	for (int r = 1; r <= 5; r++)
		insns[r - 1] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = (unsigned char)r };
	insns[5] = (struct bpf_insn){ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = kfunc_id };
	insns[6] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 };
	insns[7] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log), .log_level = 1);
	if (type == BPF_PROG_TYPE_TRACING) { /* it needs a target: an iterator's, there with tracing programs */
		opts.expected_attach_type = BPF_TRACE_ITER;
		opts.attach_btf_id = (unsigned)cdefs_kernel_function_id("bpf_iter_task");
	} else {
		opts.expected_attach_type = attach;
	}
	int fd = bpf_prog_load(type, NULL, "GPL", insns, 8, &opts);
	if (fd >= 0) {
		close(fd);
		return true;
	}
	return log[0] && !strstr(log, "is not allowed") && !strstr(log, "must be sleepable");
}

/* Asked once per kfunc and section: a program of each probe calls this */
bool cg_kfunc_allowed(struct cg *g, const char *name)
{
	static struct {
		const char *section, *name;
		bool allowed;
	} asked[32];
	static int nasked;
	const char *section = g->inst->ap->provider->section;
	for (int i = 0; i < nasked; i++)
		if (!strcmp(asked[i].section, section) && !strcmp(asked[i].name, name))
			return asked[i].allowed;
	bool known;
	bool allowed = allowed_in(section, cdefs_kernel_kfunc_id(name, &known));
	if (nasked < (int)(sizeof(asked) / sizeof(asked[0])))
		asked[nasked++] = (typeof(asked[0])){ section, strdup(name), allowed };
	return allowed;
}
