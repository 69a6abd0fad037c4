/*
 * <mach/vm_page_size.h> - the page size of tasks and of the kernel, as
 * variables (XNU's names; on rvmach both are 4 KiB, always).
 */
#ifndef _MACH_VM_PAGE_SIZE_H_
#define _MACH_VM_PAGE_SIZE_H_

#include <mach/vm_types.h>

extern vm_size_t	vm_page_size;
extern vm_size_t	vm_page_mask;
extern int		vm_page_shift;

extern vm_size_t	vm_kernel_page_size;
extern vm_size_t	vm_kernel_page_mask;
extern int		vm_kernel_page_shift;

#endif /* _MACH_VM_PAGE_SIZE_H_ */
