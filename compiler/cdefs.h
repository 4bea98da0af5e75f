/* C definitions: what a script defines in C at its top level (struct,
 * union, enum, typedef, #define, #include), as bpftrace reads them with
 * clang, read here by lantern's own small C parser (compiler/c_*.c) into
 * lantern's types. Names the script does not define are looked up in the
 * kernel's BTF (runtime/btf_types.c), only when one is missing.
 *
 * The registry lives as long as one compilation (its arena): the cdefs
 * pass (pass_cdefs.c) resets it, then reads the script's C text. */
#ifndef LANTERN_CDEFS_H
#define LANTERN_CDEFS_H
#include <stdbool.h>

#include "diag.h"
#include "types.h"

/* -I DIR and --include FILE. */
struct cdefs_options {
	const char *const *include_dirs;
	int ninclude_dirs;
	const char *const *include_files; /* read before the script, as #include "FILE" */
	int ninclude_files;
};

/* Kept by pointer: o must outlive the compilations. NULL: none. */
void cdefs_set_options(const struct cdefs_options *o);

/* Where the names the script does not define come from: the kernel's
 * BTF in the binary (runtime/btf_types.c), nothing in the front-end-only
 * build. Each returns NULL (false) when the kernel has no such name. */
enum cdefs_tag_kind { CDEFS_STRUCT, CDEFS_UNION, CDEFS_ENUM };

/* A kernel function's prototype (fentry's args, fexit's retval). */
struct cdefs_param {
	const char *name;
	const struct type *type;
};
struct cdefs_function {
	const struct cdefs_param *params;
	int nparams;
	const struct type *ret; /* TYPE_VOID when it returns nothing */
	bool variadic;          /* ends with `...` */
};

struct cdefs_kernel {
	/* a struct's, union's or enum's type, complete (its members read) */
	const struct type *(*tag)(enum cdefs_tag_kind kind, const char *name);
	const struct type *(*typedef_type)(const char *name);
	bool (*enum_value)(const char *name, long long *value);
	const struct type *(*enum_type)(const char *name); /* an enum constant's enum */
	/* a function of the kernel ("vmlinux") or of a loaded module */
	const struct cdefs_function *(*function)(const char *module, const char *name);
	/* the BTF id of function name, or 0; with kfunc, only if its BTF
	 * tags it bpf_kfunc (where the BTF tags any) */
	int (*function_id)(const char *name, bool kfunc);
	/* the type of the kernel's per-CPU variable name (percpu_kaddr), or NULL */
	const struct type *(*percpu_variable)(const char *name);
	/* emits the name of every struct whose name starts with prefix */
	void (*struct_names)(const char *prefix, void (*emit)(void *ctx, const char *name), void *ctx);
	/* forgets the types made in the arena being freed */
	void (*reset)(void);
};
void cdefs_set_kernel(const struct cdefs_kernel *k);

/* Forgets everything defined (a new compilation). */
void cdefs_reset(void);
/* Reads C text (a chunk of the script captured by the lexer) that starts
 * at place at; a quoted #include is looked for in dir first. Returns
 * false after reporting located errors. */
bool cdefs_parse(const char *text, struct loc at, const char *dir);
/* The --include files (cdefs_options), each as #include "FILE" from the
 * current directory; a header found nowhere is a system or kernel one
 * (accepted, as #include <FILE>). */
bool cdefs_read_include_files(void);

/* The type a name names, or NULL: "struct A", "union U", "enum E", a
 * typedef name, a C base type ("int", "unsigned long long", "char",
 * "void", "bool") or one of the usual typedefs ("int32_t", "u32",
 * "__u64", "size_t"). The script's definitions come first, then the
 * kernel's. A struct only declared (struct A;) that the kernel does not
 * define either is returned incomplete (t->incomplete). */
const struct type *cdefs_type(const char *name);
/* Whether the script (or an --include header) defines name: "struct A"
 * with its members, "union U", "enum E", or a typedef. Its definitions
 * come before a probe's own types (a uprobe binary's DWARF). */
bool cdefs_script_defines(const char *name);
/* Whether name is a C base type ("int", "unsigned long"). */
bool cdefs_is_base_type(const char *name);
/* The struct or union the script defines under name, or else one
 * declared here, incomplete, whose members are read from the kernel's
 * BTF when they are wanted (type_complete): a builtin's pointee
 * (curtask's struct task_struct) costs nothing until it is used. */
const struct type *cdefs_declared_type(enum cdefs_tag_kind kind, const char *name);
/* An enum constant: the script's, then the kernel's. */
bool cdefs_enum_value(const char *name, long long *value);
/* The enum an enum constant belongs to (its type, with its
 * enumerators), or NULL. */
const struct type *cdefs_enum_type(const char *name);
/* The prototype of kernel function name in module ("vmlinux": the
 * kernel's own), from the kernel's BTF; NULL when the BTF has none.
 * *known is false when there is no kernel to ask (the front-end-only
 * build), and then NULL says nothing. */
const struct cdefs_function *cdefs_kernel_function(const char *module, const char *name, bool *known);
/* The BTF id of the kernel's kfunc name (a function its BTF tags
 * bpf_kfunc), or 0 when it has none; *known is false when there is no
 * kernel to ask. */
int cdefs_kernel_kfunc_id(const char *name, bool *known);
/* The BTF id of the kernel's function name (any), or 0. */
int cdefs_kernel_function_id(const char *name);
/* The type of the kernel's per-CPU variable name (in its BTF's
 * .data..percpu), or NULL; *known is false when there is no kernel to ask. */
const struct type *cdefs_kernel_percpu_variable(const char *name, bool *known);
/* Emits the names of the kernel's structs that start with prefix
 * (bpf_iter__: the iterators); nothing without a kernel to ask. */
void cdefs_kernel_struct_names(const char *prefix, void (*emit)(void *ctx, const char *name), void *ctx);
/* Whether t is a C floating-point type (which lantern holds as its bytes):
 * JSON prints it as null, as bpftrace prints a value it has no type for. */
bool cdefs_is_float(const struct type *t);
/* An object-like #define whose body is an integer constant expression. */
bool cdefs_macro_value(const char *name, long long *value);
/* A #define of that name, whatever its body. */
/* A #define of a string literal ("..." "..."): its bytes, escapes
 * decoded, and their length. */
bool cdefs_macro_string(const char *name, const char **bytes, int *len);
bool cdefs_is_macro(const char *name);

#endif
