/* The context names of probes whose programs get struct pt_regs
 * (kprobes, uprobes): argN and retval, where the host's calling
 * convention puts them (arch.h). */
#ifndef LANTERN_REGISTERS_H
#define LANTERN_REGISTERS_H
#include "provider.h"

/* arg0..argN, those passed in registers; NULL for any other name. */
const struct probe_field *register_arg(const char *name);
/* retval; NULL for any other name. */
const struct probe_field *register_retval(const char *name);

#endif
