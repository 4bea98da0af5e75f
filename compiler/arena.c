#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

static struct chunk *head;
static unsigned long epoch = 1;

void *arena_alloc(size_t size)
{
	size = (size + 15) & ~(size_t)15;
	if (!head || head->used + size > head->cap) {
		size_t cap = size > 65536 ? size : 65536;
		struct chunk *c = malloc(sizeof(*c) + cap);
		if (!c) {
			fputs("ERROR: out of memory\n", stderr);
			abort();
		}
		c->next = head;
		c->used = 0;
		c->cap = cap;
		head = c;
	}
	void *p = head->data + head->used;
	head->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(const char *s, size_t n)
{
	char *p = arena_alloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(const char *s)
{
	return arena_strndup(s, strlen(s));
}

char *arena_printf(const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	char first[256]; /* most texts fit: formatted once, then copied */
	int n = vsnprintf(first, sizeof(first), fmt, ap);
	va_end(ap);
	char *p = arena_alloc((size_t)n + 1);
	if ((size_t)n < sizeof(first))
		memcpy(p, first, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void *arena_grow(void *items, int n, int *cap, size_t elem_size)
{
	if (n < *cap)
		return items;
	*cap = *cap ? *cap * 2 : 8;
	void *grown = arena_alloc(elem_size * (size_t)*cap);
	if (n)
		memcpy(grown, items, elem_size * (size_t)n);
	return grown;
}

void arena_free_all(void)
{
	epoch++;
	while (head) {
		struct chunk *next = head->next;
		free(head);
		head = next;
	}
}

unsigned long arena_epoch(void)
{
	return epoch;
}
