/*
 * kernel/lib/printf.c - kformat(), the one printf-style formatter, and
 * snprintf()/vsnprintf() on top of it.  Pure code: host tests build it.
 */
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"

enum { F_MINUS = 1, F_PLUS = 2, F_SPACE = 4, F_HASH = 8, F_ZERO = 16 };

struct fmt_spec {
	unsigned flags;
	int	width;
	int	prec;		/* -1: none */
	int	base;
	bool	upper;
	bool	is_signed;
};

struct fmt_out {
	void	(*out)(int c, void *arg);
	void	*arg;
	int	n;
};

static void
put(struct fmt_out *o, int c)
{
	o->out(c, o->arg);
	o->n++;
}

static void
pad(struct fmt_out *o, int c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void
emit_string(struct fmt_out *o, const struct fmt_spec *s, const char *str)
{
	int len;

	if (str == NULL)
		str = "(null)";
	len = (int)strnlen(str, s->prec >= 0 ? (size_t)s->prec : (size_t)-1);
	if (!(s->flags & F_MINUS))
		pad(o, ' ', s->width - len);
	for (int i = 0; i < len; i++)
		put(o, str[i]);
	if (s->flags & F_MINUS)
		pad(o, ' ', s->width - len);
}

static void
emit_number(struct fmt_out *o, const struct fmt_spec *s, uint64_t v, bool neg)
{
	const char *digits = s->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	const char *prefix = "";
	int len = 0, zeros, plen, total;

	while (v != 0) {
		buf[len++] = digits[v % (unsigned)s->base];
		v /= (unsigned)s->base;
	}
	zeros = s->prec > len ? s->prec - len : 0;
	if (s->prec < 0 && len == 0)
		zeros = 1;		/* plain "0" */
	if (neg)
		prefix = "-";
	else if (s->is_signed && (s->flags & F_PLUS))
		prefix = "+";
	else if (s->is_signed && (s->flags & F_SPACE))
		prefix = " ";
	else if ((s->flags & F_HASH) && s->base == 16 && len > 0)
		prefix = s->upper ? "0X" : "0x";
	else if ((s->flags & F_HASH) && s->base == 8 && zeros == 0)
		prefix = "0";
	plen = (int)strlen(prefix);
	total = plen + zeros + len;
	if ((s->flags & F_ZERO) && !(s->flags & F_MINUS) && s->prec < 0 &&
	    s->width > total) {
		zeros += s->width - total;
		total = s->width;
	}
	if (!(s->flags & F_MINUS))
		pad(o, ' ', s->width - total);
	for (int i = 0; i < plen; i++)
		put(o, prefix[i]);
	pad(o, '0', zeros);
	while (len > 0)
		put(o, buf[--len]);
	if (s->flags & F_MINUS)
		pad(o, ' ', s->width - total);
}

static const char *
parse_flags(const char *f, struct fmt_spec *s)
{
	for (;; f++) {
		switch (*f) {
		case '-': s->flags |= F_MINUS; break;
		case '+': s->flags |= F_PLUS; break;
		case ' ': s->flags |= F_SPACE; break;
		case '#': s->flags |= F_HASH; break;
		case '0': s->flags |= F_ZERO; break;
		default: return f;
		}
	}
}

static const char *
parse_int(const char *f, int *v, va_list *ap)
{
	if (*f == '*') {
		*v = va_arg(*ap, int);
		return f + 1;
	}
	*v = 0;
	while (*f >= '0' && *f <= '9')
		*v = *v * 10 + (*f++ - '0');
	return f;
}

/* length modifier -> bytes of the argument (0: int) */
static const char *
parse_length(const char *f, int *size)
{
	*size = 0;
	switch (*f) {
	case 'h':
		*size = f[1] == 'h' ? 1 : 2;
		return f[1] == 'h' ? f + 2 : f + 1;
	case 'l':
		*size = 8;
		return f[1] == 'l' ? f + 2 : f + 1;
	case 'z': case 't': case 'j':
		*size = 8;
		return f + 1;
	default:
		return f;
	}
}

static uint64_t
fetch_unsigned(va_list *ap, int size)
{
	switch (size) {
	case 1: return (unsigned char)va_arg(*ap, unsigned int);
	case 2: return (unsigned short)va_arg(*ap, unsigned int);
	case 8: return va_arg(*ap, unsigned long long);
	default: return va_arg(*ap, unsigned int);
	}
}

static int64_t
fetch_signed(va_list *ap, int size)
{
	switch (size) {
	case 1: return (signed char)va_arg(*ap, int);
	case 2: return (short)va_arg(*ap, int);
	case 8: return va_arg(*ap, long long);
	default: return va_arg(*ap, int);
	}
}

static const char *
format_one(struct fmt_out *o, const char *f, va_list *ap)
{
	struct fmt_spec s = { .prec = -1, .base = 10 };
	int size;
	int64_t sv;

	f = parse_flags(f, &s);
	f = parse_int(f, &s.width, ap);
	if (s.width < 0) {
		s.flags |= F_MINUS;
		s.width = -s.width;
	}
	if (*f == '.') {
		f = parse_int(f + 1, &s.prec, ap);
		if (s.prec < 0)
			s.prec = -1;
	}
	f = parse_length(f, &size);
	switch (*f) {
	case 'd': case 'i':
		s.is_signed = true;
		sv = fetch_signed(ap, size);
		emit_number(o, &s, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, sv < 0);
		break;
	case 'u':
		emit_number(o, &s, fetch_unsigned(ap, size), false);
		break;
	case 'X':
		s.upper = true;
		/* FALLTHROUGH */
	case 'x':
		s.base = 16;
		emit_number(o, &s, fetch_unsigned(ap, size), false);
		break;
	case 'o':
		s.base = 8;
		emit_number(o, &s, fetch_unsigned(ap, size), false);
		break;
	case 'p':
		s.base = 16;
		s.flags |= F_HASH;
		emit_number(o, &s, (uintptr_t)va_arg(*ap, void *), false);
		break;
	case 'c':
		if (!(s.flags & F_MINUS))
			pad(o, ' ', s.width - 1);
		put(o, (unsigned char)va_arg(*ap, int));
		if (s.flags & F_MINUS)
			pad(o, ' ', s.width - 1);
		break;
	case 's':
		emit_string(o, &s, va_arg(*ap, const char *));
		break;
	case '%':
		put(o, '%');
		break;
	case '\0':
		return f;		/* lone '%' at the end */
	default:
		put(o, '%');		/* unknown: print it as written */
		put(o, *f);
		break;
	}
	return f + 1;
}

int
kformat(void (*out)(int c, void *arg), void *arg, const char *fmt, va_list ap)
{
	struct fmt_out o = { out, arg, 0 };
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = format_one(&o, fmt + 1, &aq);
	}
	va_end(aq);
	return o.n;
}

#ifndef RVMACH_HOST
struct sn_buf {
	char	*buf;
	size_t	size;
	size_t	len;
};

static void
sn_out(int c, void *arg)
{
	struct sn_buf *b = arg;

	if (b->len + 1 < b->size)
		b->buf[b->len] = (char)c;
	b->len++;
}

int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sn_buf b = { buf, size, 0 };
	int n = kformat(sn_out, &b, fmt, ap);

	if (size > 0)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
#endif /* !RVMACH_HOST */
