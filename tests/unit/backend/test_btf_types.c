/* runtime/btf_types.c on BTF built here: what the C definitions' registry
 * gets for names the script does not define. A struct behind a pointer is
 * read only when its members are asked for. */
#include <bpf/btf.h>

#include "../../../compiler/arena.h"
#include "../../../compiler/cdefs.h"
#include "../../../runtime/btf_types.h"
#include "unit_backend.h"

/* struct task { int pid; char comm[16]; struct mm *mm; union { long a; int b; };
 *               unsigned int flag:1, state:3; const volatile pid_t tgid; };
 * struct mm { struct task *owner; long count; }; typedef int pid_t;
 * enum kind { K_ONE = 1, K_TWO = -2 }; */
static struct btf *example(void)
{
	struct btf *b = btf__new_empty();
	int i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	int u32 = btf__add_int(b, "unsigned int", 4, 0);
	int i64 = btf__add_int(b, "long", 8, BTF_INT_SIGNED);
	int chr = btf__add_int(b, "char", 1, 0); /* as pahole writes it: no CHAR flag */
	int comm = btf__add_array(b, u32, chr, 16);
	int pid_t = btf__add_typedef(b, "pid_t", i32);
	int cv = btf__add_volatile(b, btf__add_const(b, pid_t));
	int mm = btf__add_struct(b, "mm", 16);
	int mm_ptr = btf__add_ptr(b, mm);
	int anon = btf__add_union(b, NULL, 8);
	btf__add_field(b, "a", i64, 0, 0);
	btf__add_field(b, "b", i32, 0, 0);
	int task = btf__add_struct(b, "task", 48);
	btf__add_field(b, "pid", i32, 0, 0);
	btf__add_field(b, "comm", comm, 32, 0);
	btf__add_field(b, "mm", mm_ptr, 20 * 8, 0);
	btf__add_field(b, NULL, anon, 28 * 8 + 32, 0);
	btf__add_field(b, "flag", u32, 40 * 8, 1);
	btf__add_field(b, "state", u32, 40 * 8 + 1, 3);
	btf__add_field(b, "tgid", cv, 44 * 8, 0);
	btf__add_enum(b, "kind", 4);
	btf__add_enum_value(b, "K_ONE", 1);
	btf__add_enum_value(b, "K_TWO", -2);
	/* a struct with a pointer to task: the pointee known by name */
	int task_ptr = btf__add_ptr(b, task); /* fields must follow their struct */
	btf__add_struct(b, "owner_of", 8);
	btf__add_field(b, "task", task_ptr, 0, 0);
	/* long read_task(struct task *t, pid_t n); void forget(int) */
	int proto = btf__add_func_proto(b, i64);
	btf__add_func_param(b, "t", task_ptr);
	btf__add_func_param(b, "n", pid_t);
	btf__add_func(b, "read_task", BTF_FUNC_GLOBAL, proto);
	int void_proto = btf__add_func_proto(b, 0);
	btf__add_func_param(b, NULL, i32);
	btf__add_func(b, "forget", BTF_FUNC_STATIC, void_proto);
	(void)mm;
	return b;
}

void test_btf_types(void)
{
	struct btf *b = example();
	CHECK(b != NULL);
	btf_types_use(b);
	cdefs_set_kernel(&btf_kernel_types);
	cdefs_reset();

	const struct type *t = cdefs_type("struct task");
	CHECK(t && t->kind == TY_STRUCT && t->size == 48 && !strcmp(t->name, "task"));
	const struct type_member *m = type_member(t, "comm");
	CHECK(m && m->offset == 4 && m->type->kind == TY_STR && m->type->size == 16); /* char[16]: a string */
	/* the anonymous union's members are task's */
	CHECK(type_member(t, "a") && type_member(t, "a")->offset == 32 && type_member(t, "b")->offset == 32);
	/* bitfields, qualifiers and typedefs */
	m = type_member(t, "state");
	CHECK(m && m->offset == 40 && m->bit_offset == 1 && m->bit_width == 3 && !m->type->is_signed);
	m = type_member(t, "tgid");
	CHECK(m && m->offset == 44 && m->type == type_int_sized(4, true));
	CHECK(cdefs_type("pid_t") == type_int_sized(4, true));
	/* a pointee: incomplete until its members are wanted */
	const struct type *p = type_member(t, "mm")->type;
	CHECK(p->kind == TY_PTR && p->pointee->kind == TY_STRUCT && p->pointee->size == 16);
	/* the script's struct pointing at the kernel's */
	CHECK(cdefs_parse("struct mine { struct owner_of *o; struct task t; };",
			  (struct loc){ 0 }, "."));
	const struct type *mine = cdefs_type("struct mine");
	/* (a copy of the kernel's: the script had declared it first) */
	CHECK(mine && mine->size == 56 && type_equal(type_member(mine, "t")->type, t));
	const struct type *owner = type_member(mine, "o")->type->pointee;
	CHECK(owner->incomplete && owner->size == 0);
	CHECK(type_member(owner, "task") && !owner->incomplete && owner->size == 8); /* read from BTF now */
	CHECK(type_member(owner, "task") && type_member(owner, "task")->type->pointee == t);
	/* enum constants and enum types */
	long long v;
	CHECK(cdefs_enum_value("K_TWO", &v) && v == -2);
	CHECK(cdefs_type("enum kind") && cdefs_type("enum kind")->size == 4);
	CHECK(!cdefs_type("struct nope") && !cdefs_enum_value("K_THREE", &v));
	/* function prototypes: fentry's args, fexit's retval */
	bool known;
	const struct cdefs_function *f = cdefs_kernel_function("vmlinux", "read_task", &known);
	CHECK(known && f && f->nparams == 2 && f->ret == type_int_sized(8, true));
	CHECK(f && !strcmp(f->params[0].name, "t") && f->params[0].type->kind == TY_PTR &&
	      f->params[0].type->pointee == t);
	CHECK(f && !strcmp(f->params[1].name, "n") && f->params[1].type == type_int_sized(4, true));
	f = cdefs_kernel_function("vmlinux", "forget", &known);
	CHECK(f && f->nparams == 1 && !f->params[0].name && f->ret->kind == TY_VOID);
	CHECK(!cdefs_kernel_function("vmlinux", "nope", &known) && known);
	CHECK(cdefs_kernel_function("vmlinux", "read_task", &known) ==
	      cdefs_kernel_function("vmlinux", "read_task", &known)); /* asked once */

	btf_types_use(NULL);
	cdefs_set_kernel(NULL);
	cdefs_reset();
	arena_free_all();
	btf__free(b);
}
