/* wl_usdt's probe with a semaphore, wl:gated(i): fired only while the
 * semaphore is set, as programs guard probes whose arguments cost. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

unsigned short wl_gated_semaphore __attribute__((section(".probes"), used));

void wl_gated(int i)
{
	if (wl_gated_semaphore)
		DTRACE_PROBE1(wl, gated, i);
}

unsigned short wl_gated_state(void)
{
	return *(volatile unsigned short *)&wl_gated_semaphore;
}
