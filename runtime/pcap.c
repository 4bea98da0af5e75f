/* skboutput()'s packets (builtins/skboutput.c): read from the skb_events
 * perf buffer and written to their pcap files, as bpftrace writes them
 * (libpcap's format: microsecond timestamps of the wall clock, link type
 * raw IP). Each file is made (truncated) when the run starts; a packet's
 * bytes before its call's offset are left out. */
#include "pcap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "../compiler/config.h"
#include "../compiler/diag.h"
#include "output.h"

#define PCAP_MAGIC 0xa1b2c3d4u
#define LINKTYPE_RAW 101
#define SNAPLEN 65535
#define DEFAULT_PAGES 64 /* per CPU, as bpftrace's perf_rb_pages */

struct pcap_output {
	struct perf_buffer *pb;
	const struct program *prog;
	FILE **files;  /* by skb_outputs index: one FILE per file name, shared */
	unsigned long long lost;
};

static void put_u32(unsigned char *p, unsigned v)
{
	memcpy(p, &v, 4); /* pcap's fields are in the writer's byte order, its magic says which */
}

static void on_packet(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	struct pcap_output *o = ctx;
	unsigned long long id, ns, want;
	if (size < SKB_RECORD_HEADER)
		return;
	memcpy(&id, data, 8);
	memcpy(&ns, (char *)data + 8, 8);
	memcpy(&want, (char *)data + 16, 8);
	if (id >= (unsigned long long)o->prog->nskb_outputs)
		return;
	unsigned long long have = size - SKB_RECORD_HEADER, offset = (unsigned)o->prog->skb_outputs[id].offset;
	unsigned long long len = want < have ? want : have;
	len = len > offset ? len - offset : 0;
	unsigned long long wall = ns + output_wall_clock_offset(1); /* bpf_ktime_get_ns: the monotonic clock */
	unsigned char rec[16];
	put_u32(rec, (unsigned)(wall / 1000000000ULL));
	put_u32(rec + 4, (unsigned)(wall % 1000000000ULL / 1000));
	put_u32(rec + 8, (unsigned)len);
	put_u32(rec + 12, (unsigned)len);
	FILE *f = o->files[id];
	fwrite(rec, 1, sizeof(rec), f);
	fwrite((char *)data + SKB_RECORD_HEADER + offset, 1, len, f);
}

static void on_lost(void *ctx, int cpu, __u64 count)
{
	(void)cpu;
	((struct pcap_output *)ctx)->lost += count;
}

/* The file of skb_outputs[i], opened with its header once for all the
 * calls that name it. */
static FILE *open_file(struct pcap_output *o, int i)
{
	const char *name = o->prog->skb_outputs[i].file;
	for (int j = 0; j < i; j++)
		if (!strcmp(o->prog->skb_outputs[j].file, name))
			return o->files[j];
	FILE *f = fopen(name, "w");
	if (!f) {
		diag_plain_error("skboutput: cannot write %s: %s", name, strerror(errno));
		return NULL;
	}
	unsigned char hdr[24] = { 0 };
	put_u32(hdr, PCAP_MAGIC);
	memcpy(hdr + 4, &(unsigned short){ 2 }, 2); /* version 2.4 */
	memcpy(hdr + 6, &(unsigned short){ 4 }, 2);
	put_u32(hdr + 16, SNAPLEN);
	put_u32(hdr + 20, LINKTYPE_RAW);
	fwrite(hdr, 1, sizeof(hdr), f);
	return f;
}

struct pcap_output *pcap_open(const struct program *prog, int map_fd)
{
	struct pcap_output *o = calloc(1, sizeof(*o));
	if (!o)
		return NULL;
	o->prog = prog;
	o->files = calloc((size_t)prog->nskb_outputs, sizeof(*o->files));
	for (int i = 0; o->files && i < prog->nskb_outputs; i++) {
		if (!(o->files[i] = open_file(o, i))) {
			pcap_close(o);
			return NULL;
		}
	}
	size_t want = config_is_set(CONFIG_PERF_RB_PAGES) ? (size_t)config_int(CONFIG_PERF_RB_PAGES) : DEFAULT_PAGES;
	size_t pages = 1;
	while (pages < want) /* a power of two, as the kernel wants */
		pages *= 2;
	o->pb = o->files ? perf_buffer__new(map_fd, pages, on_packet, on_lost, o, NULL) : NULL;
	if (!o->pb) {
		diag_plain_error("skboutput: cannot read the packets' perf buffer: %s",
				 strerror(errno));
		pcap_close(o);
		return NULL;
	}
	return o;
}

int pcap_epoll_fd(const struct pcap_output *o)
{
	return o ? perf_buffer__epoll_fd(o->pb) : -1;
}

void pcap_consume(struct pcap_output *o)
{
	if (o)
		perf_buffer__consume(o->pb);
}

void pcap_close(struct pcap_output *o)
{
	if (!o)
		return;
	if (o->pb) {
		perf_buffer__consume(o->pb);
		perf_buffer__free(o->pb);
	}
	if (o->lost)
		fprintf(diag_stream(), "WARNING: skboutput: %llu packets lost (a larger perf_rb_pages keeps more)\n",
			o->lost);
	for (int i = 0; o->files && i < o->prog->nskb_outputs; i++) {
		bool shared = false;
		for (int j = 0; j < i; j++)
			shared |= o->files[j] == o->files[i];
		if (o->files[i] && !shared)
			fclose(o->files[i]);
	}
	free(o->files);
	free(o);
}
