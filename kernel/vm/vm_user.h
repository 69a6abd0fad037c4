/*
 * kernel/vm/vm_user.h - the Mach VM calls on a map, with Mach's argument
 * rules (XNU's mach_vm_* semantics): addresses are truncated and sizes
 * rounded to pages, a size of 0 does nothing, a range that wraps is
 * KERN_INVALID_ARGUMENT.  The traps and (later) the task-port RPCs call
 * these after resolving the target task.
 */
#ifndef KERNEL_VM_VM_USER_H
#define KERNEL_VM_VM_USER_H

#include "kernel/vm/vm_map.h"

/* flags: VM_FLAGS_ANYWHERE or VM_FLAGS_FIXED (0) */
kern_return_t vm_allocate(vm_map_t map, vaddr_t *addr, uint64_t size, int flags);
kern_return_t vm_deallocate(vm_map_t map, vaddr_t addr, uint64_t size);
kern_return_t vm_protect(vm_map_t map, vaddr_t addr, uint64_t size,
    bool set_maximum, vm_prot_t prot);
kern_return_t vm_inherit(vm_map_t map, vaddr_t addr, uint64_t size,
    vm_inherit_t inheritance);
/* mach_vm_behavior_set and mach_vm_msync (<mach/vm_behavior.h>, <mach/vm_sync.h>) */
kern_return_t vm_behavior_set(vm_map_t map, vaddr_t addr, uint64_t size,
    int behavior);
kern_return_t vm_msync(vm_map_t map, vaddr_t addr, uint64_t size,
    unsigned sync_flags);
/*
 * vm_read - a copy-on-write copy of [addr, addr + size) of map, placed
 * anywhere in dst_map: *data gets its address (with addr's offset in its
 * page), *count its size.
 */
kern_return_t vm_read(vm_map_t map, vaddr_t addr, uint64_t size,
    vm_map_t dst_map, vaddr_t *data, uint64_t *count);
/*
 * vm_write - the data at src in src_map over [addr, addr + size) of map
 * (page aligned; mapped and writable, keeping its protection: see
 * vm_map_copy)
 */
kern_return_t vm_write(vm_map_t map, vaddr_t addr, vm_map_t src_map,
    vaddr_t src, uint64_t size);
/* vm_copy - [src, src + size) of map over [dst, dst + size) of map (as vm_write) */
kern_return_t vm_copy(vm_map_t map, vaddr_t src, uint64_t size, vaddr_t dst);
/*
 * vm_remap - mach_vm_remap: [src, src + size) of src_map (its pages) into
 * map, anywhere (mask: bits the address must not have) or at *addr
 * (VM_FLAGS_OVERWRITE: over what is there), shared (copy false) or
 * copy-on-write; *addr gets the page address, or with
 * VM_FLAGS_RETURN_DATA_ADDR the address of src's byte there.  *curp and
 * *maxp: the strictest protections of the source (vm_map_remap).
 */
kern_return_t vm_remap(vm_map_t map, vaddr_t *addr, uint64_t size,
    uint64_t mask, int flags, vm_map_t src_map, vaddr_t src, bool copy,
    vm_prot_t *curp, vm_prot_t *maxp, vm_inherit_t inh);
kern_return_t vm_region(vm_map_t map, vaddr_t *addr, uint64_t *size,
    int flavor, void *info, unsigned *count);
/*
 * vm_region_recurse - mach_vm_region_recurse: vm_region_submap_info_64 (or
 * the short info, by *count) of the entry holding *addr or the first
 * above it, *depth 0.  KERN_INVALID_ARGUMENT: *count below the short
 * info's; KERN_INVALID_ADDRESS: no entry there or above.
 */
kern_return_t vm_region_recurse(vm_map_t map, vaddr_t *addr, uint64_t *size,
    uint32_t *depth, void *info, unsigned *count);

#endif /* KERNEL_VM_VM_USER_H */
