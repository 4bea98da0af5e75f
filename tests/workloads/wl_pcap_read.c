/* wl_pcap_read FILE SKIP: prints a pcap file as the skboutput tests check
 * it: its header's fields, then per packet its lengths, whether its time
 * is within a minute of now, and its bytes from SKIP on as text (a UDP
 * payload). Not a workload: a checker, built with them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: wl_pcap_read FILE SKIP\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	long skip = strtol(argv[2], NULL, 10);
	uint32_t h[6];
	if (!f || fread(h, 4, 6, f) != 6) {
		perror(argv[1]);
		return 1;
	}
	printf("magic %08x version %u.%u snaplen %u linktype %u\n", h[0], h[1] & 0xffff, h[1] >> 16, h[4], h[5]);
	uint32_t rec[4];
	unsigned char data[65536];
	while (fread(rec, 4, 4, f) == 4) {
		if (rec[2] > sizeof(data) || fread(data, 1, rec[2], f) != rec[2]) {
			printf("truncated record\n");
			return 1;
		}
		long age = (long)time(NULL) - (long)rec[0];
		printf("caplen %u len %u %s usec<1e6 %s [", rec[2], rec[3], age >= 0 && age < 60 ? "recent" : "OLD",
		       rec[1] < 1000000 ? "yes" : "no");
		for (long i = skip; i < (long)rec[2]; i++)
			putchar(data[i] >= 32 && data[i] < 127 ? data[i] : '.');
		printf("]\n");
	}
	return 0;
}
