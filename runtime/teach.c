/* -d asm: each loaded program as the kernel holds it after verifying it
 * (its "xlated" instructions: helper calls resolved, some inlined, maps
 * by id), each statement's instructions under the statement they came
 * from (the BTF line info codegen gave them, which the kernel keeps in
 * step with its rewrites), helpers and maps by name, and per program the
 * instruction count and what the verifier walked through. */
#include "teach.h"

#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "../compiler/arena.h"
#include "../compiler/ast.h"
#include "../compiler/diag.h"
#include "../probes/kernel_symbols.h"
#include "../probes/provider.h"

static const char *const helper_names[] = {
#define HELPER_NAME(x) [BPF_FUNC_##x] = "bpf_" #x
	__BPF_FUNC_MAPPER(HELPER_NAME)
#undef HELPER_NAME
};

struct teach {
	FILE *out;
	struct bpf_object *obj;
	const struct btf *btf; /* the program's, for its line info's file names */
	const struct bpf_image *img;
	struct node *probe;
	unsigned long long call_base; /* __bpf_call_base: xlated helper calls are relative to it */
	/* the object's maps by the kernel's id, asked once (xlated
	 * instructions name maps by id) */
	struct map_by_id {
		unsigned id;
		const char *name;
	} *maps;
	int nmaps;
};

static void find_map_ids(struct teach *t)
{
	struct bpf_map *m;
	int cap = 0;
	bpf_object__for_each_map(m, t->obj)
	{
		struct bpf_map_info info = { 0 };
		unsigned len = sizeof(info);
		if (bpf_obj_get_info_by_fd(bpf_map__fd(m), &info, &len))
			continue;
		const char *name = bpf_map__name(m);
		t->maps = arena_grow(t->maps, t->nmaps, &cap, sizeof(*t->maps));
		/* a script map's global is AT_name (map_global_name): the script calls it @name */
		t->maps[t->nmaps++] = (struct map_by_id){ info.id,
							  !strncmp(name, "AT_", 3) ? arena_printf("@%s", name + 3) : name };
	}
}

static const char *map_name(struct teach *t, unsigned id)
{
	for (int i = 0; i < t->nmaps; i++)
		if (t->maps[i].id == id)
			return t->maps[i].name;
	return arena_printf("map id %u", id);
}

static const char *call_name(struct teach *t, const struct bpf_insn *in)
{
	if (in->src_reg == BPF_PSEUDO_CALL)
		return arena_printf("pc%+d (a function of the program)", in->imm);
	if (in->src_reg == BPF_PSEUDO_KFUNC_CALL)
		return arena_printf("kfunc btf id %d", in->imm);
	/* the verifier turned the helper's id into its address's distance
	 * from __bpf_call_base: name the kernel function it calls */
	unsigned long long off = 0;
	const struct kernel_symbol *sym = t->call_base ? kernel_symbol_at(t->call_base + (long long)in->imm, &off) : NULL;
	if (sym && !off)
		return sym->name;
	if (in->imm >= 0 && (size_t)in->imm < sizeof(helper_names) / sizeof(helper_names[0]) && helper_names[in->imm])
		return helper_names[in->imm];
	return arena_printf("helper %d", in->imm);
}

static const char *size_name(int size)
{
	switch (size) {
	case BPF_B: return "u8";
	case BPF_H: return "u16";
	case BPF_W: return "u32";
	default: return "u64";
	}
}

static const char *alu_op(int op)
{
	static const char *const ops[16] = { "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=",
					     "neg", "%=", "^=", "=", "s>>=", "endian" };
	return ops[op >> 4] ? ops[op >> 4] : "?=";
}

static const char *jmp_op(int op)
{
	switch (op) {
	case BPF_JEQ: return "==";
	case BPF_JGT: return ">";
	case BPF_JGE: return ">=";
	case BPF_JSET: return "&";
	case BPF_JNE: return "!=";
	case BPF_JSGT: return "s>";
	case BPF_JSGE: return "s>=";
	case BPF_JLT: return "<";
	case BPF_JLE: return "<=";
	case BPF_JSLT: return "s<";
	case BPF_JSLE: return "s<=";
	default: return "?";
	}
}

/* One instruction (two for a 64-bit load), as text; *wide set for those */
static const char *insn_text(struct teach *t, const struct bpf_insn *in, const struct bpf_insn *next, int index,
			     bool *wide)
{
	int cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
	bool reg = BPF_SRC(in->code) == BPF_X;
	*wide = false;
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64: {
		char r = cls == BPF_ALU64 ? 'r' : 'w';
		if (op == BPF_NEG)
			return arena_printf("%c%d = -%c%d", r, in->dst_reg, r, in->dst_reg);
		if (op == BPF_END)
			return arena_printf("r%d = %s%d r%d", in->dst_reg, reg ? "be" : "le", in->imm, in->dst_reg);
		const char *src = reg ? arena_printf("%c%d", r, in->src_reg) : arena_printf("%d", in->imm);
		if (op == BPF_MOV && reg && in->off == -1) /* the kernel's own: BPF_ADDR_PERCPU */
			return arena_printf("r%d = this CPU's copy of *r%d", in->dst_reg, in->src_reg);
		if (op == BPF_MOV && reg && in->off) /* movsx */
			return arena_printf("%c%d = (s%d)%s", r, in->dst_reg, in->off, src);
		return arena_printf("%c%d %s %s", r, in->dst_reg, alu_op(op), src);
	}
	case BPF_LDX:
		return arena_printf("r%d = *(%s *)(r%d %+d)", in->dst_reg, size_name(BPF_SIZE(in->code)), in->src_reg,
				    in->off);
	case BPF_ST:
		return arena_printf("*(%s *)(r%d %+d) = %d", size_name(BPF_SIZE(in->code)), in->dst_reg, in->off,
				    in->imm);
	case BPF_STX:
		if (BPF_MODE(in->code) == BPF_ATOMIC)
			return arena_printf("lock *(%s *)(r%d %+d) %s r%d", size_name(BPF_SIZE(in->code)), in->dst_reg,
					    in->off, alu_op(in->imm & ~BPF_FETCH), in->src_reg);
		return arena_printf("*(%s *)(r%d %+d) = r%d", size_name(BPF_SIZE(in->code)), in->dst_reg, in->off,
				    in->src_reg);
	case BPF_LD:
		if (in->code == (BPF_LD | BPF_IMM | BPF_DW) && next) {
			*wide = true;
			if (in->src_reg == BPF_PSEUDO_MAP_FD || in->src_reg == BPF_PSEUDO_MAP_IDX)
				return arena_printf("r%d = map %s", in->dst_reg, map_name(t, (unsigned)in->imm));
			if (in->src_reg == BPF_PSEUDO_MAP_VALUE || in->src_reg == BPF_PSEUDO_MAP_IDX_VALUE)
				return arena_printf("r%d = &map %s + %d", in->dst_reg, map_name(t, (unsigned)in->imm),
						    next->imm);
			unsigned long long v = (unsigned)in->imm | (unsigned long long)(unsigned)next->imm << 32;
			return arena_printf("r%d = 0x%llx ll", in->dst_reg, v);
		}
		return arena_printf("(ld 0x%02x)", in->code);
	case BPF_JMP:
	case BPF_JMP32: {
		if (op == BPF_CALL)
			return arena_printf("call %s", call_name(t, in));
		if (op == BPF_EXIT)
			return "exit";
		int target = index + 1 + (cls == BPF_JMP32 && op == BPF_JA ? in->imm : in->off);
		if (op == BPF_JA)
			return arena_printf("goto %d", target);
		char r = cls == BPF_JMP ? 'r' : 'w';
		const char *src = reg ? arena_printf("%c%d", r, in->src_reg) : arena_printf("%d", in->imm);
		return arena_printf("if %c%d %s %s goto %d", r, in->dst_reg, jmp_op(op), src, target);
	}
	}
	return arena_printf("(code 0x%02x)", in->code);
}

/* "; <the statement>" for a line info record: the statement's own text
 * when it is on one line (a one-liner's statements share their line),
 * else its line */
static void print_statement(struct teach *t, const struct bpf_line_info *li)
{
	const char *file = btf__name_by_offset(t->btf, li->file_name_off);
	struct loc at = { .line = (int)BPF_LINE_INFO_LINE_NUM(li->line_col), .col = (int)BPF_LINE_INFO_LINE_COL(li->line_col) };
	at.source = -1;
	for (int id = 0; file && id < t->img->nsource_files; id++)
		if (t->img->source_files[id] && !strcmp(t->img->source_files[id], file))
			at.source = id;
	const struct source *src = at.source >= 0 ? diag_source(at.source) : NULL;
	if (!src || at.line <= 0)
		return;
	at.end_line = at.line;
	at.end_col = at.col;
	bool whole = at.col > 0 && ast_widen_place(t->probe, &at) && at.end_line == at.line;
	const char *line = src->text;
	for (int n = 1; n < at.line && line; n++) {
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	if (!line)
		return;
	int len = (int)strcspn(line, "\n");
	int from = whole ? at.col - 1 : (int)strspn(line, " \t");
	int to = whole ? at.end_col : len;
	if (at.col == 0 && li->insn_off > 0) { /* a function after the probe's: a callback */
		fprintf(t->out, "; a function of its own: a loop's body, or a helper's callback\n");
		return;
	}
	if (at.col == 0 && t->probe->loc.source == at.source && t->probe->loc.line == at.line) {
		/* the function's start: the probe's attach points, up to its body */
		from = t->probe->loc.col - 1;
		const char *brace = memchr(line + from, '{', (size_t)(len - from));
		to = brace ? (int)(brace - line) : len;
		while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t'))
			to--;
	}
	if (from > len || to > len || to < from)
		return;
	bool keyword = to > from;
	for (int i = from; i < to; i++)
		keyword &= (line[i] >= 'a' && line[i] <= 'z');
	if (keyword) /* for, while, if, unroll: their place is the word; show the rest of their line */
		to = len;
	fprintf(t->out, "; %.*s\n", to - from, line + from);
}

static void teach_program(struct teach *t, struct bpf_program *prog, const char *probes)
{
	int fd = bpf_program__fd(prog);
	struct bpf_prog_info info = { 0 };
	unsigned len = sizeof(info);
	if (bpf_obj_get_info_by_fd(fd, &info, &len)) {
		fprintf(t->out, "; %s: the kernel does not say what it loaded\n", bpf_program__name(prog));
		return;
	}
	unsigned n = info.xlated_prog_len / sizeof(struct bpf_insn), nlines = info.nr_line_info;
	unsigned rec = info.line_info_rec_size ? info.line_info_rec_size : sizeof(struct bpf_line_info);
	struct bpf_insn *insns = calloc(n + 1, sizeof(*insns));
	unsigned char *lines = calloc(nlines + 1, rec);
	unsigned verified = info.verified_insns, btf_id = info.btf_id;
	memset(&info, 0, sizeof(info));
	info.xlated_prog_len = n * (unsigned)sizeof(*insns);
	info.xlated_prog_insns = (unsigned long)insns;
	info.nr_line_info = nlines;
	info.line_info_rec_size = rec;
	info.line_info = (unsigned long)lines;
	len = sizeof(info);
	struct btf *btf = btf_id ? btf__load_from_kernel_by_id(btf_id) : NULL;
	if (!insns || !lines || bpf_obj_get_info_by_fd(fd, &info, &len)) {
		fprintf(t->out, "; %s: the kernel does not say what it loaded\n", bpf_program__name(prog));
	} else {
		fprintf(t->out, "\n%s (%s): %u instructions, the verifier walked through %u\n", bpf_program__name(prog),
			probes, n, verified);
		t->btf = btf;
		unsigned next_line = 0;
		for (unsigned i = 0; i < n; i++) {
			const struct bpf_line_info *li = (const void *)(lines + (size_t)next_line * rec);
			for (; btf && next_line < nlines && li->insn_off <= i;
			     li = (const void *)(lines + (size_t)++next_line * rec))
				if (li->insn_off == i)
					print_statement(t, li);
			bool wide;
			const char *text = insn_text(t, &insns[i], i + 1 < n ? &insns[i + 1] : NULL, (int)i, &wide);
			fprintf(t->out, "%5u: %s\n", i, text);
			i += wide;
		}
	}
	btf__free(btf);
	free(insns);
	free(lines);
}

void teach_programs(FILE *out, struct bpf_object *obj, struct bpf_program *const *progs, const struct program *p,
		    const struct bpf_image *img)
{
	const char *why;
	const struct kernel_symbol *base = kernel_symbol_named("__bpf_call_base", &why);
	struct teach t = { .out = out, .obj = obj, .img = img, .call_base = base ? base->addr : 0 };
	find_map_ids(&t);
	for (int i = 0; i < p->nprobes; i++) {
		if (p->probes[i].program != i || !progs[i] || bpf_program__fd(progs[i]) < 0) /* not loaded: not run */
			continue;
		/* the attach points the program serves */
		const char *probes = p->probes[i].ap->name;
		int more = 0;
		for (int j = i + 1; j < p->nprobes; j++)
			more += p->probes[j].program == i;
		if (more)
			probes = arena_printf("%s and %d more", probes, more);
		t.probe = p->probes[i].probe;
		teach_program(&t, progs[i], probes);
	}
	fflush(out);
}
