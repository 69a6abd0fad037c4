/*
 * <machine/csr.h> - RISC-V supervisor CSR names and accessors.
 * Only arch/riscv/ code and the inlines in machine/ headers may use these.
 */
#ifndef MACHINE_CSR_H
#define MACHINE_CSR_H

#define SSTATUS_SIE	(1ul << 1)
#define SSTATUS_SPIE	(1ul << 5)
#define SSTATUS_SPP	(1ul << 8)
#define SSTATUS_FS	(3ul << 13)
#define SSTATUS_SUM	(1ul << 18)

#define SIE_SSIE	(1ul << 1)
#define SIE_STIE	(1ul << 5)
#define SIE_SEIE	(1ul << 9)
#define SIP_SSIP	(1ul << 1)

#define SCAUSE_INTR	(1ul << 63)
#define IRQ_S_SOFT	1
#define IRQ_S_TIMER	5
#define IRQ_S_EXT	9

#define CAUSE_INST_MISALIGNED	0
#define CAUSE_INST_ACCESS		1
#define CAUSE_ILLEGAL		2
#define CAUSE_BREAKPOINT		3
#define CAUSE_LOAD_MISALIGNED	4
#define CAUSE_LOAD_ACCESS		5
#define CAUSE_STORE_MISALIGNED	6
#define CAUSE_STORE_ACCESS	7
#define CAUSE_ECALL_U		8
#define CAUSE_ECALL_S		9
#define CAUSE_INST_PAGE_FAULT	12
#define CAUSE_LOAD_PAGE_FAULT	13
#define CAUSE_STORE_PAGE_FAULT	15

#define SATP_MODE_SV39	(8ul << 60)
#define SATP_PPN_MASK	((1ul << 44) - 1)

#ifndef __ASSEMBLER__
#define csr_read(csr) ({						\
	unsigned long __v;						\
	__asm__ volatile("csrr %0, " #csr : "=r"(__v) :: "memory");	\
	__v; })
#define csr_write(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ volatile("csrw " #csr ", %0" :: "rK"(__v) : "memory");	\
	})
#define csr_set(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ volatile("csrs " #csr ", %0" :: "rK"(__v) : "memory");	\
	})
#define csr_clear(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ volatile("csrc " #csr ", %0" :: "rK"(__v) : "memory");	\
	})
#define csr_read_clear(csr, val) ({					\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ volatile("csrrc %0, " #csr ", %1"			\
	    : "=r"(__v) : "rK"(__v) : "memory");			\
	__v; })
#endif

#endif /* MACHINE_CSR_H */
