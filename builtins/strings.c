/* Builtins that look into strings in the kernel: strlen, strncmp,
 * strstr, strcontains. They read string buffers (or char arrays) byte by
 * byte in bounded loops: each access is clamped into its buffer, where
 * the verifier can see it, and the loops end at the buffer's size.
 * And strerror, signal_name, syscall_name: a string[64] from a table of texts in the
 * program's read-only data, as current bpftrace has them. */
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../probes/provider.h"
#include "string_tables.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <stdlib.h>

#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

#define TEXT_SIZE 64 /* bpftrace's string[64] */
#define SIGNAL_TEXTS 65 /* signals 0..64 */

/* A string, or an array of chars (a struct's char name[16]). */
static bool is_string_like(const struct type *t)
{
	return t->kind == TY_STR || (t->kind == TY_ARRAY && t->elem->kind == TY_INT && t->elem->size == 1);
}

static bool check_string_arg(struct checker *c, struct node *n, int i)
{
	struct node *arg = n->call.args.items[i];
	const struct type *t = check_expr(c, arg);
	if (t->kind == TY_NONE)
		return false;
	if (is_string_like(t) || check_probe_as_string(c, arg, t))
		return true;
	check_error(c, arg->loc, "%s() needs a string, not %s", n->call.name, type_name(t));
	return false;
}

static const struct type *check_strlen(struct checker *c, struct node *n)
{
	check_string_arg(c, n, 0);
	return type_int(false);
}

static const struct type *check_strncmp(struct checker *c, struct node *n)
{
	check_string_arg(c, n, 0);
	check_string_arg(c, n, 1);
	long long len;
	if (check_const_int(c, n->call.args.items[2], "strncmp()'s length", &len) && len < 0)
		check_error(c, n->call.args.items[2]->loc, "strncmp()'s length cannot be negative");
	return type_int(true);
}

static const struct type *check_strstr(struct checker *c, struct node *n)
{
	check_string_arg(c, n, 0);
	check_string_arg(c, n, 1);
	return n->call.name[3] == 'c' ? TYPE_BOOL : type_int(true); /* strcontains */
}

static const struct type *check_text_of(struct checker *c, struct node *n)
{
	check_int(c, n->call.args.items[0], arena_printf("%s()'s argument", n->call.name));
	return type_str(TEXT_SIZE);
}

#ifndef LANTERN_FRONT_END_ONLY
/* count texts of TEXT_SIZE bytes, then the one for numbers without a
 * text, in read-only data: once in a module. */
static LLVMValueRef text_table(struct cg *g, const char *name, const char *(*text)(int), int count,
			       const char *unknown)
{
	LLVMValueRef table = LLVMGetNamedGlobal(g->mod, name);
	if (table)
		return table;
	char *bytes = calloc((size_t)count + 1, TEXT_SIZE);
	if (!bytes)
		abort();
	for (int i = 0; i <= count; i++) {
		const char *t = i < count ? text(i) : NULL;
		strncpy(bytes + i * TEXT_SIZE, t ? t : unknown, TEXT_SIZE - 1);
	}
	/* a section of its own: .rodata holds only what the runtime sets */
	table = cg_define_const_bytes(g, name, ".rodata.texts", bytes, (count + 1) * TEXT_SIZE);
	free(bytes);
	return table;
}

/* The text of number i (an i64) from table into dst; past count, the
 * unknown one. */
static void text_into(struct cg *g, LLVMValueRef table, int count, LLVMValueRef i, LLVMValueRef dst, int size,
		      bool pad)
{
	LLVMValueRef known = LLVMBuildICmp(g->b, LLVMIntULT, i, cg_const(g, count), "");
	i = cg_clamp(g, LLVMBuildSelect(g->b, known, i, cg_const(g, count), ""), count);
	LLVMValueRef at = cg_gep_var(g, table, cg_opaque(g, LLVMBuildMul(g->b, i, cg_const(g, TEXT_SIZE), "")));
	int n = size < TEXT_SIZE ? size : TEXT_SIZE;
	cg_memcpy(g, dst, at, n);
	if (n < TEXT_SIZE)
		cg_store(g, LLVMConstInt(g->i8, 0, 0), cg_gep(g, dst, n - 1));
	if (pad)
		cg_zero_tail(g, dst, n, size);
}

/* The argument as an int32, as bpftrace takes it. */
static LLVMValueRef int32_arg(struct cg *g, struct node *n)
{
	LLVMValueRef v = LLVMBuildTrunc(g->b, cg_expr(g, n->call.args.items[0]).v, g->i32, "");
	return LLVMBuildSExt(g->b, v, g->i64, "");
}

static const char *errno_text(int i)
{
	return errno_texts[i];
}

/* strerror(-e) is strerror(e), as bpftrace */
static void strerror_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	LLVMValueRef e = int32_arg(g, n);
	LLVMValueRef negative = LLVMBuildICmp(g->b, LLVMIntSLT, e, cg_const(g, 0), "");
	e = LLVMBuildSelect(g->b, negative, LLVMBuildNeg(g->b, e, ""), e, "");
	LLVMValueRef table = text_table(g, "lantern_errno_texts", errno_text, ERRNO_TEXTS, "Unknown error");
	text_into(g, table, ERRNO_TEXTS, e, dst, size, pad);
}

/* The C library's description of each signal, as bpftrace's table. */
static const char *signal_text(int i)
{
	return strsignal(i);
}

static void signal_name_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	LLVMValueRef table = text_table(g, "lantern_signal_texts", signal_text, SIGNAL_TEXTS, "N/A");
	text_into(g, table, SIGNAL_TEXTS, int32_arg(g, n), dst, size, pad);
}

static const char *syscall_text(int i)
{
	return syscall_texts[i];
}

static void syscall_name_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	LLVMValueRef table = text_table(g, "lantern_syscall_texts", syscall_text, SYSCALL_TEXTS, "Unknown syscall");
	text_into(g, table, SYSCALL_TEXTS, int32_arg(g, n), dst, size, pad);
}

/* s[i], i kept inside the buffer of size bytes. */
static LLVMValueRef char_at(struct cg *g, LLVMValueRef s, LLVMValueRef i, int size)
{
	LLVMValueRef at = cg_clamp(g, i, size - 1);
	return cg_load(g, g->i8, cg_gep_var(g, s, cg_opaque(g, at)));
}

static LLVMValueRef is_nul(struct cg *g, LLVMValueRef c)
{
	return LLVMBuildICmp(g->b, LLVMIntEQ, c, LLVMConstInt(g->i8, 0, 0), "");
}

static LLVMValueRef below(struct cg *g, LLVMValueRef i, int n)
{
	return LLVMBuildICmp(g->b, LLVMIntULT, i, cg_const(g, n), "");
}

/* A phi of i64s at the builder's place, one value per block. */
static LLVMValueRef phi(struct cg *g, LLVMValueRef *values, LLVMBasicBlockRef *blocks, int n)
{
	LLVMValueRef p = LLVMBuildPhi(g->b, g->i64, "");
	LLVMAddIncoming(p, values, blocks, (unsigned)n);
	return p;
}

static struct cg_value result(struct node *n, LLVMValueRef v)
{
	return (struct cg_value){ .v = v, .type = n->type };
}

/* The bytes before the first NUL, or the whole buffer if it has none. */
static struct cg_value lower_strlen(struct cg *g, struct node *n)
{
	struct cg_value s = cg_expr(g, n->call.args.items[0]);
	int size = s.type->size;
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b), loop = cg_block(g, "strlen"),
			  next = cg_block(g, "strlen_next"), done = cg_block(g, "strlen_done");
	LLVMBuildBr(g->b, loop);
	LLVMPositionBuilderAtEnd(g->b, loop);
	LLVMValueRef i = LLVMBuildPhi(g->b, g->i64, "i");
	LLVMBuildCondBr(g->b, is_nul(g, char_at(g, s.v, i, size)), done, next);
	LLVMPositionBuilderAtEnd(g->b, next);
	LLVMValueRef i1 = LLVMBuildAdd(g->b, i, cg_const(g, 1), "");
	LLVMBuildCondBr(g->b, below(g, i1, size), loop, done);
	LLVMValueRef zero = cg_const(g, 0);
	LLVMAddIncoming(i, &zero, &from, 1);
	LLVMAddIncoming(i, &i1, &next, 1);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef values[] = { i, i1 };
	LLVMBasicBlockRef blocks[] = { loop, next };
	return result(n, phi(g, values, blocks, 2));
}

/* 0 when a and b agree on their first len characters (or up to a NUL
 * both have there), 1 otherwise, as bpftrace's strncmp. A buffer that
 * ends without a NUL ends its string there. */
static struct cg_value lower_strncmp(struct cg *g, struct node *n)
{
	struct cg_value a = cg_expr(g, n->call.args.items[0]), b = cg_expr(g, n->call.args.items[1]);
	long long len = const_int_value(n->call.args.items[2]);
	int sa = a.type->size, sb = b.type->size;
	int k = sa < sb ? sa : sb;
	if (len < k)
		k = (int)len;
	if (k <= 0)
		return result(n, cg_const(g, 0));
	LLVMValueRef zero = cg_const(g, 0), one = cg_const(g, 1);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b), loop = cg_block(g, "strncmp"),
			  same = cg_block(g, "strncmp_same"), next = cg_block(g, "strncmp_next"),
			  tail = cg_block(g, "strncmp_tail"), done = cg_block(g, "strncmp_done");
	LLVMBuildBr(g->b, loop);
	LLVMPositionBuilderAtEnd(g->b, loop);
	LLVMValueRef i = LLVMBuildPhi(g->b, g->i64, "i");
	LLVMValueRef ca = char_at(g, a.v, i, sa), cb = char_at(g, b.v, i, sb);
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntNE, ca, cb, ""), done, same);
	LLVMPositionBuilderAtEnd(g->b, same);
	LLVMBuildCondBr(g->b, is_nul(g, ca), done, next);
	LLVMPositionBuilderAtEnd(g->b, next);
	LLVMValueRef i1 = LLVMBuildAdd(g->b, i, one, "");
	LLVMBuildCondBr(g->b, below(g, i1, k), loop, tail);
	LLVMAddIncoming(i, &zero, &from, 1);
	LLVMAddIncoming(i, &i1, &next, 1);
	/* k characters agreed: past the shorter buffer, the longer must end */
	LLVMPositionBuilderAtEnd(g->b, tail);
	LLVMValueRef end = zero;
	if (k < len && sa != sb) {
		LLVMValueRef c = cg_load(g, g->i8, cg_gep(g, sa > sb ? a.v : b.v, k));
		end = LLVMBuildSelect(g->b, is_nul(g, c), zero, one, "");
	}
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef values[] = { one, zero, end };
	LLVMBasicBlockRef blocks[] = { loop, same, tail };
	return result(n, phi(g, values, blocks, 3));
}

/* The index of the first place haystack holds needle, or -1; an empty
 * needle is at 0. Both end at their first NUL or their buffer's end. */
static LLVMValueRef find(struct cg *g, struct cg_value h, struct cg_value nd)
{
	int hs = h.type->size, ns = nd.type->size;
	LLVMValueRef zero = cg_const(g, 0), one = cg_const(g, 1), none = cg_const(g, -1);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b), outer = cg_block(g, "strstr"),
			  inner = cg_block(g, "strstr_inner"), compare = cg_block(g, "strstr_compare"),
			  advance = cg_block(g, "strstr_advance"), skip = cg_block(g, "strstr_skip"),
			  done = cg_block(g, "strstr_done");
	LLVMValueRef empty = is_nul(g, cg_load(g, g->i8, nd.v));
	LLVMBasicBlockRef start = cg_block(g, "strstr_start");
	LLVMBuildCondBr(g->b, empty, done, start);
	LLVMPositionBuilderAtEnd(g->b, start);
	LLVMBuildBr(g->b, outer);

	/* outer: each start position until the haystack ends */
	LLVMPositionBuilderAtEnd(g->b, outer);
	LLVMValueRef pos = LLVMBuildPhi(g->b, g->i64, "pos");
	LLVMBasicBlockRef outer_test = cg_block(g, "strstr_outer_test");
	LLVMBuildCondBr(g->b, is_nul(g, char_at(g, h.v, pos, hs)), done, outer_test);
	LLVMPositionBuilderAtEnd(g->b, outer_test);
	LLVMBuildBr(g->b, inner);

	/* inner: needle[j] against haystack[pos + j] */
	LLVMPositionBuilderAtEnd(g->b, inner);
	LLVMValueRef j = LLVMBuildPhi(g->b, g->i64, "j");
	LLVMValueRef nc = char_at(g, nd.v, j, ns);
	LLVMBasicBlockRef in_haystack = cg_block(g, "strstr_in");
	LLVMBuildCondBr(g->b, is_nul(g, nc), done, in_haystack); /* the needle ended: found */
	LLVMPositionBuilderAtEnd(g->b, in_haystack);
	LLVMValueRef k = LLVMBuildAdd(g->b, pos, j, "");
	LLVMBuildCondBr(g->b, below(g, k, hs), compare, skip);
	LLVMPositionBuilderAtEnd(g->b, compare);
	LLVMValueRef hc = char_at(g, h.v, k, hs);
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, hc, nc, ""), advance, skip);
	LLVMPositionBuilderAtEnd(g->b, advance);
	LLVMValueRef j1 = LLVMBuildAdd(g->b, j, one, "");
	LLVMBuildCondBr(g->b, below(g, j1, ns), inner, done); /* the needle's buffer ended: found */
	LLVMAddIncoming(j, &zero, &outer_test, 1);
	LLVMAddIncoming(j, &j1, &advance, 1);

	LLVMPositionBuilderAtEnd(g->b, skip);
	LLVMValueRef pos1 = LLVMBuildAdd(g->b, pos, one, "");
	LLVMBuildCondBr(g->b, below(g, pos1, hs), outer, done);
	LLVMAddIncoming(pos, &zero, &start, 1);
	LLVMAddIncoming(pos, &pos1, &skip, 1);

	LLVMPositionBuilderAtEnd(g->b, done);
	LLVMValueRef values[] = { zero, none, pos, pos, none };
	LLVMBasicBlockRef blocks[] = { from, outer, inner, advance, skip };
	return phi(g, values, blocks, 5);
}

/* Past this many steps (haystack size times needle size) the verifier
 * would refuse the nested loops ("too complex"): bpf_loop runs the outer
 * one, and its callback, with the inner loop, is verified once. */
#define MAX_INLINE_SEARCH 4096

enum { SEARCH_HAYSTACK, SEARCH_NEEDLE, SEARCH_RESULT, SEARCH_WORDS };

/* bpf_loop's callback: is the needle at position `index`? It stops the
 * loop (returns 1) when it is, or when the haystack has ended. */
static LLVMValueRef search_callback(struct cg *g, int hs, int ns)
{
	LLVMTypeRef params[] = { g->i64, g->ptr };
	LLVMValueRef fn = cg_callback_function(g, "strstr_at", params, 2);
	/* build it with g's builder, then go back where it was */
	LLVMBasicBlockRef was = LLVMGetInsertBlock(g->b);
	LLVMValueRef was_fn = g->fn;
	g->fn = fn;
	LLVMBasicBlockRef entry = cg_block(g, "entry"), scan = cg_block(g, "scan"), inner = cg_block(g, "inner"),
			  in_haystack = cg_block(g, "in"), compare = cg_block(g, "compare"),
			  advance = cg_block(g, "advance"), found = cg_block(g, "found"), ended = cg_block(g, "ended"),
			  next = cg_block(g, "next");
	LLVMPositionBuilderAtEnd(g->b, entry);
	LLVMValueRef frame = LLVMGetParam(fn, 1), pos = LLVMGetParam(fn, 0);
	LLVMValueRef h = cg_load(g, g->ptr, cg_gep(g, frame, 8 * SEARCH_HAYSTACK));
	LLVMValueRef nd = cg_load(g, g->ptr, cg_gep(g, frame, 8 * SEARCH_NEEDLE));
	LLVMBuildCondBr(g->b, below(g, pos, hs), scan, ended);
	LLVMPositionBuilderAtEnd(g->b, scan);
	LLVMBuildCondBr(g->b, is_nul(g, char_at(g, h, pos, hs)), ended, inner);

	LLVMPositionBuilderAtEnd(g->b, inner);
	LLVMValueRef j = LLVMBuildPhi(g->b, g->i64, "j");
	LLVMValueRef nc = char_at(g, nd, j, ns);
	LLVMBuildCondBr(g->b, is_nul(g, nc), found, in_haystack);
	LLVMPositionBuilderAtEnd(g->b, in_haystack);
	LLVMValueRef k = LLVMBuildAdd(g->b, pos, j, "");
	LLVMBuildCondBr(g->b, below(g, k, hs), compare, next);
	LLVMPositionBuilderAtEnd(g->b, compare);
	LLVMValueRef same = LLVMBuildICmp(g->b, LLVMIntEQ, char_at(g, h, k, hs), nc, "");
	LLVMBuildCondBr(g->b, same, advance, next);
	LLVMPositionBuilderAtEnd(g->b, advance);
	LLVMValueRef j1 = LLVMBuildAdd(g->b, j, cg_const(g, 1), "");
	LLVMBuildCondBr(g->b, below(g, j1, ns), inner, found);
	LLVMValueRef zero = cg_const(g, 0);
	LLVMAddIncoming(j, &zero, &scan, 1);
	LLVMAddIncoming(j, &j1, &advance, 1);

	LLVMPositionBuilderAtEnd(g->b, found);
	cg_store(g, pos, cg_gep(g, frame, 8 * SEARCH_RESULT));
	LLVMBuildRet(g->b, cg_const(g, 1));
	LLVMPositionBuilderAtEnd(g->b, ended);
	LLVMBuildRet(g->b, cg_const(g, 1));
	LLVMPositionBuilderAtEnd(g->b, next);
	LLVMBuildRet(g->b, cg_const(g, 0));

	g->fn = was_fn;
	LLVMPositionBuilderAtEnd(g->b, was);
	return fn;
}

static LLVMValueRef find_with_loop(struct cg *g, struct cg_value h, struct cg_value nd)
{
	LLVMValueRef frame = cg_alloca(g, LLVMArrayType(g->i64, SEARCH_WORDS), "strstr_frame");
	cg_store(g, h.v, cg_gep(g, frame, 8 * SEARCH_HAYSTACK));
	cg_store(g, nd.v, cg_gep(g, frame, 8 * SEARCH_NEEDLE));
	/* an empty needle is at 0 */
	LLVMValueRef empty = is_nul(g, cg_load(g, g->i8, nd.v));
	cg_store(g, LLVMBuildSelect(g->b, empty, cg_const(g, 0), cg_const(g, -1), ""),
		 cg_gep(g, frame, 8 * SEARCH_RESULT));
	LLVMValueRef count = LLVMBuildSelect(g->b, empty, cg_const(g, 0), cg_const(g, h.type->size), "");
	/* a count the verifier knows is 0 would make it drop the callback
	 * (see lower_loops.c): add a 0 it cannot know */
	count = LLVMBuildAdd(g->b, count, cg_opaque_zero(g), "");
	LLVMValueRef args[] = { count, search_callback(g, h.type->size, nd.type->size), frame, cg_const(g, 0) };
	cg_helper(g, BPF_FUNC_loop, g->i64, args, 4);
	LLVMValueRef r = cg_load(g, g->i64, cg_gep(g, frame, 8 * SEARCH_RESULT));
	LLVMSetVolatile(r, 1); /* the callback wrote it */
	return r;
}

static struct cg_value lower_strstr(struct cg *g, struct node *n)
{
	struct cg_value h = cg_expr(g, n->call.args.items[0]), nd = cg_expr(g, n->call.args.items[1]);
	bool big = (long long)h.type->size * nd.type->size > MAX_INLINE_SEARCH;
	LLVMValueRef at = big ? find_with_loop(g, h, nd) : find(g, h, nd);
	if (n->type->kind != TY_BOOL)
		return result(n, at);
	LLVMValueRef found = LLVMBuildICmp(g->b, LLVMIntSGE, at, cg_const(g, 0), "");
	return result(n, LLVMBuildZExt(g->b, found, g->i64, ""));
}
#endif

static const struct builtin rows[] = {
	{ .name = "strlen", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "strlen(string)",
	  .check = check_strlen, .lower = BACKEND(lower_strlen) },
	{ .name = "strncmp", .kind = BUILTIN_FUNCTION, .min_args = 3, .max_args = 3,
	  .signature = "strncmp(string, string, length)", .check = check_strncmp, .lower = BACKEND(lower_strncmp) },
	{ .name = "strstr", .kind = BUILTIN_FUNCTION, .min_args = 2, .max_args = 2,
	  .signature = "strstr(haystack, needle)", .check = check_strstr, .lower = BACKEND(lower_strstr) },
	{ .name = "strcontains", .kind = BUILTIN_FUNCTION, .min_args = 2, .max_args = 2,
	  .signature = "strcontains(haystack, needle)", .check = check_strstr, .lower = BACKEND(lower_strstr) },
	{ .name = "strerror", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "strerror(errno)",
	  .check = check_text_of, .lower_into = BACKEND(strerror_into) },
	{ .name = "signal_name", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1,
	  .signature = "signal_name(signal)", .check = check_text_of, .lower_into = BACKEND(signal_name_into) },
	{ .name = "syscall_name", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1,
	  .signature = "syscall_name(number)", .check = check_text_of, .lower_into = BACKEND(syscall_name_into) },
	{ 0 },
};

const struct builtin_family builtins_strings = { "strings", rows };
