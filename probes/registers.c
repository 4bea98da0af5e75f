/* argN and retval as fields of struct pt_regs. */
#include "registers.h"

#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "arch.h"

static const struct probe_field *register_field(const char *name, int offset)
{
	struct probe_field *f = arena_alloc(sizeof(*f));
	*f = (struct probe_field){ .name = name, .offset = offset, .size = 8, .type = type_int(false),
				   .access = CTX_INT };
	return f;
}

const struct probe_field *register_arg(const char *name)
{
	const char *digits = name + 3;
	if (strncmp(name, "arg", 3) || !*digits || strspn(digits, "0123456789") != strlen(digits) ||
	    (digits[0] == '0' && digits[1]) || strlen(digits) > 3)
		return NULL;
	int offset = arch_arg_offset(atoi(digits));
	return offset < 0 ? NULL : register_field(name, offset);
}

const struct probe_field *register_retval(const char *name)
{
	return !strcmp(name, "retval") && arch_host.ret >= 0 ? register_field(name, arch_host.ret) : NULL;
}
