/*
 * test/host/loader/prog.c - a tiny static RISC-V program, linked at build
 * time with riscv64-unknown-elf-gcc as a real input for the ELF tests.
 * It has text, read-only data, data and bss; it never runs.
 */
static const char greeting[] = "hello from a static rvmach program";
int counter = 3;
int table[256];

void
_start(void)
{
	unsigned i;

	for (i = 0;; i++) {
		counter += greeting[i % sizeof(greeting)];
		table[i & 255] = counter;
	}
}
