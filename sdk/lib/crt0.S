/*
 * sdk/lib/crt0.S - program entry (docs/abi.md, "Program entry").
 *
 * The kernel enters _start with
 *	sp ->	argc			(8 bytes; sp is 16-byte aligned)
 *		argv[0..argc-1], NULL
 *		envp[...], NULL
 *		auxv: (type, value) pairs, AT_NULL
 * a0 = 0 and every other register zero.  The loader has zeroed .bss and
 * the main thread's .tbss (it is part of the bss), so nothing is cleared
 * here: set gp and tp, record environ and the auxv, run constructors,
 * then exit(main(argc, argv, envp)).
 */
	.section .text._start, "ax", @progbits
	.globl	_start
	.type	_start, @function
_start:
	.option push
	.option norelax			/* gp itself cannot be gp-relative */
	lla	gp, __global_pointer$
	.option pop
	lla	tp, __tls_base		/* main thread: the TLS image in place */

	ld	s0, 0(sp)		/* s0 = argc */
	addi	s1, sp, 8		/* s1 = argv */
	slli	t0, s0, 3
	add	s2, s1, t0
	addi	s2, s2, 8		/* s2 = envp = &argv[argc + 1] */
	la	t0, environ
	sd	s2, 0(t0)
	mv	t1, s2			/* the auxv follows envp's NULL */
1:	ld	t2, 0(t1)
	addi	t1, t1, 8
	bnez	t2, 1b
	la	t0, __rvmach_auxv
	sd	t1, 0(t0)

	call	__libc_init_array	/* constructors: .preinit_array, .init_array */
	mv	a0, s0
	mv	a1, s1
	mv	a2, s2
	call	main
	call	exit			/* picolibc: atexit, destructors, _exit */
2:	j	2b
	.size	_start, . - _start

/* the auxiliary vector the kernel passed: (type, value) pairs, AT_NULL */
	.section .sbss.__rvmach_auxv, "aw", @nobits
	.globl	__rvmach_auxv
	.type	__rvmach_auxv, @object
	.p2align 3
__rvmach_auxv:
	.zero	8
	.size	__rvmach_auxv, 8
