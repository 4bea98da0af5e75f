/* A table from names to pointers, in the compilation's arena: the C
 * definitions' tags, typedefs and macros, the kernel's types by name.
 * A zeroed struct is an empty table. */
#ifndef LANTERN_NAME_TABLE_H
#define LANTERN_NAME_TABLE_H

struct name_entry {
	const char *name; /* NULL: a free slot */
	void *value;
};

struct name_table {
	struct name_entry *slots;
	int cap, n;
};

/* The value put under name, or NULL. */
void *name_table_get(const struct name_table *t, const char *name);
/* Puts (or replaces) name's value; name must live as long as the table. */
void name_table_put(struct name_table *t, const char *name, void *value);

#endif
