/* "Did you mean" hints: the names nearest a misspelt one, by edit
 * distance, among candidates offered one by one. */
#ifndef LANTERN_SPELLING_H
#define LANTERN_SPELLING_H

#define NEAREST_SHOWN 3

struct nearest {
	const char *name; /* the misspelt one */
	int limit;        /* farther than this is no hint */
	const char *best[NEAREST_SHOWN];
	int dist[NEAREST_SHOWN];
	int n;
};

void nearest_begin(struct nearest *nr, const char *name);
void nearest_offer(struct nearest *nr, const char *candidate);
/* " (did you mean x or y?)", or "" when nothing was near. */
const char *nearest_hint(const struct nearest *nr);

#endif
