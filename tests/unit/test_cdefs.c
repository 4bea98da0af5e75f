/* The C definitions' reader (compiler/cdefs.h): layouts as GCC makes them
 * on x86-64 (the values below are GCC's), the preprocessor, the registry's
 * names, and what scripts see of them: sizeof, offsetof, constants, and
 * errors located in the script or the header. */
#include <stdlib.h>
#include <unistd.h>

#include "../../compiler/arena.h"
#include "../../compiler/cdefs.h"
#include "unit.h"

static char messages[8192];

/* Reads C text (as a header "defs.h") into a fresh registry; its messages
 * are in `messages`. The types live until the next call. */
static bool read_c(const char *text)
{
	static struct source src;
	arena_free_all();
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diag_set_stream(out);
	diag_reset();
	cdefs_reset();
	src = (struct source){ "defs.h", text };
	bool ok = cdefs_parse(text, (struct loc){ diag_add_source(&src), 1, 1, 1, 1 }, ".");
	fclose(out);
	diag_set_stream(NULL);
	snprintf(messages, sizeof(messages), "%s", buf ? buf : "");
	free(buf);
	return ok;
}

static int size_of(const char *name)
{
	const struct type *t = cdefs_type(name);
	return t ? t->size : -1;
}

static int align_of(const char *name)
{
	const struct type *t = cdefs_type(name);
	return t ? type_align(t) : -1;
}

/* A member's offset in bytes, or in bits for a bitfield (bit_offset +
 * 8 * offset); -1 if there is none. */
static int offset_of(const char *type, const char *member)
{
	const struct type *t = cdefs_type(type);
	const struct type_member *m = t ? type_member(t, member) : NULL;
	if (!m)
		return -1;
	return m->bit_width ? m->offset * 8 + m->bit_offset : m->offset;
}

static int width_of(const char *type, const char *member)
{
	const struct type_member *m = type_member(cdefs_type(type), member);
	return m ? m->bit_width : -1;
}

static void layouts(void)
{
	CHECK(read_c("struct s1 { char a; int b; char c; };\n"
		     "struct s2 { char a; long long b; short c; };\n"
		     "struct s3 { char a[3]; short b; };\n"
		     "union u1 { char a; int b; long long c; char d[13]; };\n"
		     "struct s13 { int a[2][3][4]; char b; };\n"
		     "struct s14 { char c; int flex[]; };\n"
		     "struct s21 { _Bool a; char b; void *p; int (*fn)(int); char *q[2]; };\n"
		     "struct s29 { struct s1 x; char y; struct s1 z[2]; };\n"));
	/* padding between members and at the end */
	CHECK(size_of("struct s1") == 12 && offset_of("struct s1", "b") == 4 && offset_of("struct s1", "c") == 8);
	CHECK(size_of("struct s2") == 24 && offset_of("struct s2", "b") == 8 && offset_of("struct s2", "c") == 16);
	CHECK(size_of("struct s3") == 6 && offset_of("struct s3", "b") == 4);
	/* a union: its largest member, at its largest alignment */
	CHECK(size_of("union u1") == 16 && align_of("union u1") == 8 && offset_of("union u1", "d") == 0);
	/* arrays, multi-dimensional and flexible */
	CHECK(size_of("struct s13") == 100 && offset_of("struct s13", "b") == 96);
	const struct type *a = type_member(cdefs_type("struct s13"), "a")->type;
	CHECK(a->kind == TY_ARRAY && a->count == 2 && a->elem->count == 3 && a->elem->elem->count == 4);
	CHECK(size_of("struct s14") == 4 && offset_of("struct s14", "flex") == 4);
	/* bool, pointers, pointers to functions, arrays of pointers */
	CHECK(size_of("struct s21") == 40 && offset_of("struct s21", "b") == 1 && offset_of("struct s21", "p") == 8 &&
	      offset_of("struct s21", "fn") == 16 && offset_of("struct s21", "q") == 24);
	const struct type *fn = type_member(cdefs_type("struct s21"), "fn")->type;
	CHECK(fn->kind == TY_PTR && fn->pointee->kind == TY_VOID);
	/* structs defined earlier, nested and in arrays */
	CHECK(size_of("struct s29") == 40 && offset_of("struct s29", "y") == 12 && offset_of("struct s29", "z") == 16);

	CHECK(read_c("struct s7 { char a; int b; } __attribute__((packed));\n"
		     "struct s9 { char a; struct s7 s; char b; };\n"
		     "struct s8 { char a; int b __attribute__((aligned(16))); };\n"
		     "struct s15 { char a; } __attribute__((aligned(8)));\n"
		     "struct s16 { char a; struct s15 b; };\n"
		     "struct s25 { char a; short b; } __attribute__((packed, aligned(4)));\n"
		     "struct __attribute__((__packed__)) s26 { char a; long b; };\n"
		     "struct s27 { char a; int b; } /* c */ __attribute__ /**/ ((packed)) /**/ ;\n"
		     "struct s28 { char a; int b; } __attribute__((packed)) __attribute__((aligned(1)));\n"));
	/* packed: no padding, alignment 1, also as a member of another */
	CHECK(size_of("struct s7") == 5 && align_of("struct s7") == 1 && offset_of("struct s7", "b") == 1);
	CHECK(size_of("struct s9") == 7 && offset_of("struct s9", "s") == 1 && offset_of("struct s9", "b") == 6);
	/* aligned on a member and on a struct */
	CHECK(size_of("struct s8") == 32 && offset_of("struct s8", "b") == 16);
	CHECK(size_of("struct s15") == 8 && size_of("struct s16") == 16 && offset_of("struct s16", "b") == 8);
	CHECK(size_of("struct s25") == 4 && align_of("struct s25") == 4 && offset_of("struct s25", "b") == 1);
	CHECK(size_of("struct s26") == 9);
	CHECK(size_of("struct s27") == 5 && size_of("struct s28") == 5);

	CHECK(read_c("struct s4 { int a:3; int b:5; int c:25; char d; };\n"
		     "struct s5 { unsigned char a:1; unsigned char b:7; unsigned char c:1; };\n"
		     "struct s6 { char a; int :0; char b; };\n"
		     "struct s12 { char a; long long b:33; int c:4; };\n"
		     "struct s22 { unsigned long long a:1, b:1, c:2; };\n"
		     "struct s23 { char a; unsigned int b:31; unsigned int c:2; };\n"
		     "struct __attribute__((packed)) s24 { char a; short b; int c:4; int d:30; };\n"
		     "union u26 { int a:3; char b; };\n"));
	/* bitfields: in storage units of their type, a new one where one would straddle */
	CHECK(size_of("struct s4") == 12 && offset_of("struct s4", "b") == 3 && offset_of("struct s4", "c") == 32 &&
	      offset_of("struct s4", "d") == 8);
	CHECK(width_of("struct s4", "c") == 25 && type_member(cdefs_type("struct s4"), "c")->type->is_signed);
	CHECK(size_of("struct s5") == 2 && offset_of("struct s5", "b") == 1 && offset_of("struct s5", "c") == 8);
	CHECK(size_of("struct s6") == 5 && offset_of("struct s6", "b") == 4); /* :0 closes the unit */
	CHECK(size_of("struct s12") == 8 && offset_of("struct s12", "b") == 8 && offset_of("struct s12", "c") == 41);
	CHECK(size_of("struct s22") == 8 && offset_of("struct s22", "c") == 2 && width_of("struct s22", "c") == 2);
	CHECK(size_of("struct s23") == 12 && offset_of("struct s23", "b") == 32 && offset_of("struct s23", "c") == 64);
	/* packed bitfields follow each other, whatever their type */
	CHECK(size_of("struct s24") == 8 && offset_of("struct s24", "c") == 24 && offset_of("struct s24", "d") == 28);
	CHECK(size_of("union u26") == 4 && offset_of("union u26", "a") == 0);
	/* a bitfield's bit is counted from its byte: c of s12 is bit 1 of byte 5 */
	const struct type_member *c = type_member(cdefs_type("struct s12"), "c");
	CHECK(c->offset == 5 && c->bit_offset == 1 && c->bit_width == 4);

	CHECK(read_c("struct s10 { short a; struct { char x; long y; } in; char b; };\n"
		     "struct s11 { int a; union { int b; char c[7]; }; char d; };\n"
		     "struct s30 { int a; struct { char p; struct { short q; }; }; };\n"));
	/* a named member of an anonymous struct type; anonymous members are the outer one's */
	CHECK(size_of("struct s10") == 32 && offset_of("struct s10", "in") == 8 && offset_of("struct s10", "b") == 24);
	CHECK(type_member(type_member(cdefs_type("struct s10"), "in")->type, "y")->offset == 8);
	CHECK(size_of("struct s11") == 16 && offset_of("struct s11", "b") == 4 && offset_of("struct s11", "c") == 4 &&
	      offset_of("struct s11", "d") == 12 && cdefs_type("struct s11")->nmembers == 4);
	CHECK(offset_of("struct s30", "p") == 4 && offset_of("struct s30", "q") == 6 && size_of("struct s30") == 8);

	/* floating-point members are laid out (their bytes: lantern has no
	 * such values), aligned as GCC aligns them; so is __int128 */
	CHECK(read_c("struct d { char c; double d; float f[3]; long double ld; char e; };\n"
		     "struct p { char c; double d; } __attribute__((packed));\n"
		     "struct q { char c; struct d d; unsigned __int128 x; };\n"));
	CHECK(size_of("struct d") == 64 && offset_of("struct d", "d") == 8 && offset_of("struct d", "ld") == 32 &&
	      offset_of("struct d", "e") == 48);
	CHECK(size_of("struct p") == 9 && size_of("struct q") == 96 && offset_of("struct q", "x") == 80);
	CHECK(!strcmp(type_name(type_member(cdefs_type("struct d"), "d")->type), "uint8[8]"));
}

static void names(void)
{
	CHECK(read_c("enum e19 { A19 = -1, B19 = 5, C19 };\n"
		     "enum big { BIG = 0x100000000 };\n"
		     "enum __attribute__((packed)) small { S1, S2 = 200 };\n"
		     "struct s20 { enum e19 e; char c; };\n"
		     "typedef struct { char x; short y; } t17;\n"
		     "typedef t17 t17_again, *t17_ptr;\n"
		     "typedef unsigned long long u_ll;\n"
		     "typedef int fn_t(int);\n"
		     "struct s18 { t17 a[3]; char b; fn_t *f; };\n"
		     "enum { ANON = A19 + 10 * 2 };\n"));
	long long v;
	CHECK(cdefs_enum_value("A19", &v) && v == -1);
	CHECK(cdefs_enum_value("C19", &v) && v == 6);
	CHECK(cdefs_enum_value("ANON", &v) && v == 19);
	CHECK(!cdefs_enum_value("D19", &v));
	/* an enum is an int, unsigned without negative values, wider past them */
	CHECK(size_of("enum e19") == 4 && cdefs_type("enum e19")->is_signed);
	CHECK(size_of("enum big") == 8 && size_of("enum small") == 1);
	CHECK(size_of("struct s20") == 8 && offset_of("struct s20", "c") == 4);
	CHECK(size_of("t17") == 4 && size_of("t17_again") == 4 && cdefs_type("t17_ptr")->kind == TY_PTR);
	CHECK(size_of("struct s18") == 24 && offset_of("struct s18", "b") == 12 && offset_of("struct s18", "f") == 16);
	CHECK(cdefs_type("u_ll") == type_int_sized(8, false));
	/* base types and the usual typedefs, without a header */
	CHECK(cdefs_type("int32_t") == type_int_sized(4, true) && cdefs_type("u16") == type_int_sized(2, false));
	CHECK(cdefs_type("__s64") == type_int_sized(8, true) && cdefs_type("size_t") == type_int_sized(8, false));
	CHECK(cdefs_type("unsigned int") == type_int_sized(4, false) && cdefs_type("long") == type_int_sized(8, true));
	CHECK(cdefs_type("unsigned long long") == type_int_sized(8, false));
	CHECK(cdefs_type("signed char") == type_int_sized(1, true) && cdefs_type("unsigned char") == type_int_sized(1, false));
	CHECK(cdefs_type("short int") == type_int_sized(2, true) && cdefs_type("unsigned") == type_int_sized(4, false));
	CHECK(cdefs_type("char")->size == 1 && cdefs_type("char")->is_signed && !strcmp(cdefs_type("char")->name, "char"));
	CHECK(cdefs_type("bool") == TYPE_BOOL && cdefs_type("_Bool") == TYPE_BOOL && cdefs_type("void") == TYPE_VOID);
	CHECK(!cdefs_type("unsigned short long") && !cdefs_type("struct nope") && !cdefs_type("nope_t"));
	CHECK(!cdefs_type("union s20")); /* s20 is a struct */

	/* a struct declared, then used behind a pointer, then defined */
	CHECK(read_c("struct later;\nstruct early { struct later *p; struct early *self; };\nstruct later { int x; };\n"));
	const struct type *p = type_member(cdefs_type("struct early"), "p")->type;
	CHECK(p->pointee == cdefs_type("struct later") && !p->pointee->incomplete && p->pointee->size == 4);
	/* declared only (and no kernel here): incomplete */
	CHECK(read_c("struct only_declared;\nstruct defined { int x; };\n"));
	CHECK(cdefs_type("struct only_declared")->incomplete);
	/* a builtin's pointee: the script's struct, or one declared for it */
	CHECK(cdefs_declared_type(CDEFS_STRUCT, "defined") == cdefs_type("struct defined"));
	const struct type *declared = cdefs_declared_type(CDEFS_STRUCT, "not_yet");
	CHECK(declared && declared->incomplete && declared == cdefs_type("struct not_yet"));
	CHECK(!cdefs_declared_type(CDEFS_UNION, "defined"));
}

static void preprocessor(void)
{
	CHECK(read_c("#define LEN 16\n"
		     "#define TWICE(x) ((x) * 2)\n"
		     "#define SUM(a, ...) (a + __VA_ARGS__)\n"
		     "#define FLAGS (1 << 3 | 1)\n"
		     "#define NOT_A_NUMBER \"text\"\n"
		     "#define SELF SELF\n"
		     "#if defined(LEN) && LEN > 8 && !defined NOPE\n"
		     "struct a { char buf[LEN]; char two[TWICE(3)]; char s[SUM(1, 2)]; };\n"
		     "#elif 1\n"
		     "#error not here\n"
		     "#else\n"
		     "this is not C {{\n"
		     "#endif\n"
		     "#ifdef NOPE\n"
		     "#error not here either\n"
		     "#endif\n"
		     "#ifndef NOPE\n"
		     "# if 0 /* nested, skipped */\n"
		     "#  error no\n"
		     "# endif\n"
		     "struct b { int x; \\\n"
		     "   int y; };\n"
		     "#endif\n"
		     "#undef LEN\n"
		     "#pragma once\n"
		     "#ifdef __x86_64__\n"
		     "enum { ON_X86 = 1 };\n"
		     "#endif\n"));
	CHECK(size_of("struct a") == 25 && offset_of("struct a", "s") == 22);
	CHECK(size_of("struct b") == 8);
	long long v;
	CHECK(cdefs_macro_value("FLAGS", &v) && v == 9);
	CHECK(cdefs_macro_value("TWICE", &v) == false); /* has parameters */
	CHECK(!cdefs_macro_value("LEN", &v) && !cdefs_is_macro("LEN")); /* undefined again */
	CHECK(!cdefs_macro_value("NOT_A_NUMBER", &v) && cdefs_is_macro("NOT_A_NUMBER"));
	CHECK(!cdefs_macro_value("SELF", &v)); /* not expanded inside itself: no number */
	CHECK(cdefs_enum_value("ON_X86", &v) && v == 1);

	/* constant expressions: casts, sizeof, chars, unsigned arithmetic */
	CHECK(read_c("struct t { char a[sizeof(long) + (unsigned char)257 + 'A' - 64]; char b[-1U > 0 ? 2 : 3];"
		     " char c[(1 ? 5 : 6) % 3 << 1]; char d[0x10 | 0b1 | 010]; char e[_Alignof(long long)]; };\n"));
	CHECK(offset_of("struct t", "b") == 10 && offset_of("struct t", "c") == 12 && offset_of("struct t", "d") == 16 &&
	      offset_of("struct t", "e") == 41 && size_of("struct t") == 49);

	/* a user's header, found beside the script or in a -I directory */
	char dir[] = "/tmp/lantern-cdefs-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[128];
	snprintf(path, sizeof(path), "%s/h.h", dir);
	FILE *f = fopen(path, "w");
	fputs("#pragma once\nstruct from_header { long a; char b; };\n", f);
	fclose(f);
	const char *dirs[] = { dir };
	struct cdefs_options o = { .include_dirs = dirs, .ninclude_dirs = 1 };
	cdefs_set_options(&o);
	CHECK(read_c("#include <h.h>\n#include \"h.h\"\n#include <linux/sched.h>\nstruct x { struct from_header h; };\n"));
	CHECK(size_of("struct x") == 16);
	cdefs_set_options(NULL);
	CHECK(!read_c("#include \"h.h\"\n"));
	CHECK_CONTAINS(messages, "defs.h:1:10-15: ERROR: cannot find the header \"h.h\" (looked in .)");
	/* an error inside a header is located there */
	f = fopen(path, "w");
	fputs("struct bad {\n  int x;\n  what_t d;\n};\n", f);
	fclose(f);
	cdefs_set_options(&o);
	CHECK(!read_c("#include \"h.h\"\n"));
	CHECK_CONTAINS(messages, "/h.h:3:3-9: ERROR: unknown type 'what_t'");
	cdefs_set_options(NULL);
	unlink(path);
	rmdir(dir);
}

static void refused_c(const char *text, const char *expect)
{
	CHECK(!read_c(text));
	CHECK_CONTAINS(messages, expect);
}

static void c_errors(void)
{
	refused_c("struct a { int x; in y; };", "defs.h:1:19-21: ERROR: unknown type 'in'\nstruct a { int x; in y; };\n"
					    "                  ~~\n");
	refused_c("struct a { int x; };\nstruct a { int y; };", "defs.h:2:8-9: ERROR: struct a is defined twice (first at 1:8)");
	refused_c("struct a { int x; };\nunion a *p;", "defs.h:2:7-8: ERROR: 'a' is a struct (at 1:8), not a union");
	refused_c("struct a { int x:40; };", "the width of bitfield x (int32) must be between 0 and 32, not 40");
	refused_c("struct a { int x:0; };", "bitfield 'x' has no bits");
	refused_c("struct a { char *p:3; };", "bitfield 'p' must be an integer, not char *");
	refused_c("struct a { struct b b; };", "member 'b' has type struct b, which is declared but not defined");
	refused_c("struct a { void v; };", "member 'v' has type void");
	refused_c("struct a { int f(int); };", "member 'f' is a function");
	refused_c("struct a { int x; int x; };", "defs.h:1:23-24: ERROR: struct a has two members named 'x'");
	refused_c("struct a { char c[N]; };", "defs.h:1:19-20: ERROR: 'N' is not a constant here");
	refused_c("struct a { char c[-1]; };", "an array's length must be between 0 and");
	refused_c("struct a { char c[1/0]; };", "division by zero");
	refused_c("struct a { int x; ", "defs.h:1:10-11: ERROR: this '{' of struct a has no '}'");
	refused_c("enum e { A, B, A };", "defs.h:1:16-17: ERROR: enum constant A is defined twice (first at 1:10)");
	refused_c("typedef int t;\ntypedef long t;", "defs.h:2:14-15: ERROR: typedef t is defined twice (first at 1:13)");
	refused_c("typedef int t", "defs.h:1:14-15: ERROR: expected ';' after the declaration of t");
	refused_c("struct a { char c[3]; } __attribute__((aligned(3)));", "an alignment must be a power of 2, not 3");
	refused_c("struct a { unsigned long long short x; };", "these type names do not make a type");
	refused_c("int x @ y;", "defs.h:1:7-2: ERROR: unexpected character '@' in C definitions");
	refused_c("/* open", "defs.h:1:1-2: ERROR: unterminated comment");
	/* directives */
	refused_c("#if 1\nstruct a { int x; };\n", "defs.h:1:1-4: ERROR: this #if has no #endif");
	refused_c("#endif\n", "#endif without #if");
	refused_c("#error stop here\n", "defs.h:1:1-7: ERROR: #error stop here");
	refused_c("#frobnicate\n", "unknown directive #frobnicate");
	refused_c("#if\n#endif\n", "#if needs an expression");
	refused_c("#define T(a) a\nstruct a { char c[T(1, 2)]; };", "defs.h:2:19-20: ERROR: macro T takes 1 argument, 2 given");
	refused_c("#define CAT(a, b) a ## b\nstruct a { char c[CAT(1, 2)]; };", "the # and ## operators are not supported yet");
	refused_c("#define BAD (1 +)\nstruct a { char c[BAD]; };", "defs.h:2:19-22: ERROR: expected a constant expression, found ')'");
	CHECK_CONTAINS(messages, "defs.h:1:9-12: HINT: in the expansion of macro BAD, defined here");
	refused_c("#pragma pack(1)\n", "#pragma pack is not supported yet");
	refused_c("#include nothing\n", "#include takes \"file\" or <file>");
}

/* What scripts see: the lexer's chunks, sizeof and offsetof, constants. */
static void refused(const char *program, const char *expect)
{
	int ok;
	const char *out = front_end(program, &ok, 0, NULL);
	CHECK(!ok);
	CHECK_CONTAINS(out, expect);
}

static void scripts(void)
{
	/* C definitions as the lexer takes them: ';' optional after a struct,
	 * attributes and comments after its '}', between probes too */
	const char *ast = parse_dump("struct Foo { int m; int n; } interval:s:1 { }");
	CHECK_CONTAINS(ast, "program\n  cdefs struct Foo { int m; int n; }\n  probe\n");
	ast = parse_dump("struct A { int x; } /* c */ __attribute__ /* d */ ((packed)) /**/ BEGIN { }\n"
			 "BEGIN { } typedef struct { int y; } b_t; END { }\n"
			 "#define X 1\n#if 0\nanything { at all\n#endif\nEND { }");
	CHECK_CONTAINS(ast, "  cdefs struct A { int x; } /* c */ __attribute__ /* d */ ((packed)) /**/\n"
			    "  cdefs typedef struct { int y; } b_t;\n  cdefs #define X 1\n  cdefs #if 0\n");
	check_accepted("struct Foo { int m; int n; } BEGIN { @a = sizeof(struct Foo); @b = offsetof(struct Foo, n); }");
	check_accepted("struct bar { int x; char y; int z; } __attribute__((packed)) BEGIN { @ = sizeof(struct bar); }");
	check_accepted("typedef struct { int a[4]; struct { short s; } in; } t_t; BEGIN { @ = sizeof(t_t) + offsetof(t_t, in.s); }");
	check_accepted("BEGIN { @a = sizeof(uint32) + sizeof(int32_t) + sizeof(unsigned long) + sizeof(char *) + sizeof(u8 **); }");
	check_accepted("BEGIN { $x = 1; @a = sizeof($x) + sizeof(comm) + sizeof((1, \"ab\")); }");
	check_accepted("enum e8 { K }; struct s8 { int u32; } BEGIN { @ = sizeof(struct s8) + offsetof(struct s8, u32) + sizeof(enum e8); }");

	/* sizeof and offsetof are constants: uint64, sizeof's operand typed, not run */
	int ok;
	const char *out = front_end_dump("struct A { char c; long l; } BEGIN { @ = offsetof(struct A, l) + sizeof(struct A); }",
					 "types", &ok);
	CHECK(ok);
	CHECK_CONTAINS(out, "call offsetof :: uint64\n");
	CHECK_CONTAINS(out, "type struct A :: struct A\n");

	/* constants: #define'd integers and enum constants become literals;
	 * builtins keep their names */
	out = front_end_dump("#define LIMIT (10 * 3)\nenum state { RUNNING, SLEEPING = 4, pid };\n"
			     "BEGIN { @a = LIMIT; if (@a == SLEEPING) { @b = RUNNING; } @c = pid; }", "cdefs", &ok);
	CHECK(ok);
	CHECK_CONTAINS(out, "assign\n        map @a\n        int 30\n");
	CHECK_CONTAINS(out, "binop ==\n          map @a\n          int 4\n");
	CHECK_CONTAINS(out, "map @c\n        builtin pid\n");
	check_accepted("#define LEN 8\nBEGIN { @s = str(\"abcdefghijkl\", LEN); }"); /* a constant where one must be */

	/* errors, located in the script */
	refused("struct Foo {\n  int x\n  int y;\n} BEGIN { }", "stdin:2:8-9: ERROR: expected ';' after member 'x', before 'int'\n"
								  "  int x\n       ~\n");
	refused("BEGIN { @ = sizeof(struct Foo); }", "stdin:1:20-30: ERROR: unknown type 'struct Foo'\n");
	refused("BEGIN { @ = sizeof(foo_t); }", "stdin:1:20-25: ERROR: unknown identifier 'foo_t'");
	refused("BEGIN { @ = (struct Foo *)0; }", "unknown type 'struct Foo'");
	refused("BEGIN { let $v: void; }", "void is no value's type");
	refused("struct A; BEGIN { @ = sizeof(struct A); }", "struct A is declared but not defined");
	refused("struct A { int x; } BEGIN { @ = offsetof(struct A, y); }", "stdin:1:52-53: ERROR: struct A has no member y");
	refused("struct A { int x:3; } BEGIN { @ = offsetof(struct A, x); }", "x is a bitfield: it has no byte offset");
	refused("struct A { struct { int q; } in; } BEGIN { @ = offsetof(struct A, in.r); }",
		"in (struct (anonymous)) has no member r");
	refused("BEGIN { $x = 1; @ = offsetof($x, a); }", "stdin:1:34-35: ERROR: int64 is no struct: it has no member a");
	refused("#define S 1 +\nBEGIN { @ = S; }", "stdin:2:13-14: ERROR: S is a #define, but not of an integer or a string constant");
	refused("#define F(x) x\nBEGIN { @ = F(1); }", "F is a C macro: macros with parameters are not supported in a script yet");
	refused("struct A { int x; };", "the script has no probe: C definitions alone do nothing");
	refused("typedef int x_t BEGIN { }", "stdin:1:16-17: ERROR: expected ';' after the declaration of x_t, before 'BEGIN'");
}

void test_cdefs(void)
{
	layouts();
	names();
	preprocessor();
	c_errors();
	scripts();
	cdefs_reset();
	arena_free_all();
}
