/* tseries values as bpftrace 0.26 prints them (src/output/text.cpp's time
 * series chart): the intervals from the first this value has, up to the
 * latest of the map's (num_intervals at most), a row each with its start
 * time, a point between the minimum and the maximum (and a '.' at zero
 * when the range spans it), and the value ("-" for an interval without
 * one). Times are CLOCK_TAI, taken as the wall clock as nsecs(tai) is:
 * local in the chart, UTC in JSON ("1970-01-01 00:00:00.500000000"), as
 * bpftrace 0.26 writes them. */
#include "output.h"

#include <limits.h>
#include <string.h>
#include <time.h>

#define GRAPH_WIDTH 53
#define LABEL_PADDING 21

/* The epochs a value shows, [*first, last]; false if it has none there. */
static bool shown_range(const struct aggregate *a, const unsigned long long *v, unsigned long long last,
			unsigned long long *first)
{
	unsigned long long from = last >= (unsigned long long)a->intervals ? last - (unsigned long long)a->intervals + 1 : 1;
	long long x;
	for (unsigned long long e = from; e <= last; e++) {
		if (a->kind->tseries_point(a, v, e, &x)) {
			*first = e;
			return true;
		}
	}
	return false;
}

unsigned long long output_tseries_last(const struct map_snapshot *s)
{
	unsigned long long last = 0;
	for (int i = 0; i < s->n; i++) {
		unsigned long long e = (unsigned long long)s->m->agg.kind->number(&s->m->agg, s->entries[i].value);
		if (e > last)
			last = e;
	}
	return last;
}

/* bpftrace's DisplayUnit: the digits of a second's fraction shown */
static int unit_digits(unsigned long long interval_ns)
{
	return interval_ns >= 1000000000ULL ? 0 : interval_ns >= 1000000ULL ? 3 : interval_ns >= 1000ULL ? 6 : 9;
}

static const char *unit_name(int digits)
{
	return digits == 3 ? "ms" : digits == 6 ? "\xce\xbcs" : "ns"; /* μs, as bpftrace writes it */
}

/* ns as fmt shows it (local time, or UTC), then digits of the second's
 * fraction. Time 0 is 1970's first second, not "no time" as for strftime(). */
static void write_time(FILE *out, const char *fmt, bool utc, unsigned long long ns, int digits)
{
	time_t secs = (time_t)(ns / 1000000000ULL);
	struct tm tm;
	char text[64];
	if (!(utc ? gmtime_r(&secs, &tm) : localtime_r(&secs, &tm)) || !strftime(text, sizeof text, fmt, &tm))
		text[0] = 0;
	fputs(text, out);
	unsigned long long frac = ns % 1000000000ULL;
	for (int d = digits; d < 9; d++)
		frac /= 10;
	if (digits)
		fprintf(out, ".%0*llu", digits, frac);
}

static void write_number(FILE *out, long long v, bool is_signed, int width, bool left)
{
	char text[32];
	snprintf(text, sizeof text, is_signed ? "%lld" : "%llu", v);
	fprintf(out, left ? "%-*s" : "%*s", width, text);
}

/* how far b is past a, as bpftrace's distance() (signed or not) */
static long long distance(long long a, long long b, bool is_signed)
{
	return is_signed ? b - a : (long long)((unsigned long long)b - (unsigned long long)a);
}

static bool less(long long a, long long b, bool is_signed)
{
	return is_signed ? a < b : (unsigned long long)a < (unsigned long long)b;
}

void output_write_tseries(FILE *out, const struct aggregate *a, const unsigned long long *v, unsigned long long last)
{
	unsigned long long first;
	if (!shown_range(a, v, last, &first)) {
		fputs("<no data>", out);
		return;
	}
	bool s = a->is_signed;
	long long x, min, max;
	a->kind->tseries_point(a, v, first, &min);
	max = min;
	for (unsigned long long e = first; e <= last; e++) {
		if (!a->kind->tseries_point(a, v, e, &x))
			continue;
		if (less(x, min, s))
			min = x;
		if (less(max, x, s))
			max = x;
	}
	if (min == max) { /* room on both sides, unless at the end of the range */
		if (s ? min > LLONG_MIN : (unsigned long long)min > 0)
			min--;
		if (s ? max < LLONG_MAX : (unsigned long long)max < ULLONG_MAX)
			max++;
	}
	unsigned long long n = last - first + 1;
	int digits = unit_digits((unsigned long long)a->interval * (n > 1 ? 1 : 0));
	char time_fmt[32];
	snprintf(time_fmt, sizeof time_fmt, "hh:mm:ss%s%s", digits ? "." : "", digits ? unit_name(digits) : "");
	int time_size = 8 + (digits ? 1 + digits : 0);

	fprintf(out, "%*s", time_size + 1, "");
	write_number(out, min, s, LABEL_PADDING, true);
	write_number(out, max, s, GRAPH_WIDTH - LABEL_PADDING, false);
	fputc('\n', out);
	char top[GRAPH_WIDTH - 1];
	memset(top, '_', sizeof top - 1);
	top[sizeof top - 1] = 0;
	fprintf(out, "%-*s|%s|\n", time_size + 1, time_fmt, top);
	/* zero, when the range spans it: a column of '.' */
	int zero_at = 0;
	if (s && min < 0 && max > 0)
		zero_at = (int)((float)GRAPH_WIDTH * (float)distance(min, 0, s) / (float)distance(min, max, s));
	for (unsigned long long e = first; e <= last; e++) {
		char line[GRAPH_WIDTH + 1];
		memset(line, ' ', GRAPH_WIDTH);
		line[GRAPH_WIDTH] = 0;
		line[0] = line[GRAPH_WIDTH - 1] = '|';
		if (zero_at > 0)
			line[zero_at] = '.';
		write_time(out, "%H:%M:%S", false, e * (unsigned long long)a->interval, digits);
		fputc(' ', out);
		if (!a->kind->tseries_point(a, v, e, &x)) {
			fprintf(out, "%s -\n", line);
			continue;
		}
		int at = GRAPH_WIDTH / 2;
		if (min != max)
			at = (int)((float)(GRAPH_WIDTH - 1) * (float)distance(min, x, s) / (float)distance(min, max, s));
		line[at < 0 ? 0 : at > GRAPH_WIDTH - 1 ? GRAPH_WIDTH - 1 : at] = '*';
		fprintf(out, "%s ", line);
		write_number(out, x, s, 0, true);
		fputc('\n', out);
	}
	char bottom[GRAPH_WIDTH + 1];
	memset(bottom, '_', GRAPH_WIDTH);
	bottom[GRAPH_WIDTH] = 0;
	bottom[0] = bottom[GRAPH_WIDTH - 1] = 'v';
	fprintf(out, "%*s %s\n%*s ", time_size, "", bottom, time_size, "");
	write_number(out, min, s, LABEL_PADDING, true);
	write_number(out, max, s, GRAPH_WIDTH - LABEL_PADDING, false);
	fputc('\n', out);
}

void output_write_tseries_json(FILE *out, const struct aggregate *a, const unsigned long long *v,
			       unsigned long long last)
{
	unsigned long long first;
	fputc('[', out);
	for (bool any = shown_range(a, v, last, &first); any && first <= last; first++) {
		long long x;
		fputs("{\"interval_start\": \"", out);
		write_time(out, "%Y-%m-%d %H:%M:%S", true, first * (unsigned long long)a->interval, 9);
		fputs("\", \"value\": ", out);
		if (a->kind->tseries_point(a, v, first, &x))
			fprintf(out, a->is_signed ? "%lld" : "%llu", x);
		else
			fputs("null", out);
		fputs(first < last ? "}, " : "}", out);
	}
	fputc(']', out);
}
