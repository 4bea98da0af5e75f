/* The machine's CPUs as per-CPU data sees them. */
#ifndef LANTERN_CPUS_H
#define LANTERN_CPUS_H

/* How many CPUs may ever run (a per-CPU map value has a copy for each,
 * in order); at least 1. */
int runtime_possible_cpus(void);

/* The highest id a CPU may ever have, plus one: CPU slots are indexed by
 * id, and ids can have gaps ("0-3,8-11"). 0 when unknown. */
int runtime_cpu_id_limit(void);

/* The same from the text of /sys/devices/system/cpu/possible. */
int cpu_id_limit_of(const char *possible);

#endif
