/* skboutput()'s pcap files, written from the packets the programs send
 * (runtime/pcap.c). */
#ifndef LANTERN_PCAP_H
#define LANTERN_PCAP_H

#include "../compiler/program.h"

struct pcap_output;

/* Makes prog's skboutput files and reads the perf event array map_fd;
 * NULL after reporting why not. */
struct pcap_output *pcap_open(const struct program *prog, int map_fd);
int pcap_epoll_fd(const struct pcap_output *o); /* readable when packets wait; -1 for NULL */
void pcap_consume(struct pcap_output *o);       /* writes the waiting packets */
/* Writes what is left, closes the files, says how many were lost. */
void pcap_close(struct pcap_output *o);

#endif
