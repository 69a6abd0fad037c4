/*
 * sdk/lib/libmach/mach_msg_destroy.c - XNU's mach_msg_destroy: give
 * back what a message holds in this task, whether received (rights as
 * MACH_MSG_TYPE_PORT_*, memory mapped here) or built and not sent
 * (MAKE_SEND and MAKE_SEND_ONCE rights are made, then dropped, as XNU
 * does).  The header's remote and voucher ports are rights; the local
 * port is not (a receive consumed the destination right).  Out-of-line
 * memory and port arrays are deallocated only if their deallocate flag
 * is set, again as in XNU.
 */
#include <stdbool.h>
#include <string.h>

#include <mach/mach.h>

static void
destroy_port(mach_port_t port, mach_msg_type_name_t type)
{
	mach_port_t self = mach_task_self(), so;
	mach_msg_type_name_t got;

	if (!MACH_PORT_VALID(port))
		return;
	switch (type) {
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		(void)mach_port_deallocate(self, port);
		break;
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		(void)mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
		if (mach_port_insert_right(self, port, port,
		    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS)
			(void)mach_port_deallocate(self, port);
		break;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		if (mach_port_extract_right(self, port, MACH_MSG_TYPE_MAKE_SEND_ONCE,
		    &so, &got) == KERN_SUCCESS)
			(void)mach_port_deallocate(self, so);
		break;
	default:
		break;
	}
}

static void
destroy_memory(uint64_t address, uint64_t size)
{
	if (size != 0)
		(void)mach_vm_deallocate(mach_task_self(), address, size);
}

void
mach_msg_destroy(mach_msg_header_t *msg)
{
	mach_msg_bits_t bits = msg->msgh_bits;
	const char *p, *end;
	mach_msg_body_t body;

	destroy_port(msg->msgh_remote_port, MACH_MSGH_BITS_REMOTE(bits));
	destroy_port(msg->msgh_voucher_port, MACH_MSGH_BITS_VOUCHER(bits));
	if (!(bits & MACH_MSGH_BITS_COMPLEX))
		return;
	p = (const char *)(msg + 1);
	end = (const char *)msg + msg->msgh_size;
	memcpy(&body, p, sizeof(body));
	p += sizeof(body);
	/* every descriptor has its type in its twelfth byte */
	for (mach_msg_size_t i = 0; i < body.msgh_descriptor_count &&
	    p + sizeof(mach_msg_type_descriptor_t) <= end; i++) {
		mach_msg_descriptor_t d;

		memcpy(&d, p, sizeof(mach_msg_type_descriptor_t));
		switch (d.type.type) {
		case MACH_MSG_PORT_DESCRIPTOR:
			destroy_port(d.port.name, d.port.disposition);
			p += sizeof(mach_msg_port_descriptor_t);
			break;
		case MACH_MSG_OOL_DESCRIPTOR:
		case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
			memcpy(&d, p, sizeof(mach_msg_ool_descriptor_t));
			if (d.out_of_line.deallocate)
				destroy_memory((uint64_t)(uintptr_t)d.out_of_line.address,
				    d.out_of_line.size);
			p += sizeof(mach_msg_ool_descriptor_t);
			break;
		case MACH_MSG_OOL_PORTS_DESCRIPTOR: {
			const mach_port_t *names;

			memcpy(&d, p, sizeof(mach_msg_ool_ports_descriptor_t));
			names = d.ool_ports.address;
			for (mach_msg_size_t j = 0; names != NULL &&
			    j < d.ool_ports.count; j++)
				destroy_port(names[j], d.ool_ports.disposition);
			if (d.ool_ports.deallocate)
				destroy_memory((uint64_t)(uintptr_t)names,
				    (uint64_t)d.ool_ports.count * sizeof(mach_port_t));
			p += sizeof(mach_msg_ool_ports_descriptor_t);
			break;
		}
		case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
			memcpy(&d, p, sizeof(mach_msg_guarded_port_descriptor_t));
			destroy_port(d.guarded_port.name, d.guarded_port.disposition);
			p += sizeof(mach_msg_guarded_port_descriptor_t);
			break;
		default:
			return;		/* not a descriptor: the rest is unknown */
		}
	}
}
