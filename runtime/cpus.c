#include "cpus.h"

#include <stdio.h>
#include <stdlib.h>

#include <bpf/libbpf.h>

int runtime_possible_cpus(void)
{
	static int n;
	if (!n)
		n = libbpf_num_possible_cpus();
	return n > 0 ? n : 1;
}

/* A list of ids and ranges: "0", "0-3", "0-3,8-11". */
int cpu_id_limit_of(const char *possible)
{
	const char *p = possible;
	long limit = 0;
	for (;;) {
		char *end;
		long first = strtol(p, &end, 10), last = first;
		if (end == p || first < 0)
			return 0;
		p = end;
		if (*p == '-') {
			last = strtol(p + 1, &end, 10);
			if (end == p + 1 || last < first)
				return 0;
			p = end;
		}
		if (last + 1 > limit)
			limit = last + 1;
		if (*p != ',')
			break;
		p++;
	}
	return (*p == '\n' || *p == '\0') && limit <= 1 << 20 ? (int)limit : 0;
}

int runtime_cpu_id_limit(void)
{
	char text[4096];
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	if (f)
		fclose(f);
	text[n] = '\0';
	return cpu_id_limit_of(text);
}
