 * <mach/message.h> - mach_msg return codes (XNU's values).  The message
 * format itself comes with IPC (the next issue).
