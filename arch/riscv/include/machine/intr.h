/*
 * <machine/intr.h> - interrupts between harts and from devices.
 */
#ifndef MACHINE_INTR_H
#define MACHINE_INTR_H

#include "kernel/lib/types.h"

/* raise the software interrupt on the hart of cpu id */
void machine_ipi_send(uint32_t cpu_id);

/* external interrupts (PLIC): the handler runs in interrupt context */
int machine_irq_register(uint32_t irq, void (*fn)(void *arg), void *arg);

#endif /* MACHINE_INTR_H */
