/*
 * <mach/mach_host.h> - calls on the host port (XNU's MIG prototypes; the
 * ones rvmach has).  host is the name mach_host_self() returns; a name
 * that is not a send right to the host port is MACH_SEND_INVALID_DEST.
 */
#ifndef _MACH_MACH_HOST_H_
#define _MACH_MACH_HOST_H_

#include <mach/clock_types.h>
#include <mach/host_info.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/mig_kobject.h>
#include <mach/processor_info.h>

/*
 * each processor's info of flavor PROCESSOR_BASIC_INFO or
 * PROCESSOR_CPU_LOAD_INFO (<mach/processor_info.h>), one after another in
 * memory the caller deallocates with vm_deallocate (*out_processor_infoCnt
 * integers); *out_processor_count the processors
 */
kern_return_t	host_processor_info(host_t host, processor_flavor_t flavor,
		    natural_t *out_processor_count,
		    processor_info_array_t *out_processor_info,
		    mach_msg_type_number_t *out_processor_infoCnt);

/*
 * the processor set (rvmach has one, the default, as XNU): its name port;
 * its control port from the name (KERN_INVALID_ARGUMENT for another
 * name); the array of the sets' name ports (one), deallocated as
 * host_processor_info's
 */
kern_return_t	processor_set_default(host_t host,
		    processor_set_name_t *default_set);
kern_return_t	host_processor_set_priv(host_priv_t host_priv,
		    processor_set_name_t set_name, processor_set_t *set);
kern_return_t	host_processor_sets(host_priv_t host_priv,
		    processor_set_name_array_t *processor_sets,
		    mach_msg_type_number_t *processor_setsCnt);

/* the kernel's version string */
kern_return_t	host_kernel_version(host_t host, kernel_version_t kernel_version);

/* flavor HOST_BASIC_INFO (<mach/host_info.h>) */
kern_return_t	host_info(host_t host, host_flavor_t flavor,
		    host_info_t host_info_out,
		    mach_msg_type_number_t *host_info_outCnt);

/*
 * a send right to clock clock_id (SYSTEM_CLOCK or CALENDAR_CLOCK,
 * <mach/clock_types.h>) for clock_get_time (<mach/clock.h>)
 */
kern_return_t	host_get_clock_service(host_t host, clock_id_t clock_id,
		    clock_serv_t *clock_serv);

/*
 * host_statistics: HOST_LOAD_INFO, HOST_VM_INFO (any revision's count),
 * HOST_CPU_LOAD_INFO; host_statistics64: HOST_VM_INFO64 (<mach/host_info.h>)
 */
kern_return_t	host_statistics(host_t host_priv, host_flavor_t flavor,
		    host_info_t host_info_out,
		    mach_msg_type_number_t *host_info_outCnt);
kern_return_t	host_statistics64(host_t host_priv, host_flavor_t flavor,
		    host_info64_t host_info64_out,
		    mach_msg_type_number_t *host_info64_outCnt);
/* the page size (the host name is not looked at, as in XNU's libsyscall) */
kern_return_t	host_page_size(host_t host, vm_size_t *out_page_size);

#endif /* _MACH_MACH_HOST_H_ */
