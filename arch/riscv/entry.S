/*
 * arch/riscv/entry.S - the Image header and the first instructions.
 *
 * OpenSBI (or U-Boot's booti) enters _start in S-mode with a0 = hart id,
 * a1 = DTB physical address, satp = 0, at any 2 MiB-aligned physical
 * address.  Until the MMU is on, everything here is PC-relative.
 */
#include <machine/csr.h>
#include <machine/vmparam.h>

	.section .text.head, "ax"
	.globl _start
_start:
	/* Image header (Documentation/riscv/boot-image-header.rst) */
	j	boot_entry		/* code0 */
	.word	0			/* code1 */
	.dword	0x200000		/* text_offset */
	.dword	_image_size		/* image_size, bss included */
	.dword	0			/* flags: little-endian */
	.word	2			/* version 0.2 */
	.word	0			/* res1 */
	.dword	0			/* res2 */
	.ascii	"RISCV\0\0\0"		/* magic (deprecated) */
	.ascii	"RSC\x05"		/* magic2: what booti checks */
	.word	0			/* res3: no PE/COFF */

	.section .text.boot, "ax"
boot_entry:
	csrw	sie, zero
	csrw	sip, zero
	csrw	satp, zero
	/* Only one hart boots the kernel; firmware without HSM may send more. */
	lla	t0, boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, park

	mv	s0, a0			/* hart id */
	mv	s1, a1			/* DTB */

	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	lla	sp, boot_stack_top
	lla	a0, _start		/* load address */
	mv	a1, s1
	call	boot_early_map		/* returns satp for the boot page table */

	/* t2 = KERNEL_VBASE - load address: add it to turn a PA into its VA */
	li	t2, KERNEL_VBASE
	lla	t3, _start
	sub	t2, t2, t3
	lla	t4, boot_high
	add	t4, t4, t2
	sfence.vma
	csrw	satp, a0
	sfence.vma
	jr	t4			/* boot_early_map maps this page 1:1 too */

boot_high:
	add	sp, sp, t2
	li	tp, 0
	mv	a0, s0
	mv	a1, s1
	mv	a2, t3
	call	boot_main
	/* not reached */
	/*
	 * A hart that lost the lottery: firmware without HSM, or an HSM start
	 * that jumped to the firmware's default next address (the kernel's
	 * load address) instead of secondary_entry: OpenSBI 1.1 marks the
	 * hart START_PENDING before it stores the start address, and a target
	 * hart that is polling (an IPI left pending) can leave with the old
	 * one.  Mark it in boot_parked (harts 0..63), then wait for its
	 * hand-off record in boot_park_mailbox[hartid] (machine_cpu_start
	 * posts it before hart_start, and sends an IPI to a parked hart):
	 * with it, go on as secondary_entry would.  SSIE with SIE off: an IPI
	 * ends the wfi without a trap.
	 */
park:
	li	t1, 64
	bgeu	a0, t1, 5f
	li	t1, 1
	sll	t1, t1, a0
	lla	t0, boot_parked
	amoor.d	zero, t1, (t0)
	lla	t2, boot_park_mailbox
	slli	t1, a0, 3
	add	t2, t2, t1
	li	t1, 1 << IRQ_S_SOFT	/* SIE_SSIE, and SIP_SSIP below */
	csrw	sie, t1
3:	ld	a1, 0(t2)
	bnez	a1, 4f
	wfi
	csrc	sip, t1
	j	3b
4:	fence	r, r
	csrw	sie, zero
	csrw	sip, zero
	j	secondary_entry
5:	wfi
	j	5b

/*
 * secondary_entry - where SBI HSM starts every other hart.
 * a0 = hart id, a1 = physical address of its struct boot_secondary:
 *	0: satp   8: stack top (VA)   16: struct cpu (VA)   24: continuation (VA)
 * There is no 1:1 map in the kernel page table: stvec points at the
 * continuation, so the fetch after satp is written traps straight there.
 */
	.globl secondary_entry
	.balign 4
secondary_entry:
	csrw	sie, zero
	csrw	sip, zero
	ld	t0, 0(a1)
	ld	sp, 8(a1)
	ld	tp, 16(a1)
	ld	t1, 24(a1)
	csrw	stvec, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	jr	t1

	.section .text, "ax"
	.globl secondary_high
	.balign 4
secondary_high:
	csrw	sscratch, zero
	mv	a1, tp
	call	secondary_main
1:	wfi
	j	1b

	.section .data
	.balign 4
boot_lottery:
	.word	0
	.balign 8
	.globl	boot_parked
boot_parked:
	.dword	0
	/* physical address of a parked hart's struct boot_secondary, by hart id */
	.globl	boot_park_mailbox
boot_park_mailbox:
	.fill	64, 8, 0

	.section .bss.stack, "aw", @nobits
	/*
	 * The boot stack: the upper half of a KSTACK_SLOT-aligned slot, so the
	 * trap entry's overflow test (one bit of sp) holds for it too.
	 */
	.balign KSTACK_SLOT
	.globl boot_stack_top
boot_stack:
	.space	KSTACK_SLOT
boot_stack_top:
