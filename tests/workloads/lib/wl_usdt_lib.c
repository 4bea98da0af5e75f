/* libwl_usdt.so, which wl_usdt links: a USDT probe in a library,
 * wl_lib:ping(i). */
#include <sys/sdt.h>

void wl_lib_ping(int i)
{
	DTRACE_PROBE1(wl_lib, ping, i);
}
