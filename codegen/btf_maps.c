/* Maps as BTF-defined `.maps` globals. libbpf reads a map's type and sizes
 * from the BTF of a struct whose members are pointers to int arrays whose
 * lengths are the values (libbpf's __uint encoding); the BPF backend
 * writes that BTF from the debug info built here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

void cg_debug_info_init(struct cg *g)
{
	g->di = LLVMCreateDIBuilder(g->mod);
	g->di_file = cg_debug_file(g, 0); /* the script's: functions' lines are in it */
	g->di_cu = LLVMDIBuilderCreateCompileUnit(g->di, LLVMDWARFSourceLanguageC, g->di_file, "lantern", 7, 1, "",
						  0, 0, "", 0, LLVMDWARFEmissionFull, 0, 0, 0, "", 0, "", 0);
	g->di_int = LLVMDIBuilderCreateBasicType(g->di, "int", 3, 32, 5 /* DW_ATE_signed */, LLVMDIFlagZero);
	g->di_u64 = LLVMDIBuilderCreateBasicType(g->di, "unsigned long long", 18, 64, 7 /* DW_ATE_unsigned */,
						 LLVMDIFlagZero);
	LLVMAddModuleFlag(g->mod, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
			  LLVMValueAsMetadata(LLVMConstInt(g->i32, 3, 0)));
	LLVMAddModuleFlag(g->mod, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13,
			  LLVMValueAsMetadata(LLVMConstInt(g->i32, 4, 0)));
}

void cg_debug_function(struct cg *g, LLVMValueRef fn, bool is_local)
{
	unsigned nparams = LLVMCountParams(fn);
	LLVMMetadataRef types[8];
	LLVMMetadataRef ptr = LLVMDIBuilderCreatePointerType(g->di, NULL, 64, 64, 0, NULL, 0);
	types[0] = g->di_u64;
	for (unsigned i = 0; i < nparams && i + 1 < 8; i++)
		types[i + 1] = LLVMGetTypeKind(LLVMTypeOf(LLVMGetParam(fn, i))) == LLVMPointerTypeKind ? ptr : g->di_u64;
	LLVMMetadataRef proto = LLVMDIBuilderCreateSubroutineType(g->di, g->di_file, types, nparams + 1, LLVMDIFlagZero);
	size_t len;
	const char *name = LLVMGetValueName2(fn, &len);
	LLVMMetadataRef sp = LLVMDIBuilderCreateFunction(g->di, g->di_file, name, len, name, len, g->di_file, 1, proto,
							 is_local, 1, 1, LLVMDIFlagPrototyped, 1);
	LLVMSetSubprogram(fn, sp);
	/* the kernel wants every argument of a BTF function named */
	for (unsigned i = 0; i < nparams && i + 1 < 8; i++) {
		char arg[8];
		int n = snprintf(arg, sizeof(arg), "arg%u", i);
		LLVMDIBuilderCreateParameterVariable(g->di, sp, arg, (size_t)n, i + 1, g->di_file, 1, types[i + 1], 1,
						     LLVMDIFlagZero);
	}
}

/* A global variable in a data section (.rodata, .bss), with the debug
 * info that gives it a place in the section's BTF. */
static LLVMValueRef data_global(struct cg *g, const char *name, const char *section, LLVMTypeRef t,
				LLVMMetadataRef di_type, unsigned align)
{
	LLVMValueRef global = LLVMAddGlobal(g->mod, t, name);
	LLVMSetInitializer(global, LLVMConstNull(t));
	LLVMSetSection(global, section);
	LLVMSetAlignment(global, align);
	LLVMMetadataRef expr = LLVMDIBuilderCreateExpression(g->di, NULL, 0);
	LLVMMetadataRef gve = LLVMDIBuilderCreateGlobalVariableExpression(
		g->di, g->di_cu, name, strlen(name), name, strlen(name), g->di_file, 0, di_type, 0, expr, NULL,
		align * 8);
	LLVMGlobalSetMetadata(global, LLVMGetMDKindIDInContext(g->ctx, "dbg", 3), gve);
	return global;
}

LLVMValueRef cg_define_u64(struct cg *g, const char *name, const char *section)
{
	return data_global(g, name, section, g->i64, g->di_u64, 8);
}

LLVMValueRef cg_opaque_zero(struct cg *g)
{
	if (!g->opaque_zero)
		g->opaque_zero = cg_define_u64(g, "opaque_zero", ".bss");
	return cg_load(g, g->i64, g->opaque_zero);
}

LLVMValueRef cg_define_u64_array(struct cg *g, const char *name, const char *section, int n, unsigned align)
{
	LLVMMetadataRef range = LLVMDIBuilderGetOrCreateSubrange(g->di, 0, n);
	LLVMMetadataRef array = LLVMDIBuilderCreateArrayType(g->di, (uint64_t)n * 64, 64, g->di_u64, &range, 1);
	return data_global(g, name, section, LLVMArrayType2(g->i64, (uint64_t)n), array, align);
}

LLVMValueRef cg_define_const_bytes(struct cg *g, const char *name, const char *section, const void *bytes, int size)
{
	int words = (size + 7) / 8;
	unsigned long long *padded = calloc((size_t)words, 8);
	LLVMValueRef *values = malloc(sizeof(*values) * (size_t)words);
	if (!padded || !values)
		abort();
	memcpy(padded, bytes, (size_t)size);
	for (int w = 0; w < words; w++) /* BPF is little-endian, as the hosts lantern runs on */
		values[w] = LLVMConstInt(g->i64, padded[w], 0);
	LLVMValueRef global = cg_define_u64_array(g, name, section, words, 8);
	LLVMSetInitializer(global, LLVMConstArray2(g->i64, values, (uint64_t)words));
	LLVMSetGlobalConstant(global, 1);
	free(padded);
	free(values);
	return global;
}

/* A member `int (*name)[value]`. */
static LLVMMetadataRef uint_member(struct cg *g, const char *name, int value, int index)
{
	LLVMMetadataRef range = LLVMDIBuilderGetOrCreateSubrange(g->di, 0, value);
	LLVMMetadataRef array = LLVMDIBuilderCreateArrayType(g->di, (uint64_t)value * 32, 32, g->di_int, &range, 1);
	LLVMMetadataRef ptr = LLVMDIBuilderCreatePointerType(g->di, array, 64, 64, 0, NULL, 0);
	return LLVMDIBuilderCreateMemberType(g->di, g->di_cu, name, strlen(name), g->di_file, 0, 64, 64,
					     (uint64_t)index * 64, LLVMDIFlagZero, ptr);
}

/* A member `type *name` (libbpf's __type encoding). */
static LLVMMetadataRef di_member(struct cg *g, const char *name, LLVMMetadataRef type, int index)
{
	LLVMMetadataRef ptr = LLVMDIBuilderCreatePointerType(g->di, type, 64, 64, 0, NULL, 0);
	return LLVMDIBuilderCreateMemberType(g->di, g->di_cu, name, strlen(name), g->di_file, 0, 64, 64,
					     (uint64_t)index * 64, LLVMDIFlagZero, ptr);
}

static LLVMValueRef map_global(struct cg *g, const char *name, LLVMMetadataRef *members, int n)
{
	LLVMTypeRef fields[5] = { g->ptr, g->ptr, g->ptr, g->ptr, g->ptr };
	LLVMTypeRef st = LLVMStructTypeInContext(g->ctx, fields, (unsigned)n, 0);
	LLVMValueRef global = LLVMAddGlobal(g->mod, st, name);
	LLVMSetInitializer(global, LLVMConstNull(st));
	LLVMSetSection(global, ".maps");
	LLVMSetAlignment(global, 8);

	LLVMMetadataRef di_struct = LLVMDIBuilderCreateStructType(g->di, g->di_cu, "", 0, g->di_file, 0,
								  (uint64_t)n * 64, 64, LLVMDIFlagZero, NULL,
								  members, (unsigned)n, 0, NULL, "", 0);
	LLVMMetadataRef expr = LLVMDIBuilderCreateExpression(g->di, NULL, 0);
	LLVMMetadataRef gve = LLVMDIBuilderCreateGlobalVariableExpression(
		g->di, g->di_cu, name, strlen(name), name, strlen(name), g->di_file, 0, di_struct, 0, expr, NULL, 64);
	LLVMGlobalSetMetadata(global, LLVMGetMDKindIDInContext(g->ctx, "dbg", 3), gve);
	return global;
}

LLVMValueRef cg_define_map(struct cg *g, const char *name, int type, int key_size, int value_size,
			   int max_entries, int flags)
{
	LLVMMetadataRef members[5];
	int n = 0;
	members[n] = uint_member(g, "type", type, n);
	n++;
	members[n] = uint_member(g, "max_entries", max_entries, n);
	n++;
	if (key_size) {
		members[n] = uint_member(g, "key_size", key_size, n);
		n++;
	}
	if (value_size) {
		members[n] = uint_member(g, "value_size", value_size, n);
		n++;
	}
	if (flags) {
		members[n] = uint_member(g, "map_flags", flags, n);
		n++;
	}
	return map_global(g, name, members, n);
}

LLVMValueRef cg_define_task_storage(struct cg *g, const char *name, int type, int value_size, int flags)
{
	LLVMMetadataRef u64 = LLVMDIBuilderCreateBasicType(g->di, "unsigned long long", 18, 64, 7 /* DW_ATE_unsigned */,
							   LLVMDIFlagZero);
	LLVMMetadataRef range = LLVMDIBuilderGetOrCreateSubrange(g->di, 0, value_size / 8);
	LLVMMetadataRef words = LLVMDIBuilderCreateArrayType(g->di, (uint64_t)value_size * 8, 64, u64, &range, 1);
	LLVMMetadataRef members[] = {
		uint_member(g, "type", type, 0),
		uint_member(g, "map_flags", flags, 1),
		di_member(g, "key", g->di_int, 2),
		di_member(g, "value", words, 3),
	};
	return map_global(g, name, members, 4);
}
