/*
 * <mach/thread_switch.h> - thread_switch() options (user ABI, XNU's values).
 *
 *   SWITCH_OPTION_NONE     yield to the named thread, or to anyone
 *   SWITCH_OPTION_DEPRESS  also drop to the lowest priority for option_time ms
 *   SWITCH_OPTION_WAIT     also sleep for option_time ms
 */
#ifndef _MACH_THREAD_SWITCH_H_
#define _MACH_THREAD_SWITCH_H_

#define SWITCH_OPTION_NONE	0
#define SWITCH_OPTION_DEPRESS	1
#define SWITCH_OPTION_WAIT	2

#endif /* _MACH_THREAD_SWITCH_H_ */
