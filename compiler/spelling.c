#include "spelling.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* Levenshtein distance, or limit + 1 once it must be past limit. */
static int edit_distance(const char *a, const char *b, int limit)
{
	int la = (int)strlen(a), lb = (int)strlen(b);
	if (abs(la - lb) > limit || lb > 255)
		return limit + 1;
	int row[256];
	for (int j = 0; j <= lb; j++)
		row[j] = j;
	for (int i = 1; i <= la; i++) {
		int diag = row[0], best = row[0] = i;
		for (int j = 1; j <= lb; j++) {
			int up = row[j];
			int v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
}

/* b is a with two neighbouring letters swapped (pdi, pid): one slip */
static bool swapped(const char *a, const char *b)
{
	size_t n = strlen(a), i = 0;
	if (n != strlen(b))
		return false;
	while (i < n && a[i] == b[i])
		i++;
	return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && !strcmp(a + i + 2, b + i + 2);
}

void nearest_begin(struct nearest *nr, const char *name)
{
	*nr = (struct nearest){ .name = name, .limit = (int)strlen(name) / 4 + 1 };
}

void nearest_offer(struct nearest *nr, const char *candidate)
{
	if (!strcmp(candidate, nr->name))
		return;
	int d = swapped(nr->name, candidate) ? 1 : edit_distance(nr->name, candidate, nr->limit);
	if (d > nr->limit || (nr->n == NEAREST_SHOWN && d >= nr->dist[nr->n - 1]))
		return;
	for (int i = 0; i < nr->n; i++)
		if (!strcmp(nr->best[i], candidate))
			return;
	/* in order of distance, the farthest falling off */
	int at = nr->n < NEAREST_SHOWN ? nr->n++ : NEAREST_SHOWN - 1;
	for (; at > 0 && nr->dist[at - 1] > d; at--) {
		nr->best[at] = nr->best[at - 1];
		nr->dist[at] = nr->dist[at - 1];
	}
	nr->best[at] = candidate;
	nr->dist[at] = d;
}

const char *nearest_hint(const struct nearest *nr)
{
	if (!nr->n)
		return "";
	const char *s = nr->best[0];
	for (int i = 1; i < nr->n; i++)
		s = arena_printf("%s%s%s", s, i == nr->n - 1 ? " or " : ", ", nr->best[i]);
	return arena_printf(" (did you mean %s?)", s);
}
