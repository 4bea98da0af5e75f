#include "bpf_image.h"

#include "../compiler/arena.h"
#include "../compiler/diag.h"
#include "../probes/provider.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* long uprobe paths make long names: the kernel keeps 15 bytes anyway,
 * BTF (which bpftool shows) all of them */
#define PROGRAM_NAME_MAX 96

static const char *name_for(const char *what, int id)
{
	char name[PROGRAM_NAME_MAX + 16];
	size_t n = 0;
	for (const char *c = what; *c && n < PROGRAM_NAME_MAX; c++)
		name[n++] = isalnum((unsigned char)*c) ? *c : '_';
	snprintf(name + n, sizeof(name) - n, "_%d", id + 1);
	return arena_strdup(name);
}

void program_names_assign(struct program *p)
{
	bool *shared = arena_alloc(sizeof(*shared) * (size_t)(p->nprobes + 1));
	for (int i = 0; i < p->nprobes; i++)
		if (p->probes[i].program != i)
			shared[p->probes[i].program] = true;
	for (int i = 0; i < p->nprobes; i++) {
		struct probe_instance *inst = &p->probes[i];
		const char *written = shared[i] ? diag_loc_text(inst->ap->loc) : NULL;
		inst->program_name = name_for(written ? written : inst->ap->name, i);
	}
}

const char *program_name(const struct program *p, int id)
{
	return p->probes[id].program_name;
}

int program_number(const struct program *p, const char *name, const char *end)
{
	const char *digits = end;
	while (digits > name && isdigit((unsigned char)digits[-1]))
		digits--;
	if (digits == end || digits == name || digits[-1] != '_')
		return -1;
	int id = atoi(digits) - 1;
	const char *own = id >= 0 && id < p->nprobes ? p->probes[id].program_name : NULL;
	return own && strlen(own) == (size_t)(end - name) && !memcmp(own, name, (size_t)(end - name)) ? id : -1;
}

const char *map_global_name(const struct map_info *m)
{
	/* "@start" -> "AT_start"; "@" -> "AT_" */
	return arena_printf("AT_%s", m->name + 1);
}
