/*
 * test/host/loader/pico.c - a picolibc program linked with picolibc.ld, a
 * layout for boards with flash and RAM: its .tdata and .bss segments share
 * a page, which the ELF loader rejects.
 */
#include <string.h>

char big[10000];
__thread int tls_counter = 5;

int
main(void)
{
	memset(big, 1, sizeof(big));
	tls_counter++;
	return big[3] + tls_counter;
}
