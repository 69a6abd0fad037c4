/*
 * test/user/crash_loop.c - loops forever in user mode, never trapping;
 * kernel tests suspend, resume and terminate it (not run by utest=).
 */
int
main(void)
{
	for (volatile unsigned long n = 0;; n++)
		;
}
