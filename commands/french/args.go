package french

import "strings"

// Place is a place name given to a message: where the template puts it
// right after « à » or « de » (markdown allowed in between), the preposition
// contracts with the name's article (« à **%s** » + Le Cube → « au **Cube** »).
// Elsewhere, and in English, it prints as the name.
type Place string

// Places contracts the prepositions before each Place argument of a
// French template, returning the new template and arguments (the caller's
// slice is not changed). Verbs are read as fmt reads them, %[n]s included.
func Places(template string, args []any) (string, []any) {
	has := false
	for _, a := range args {
		if _, ok := a.(Place); ok {
			has = true
			break
		}
	}
	if !has {
		return template, args
	}
	out := append([]any(nil), args...)
	var b strings.Builder
	next := 0 // argument of the next verb without an index
	last := 0 // template bytes already copied
	for i := 0; i < len(template); i++ {
		if template[i] != '%' {
			continue
		}
		start := i
		i++
		if i < len(template) && template[i] == '%' {
			continue
		}
		arg := next
		if i < len(template) && template[i] == '[' {
			if end := strings.IndexByte(template[i:], ']'); end > 0 {
				n := 0
				for _, c := range template[i+1 : i+end] {
					n = n*10 + int(c-'0')
				}
				arg = n - 1
				i += end + 1
			}
		}
		for i < len(template) && strings.IndexByte("+-# 0123456789.", template[i]) >= 0 {
			i++
		}
		next = arg + 1
		if arg < 0 || arg >= len(out) {
			continue
		}
		p, ok := out[arg].(Place)
		if !ok {
			continue
		}
		out[arg] = string(p)
		before := template[last:start]
		md := ""
		for _, m := range []string{"**", "__", "*", "_"} {
			if strings.HasSuffix(before, m) {
				md, before = m, strings.TrimSuffix(before, m)
				break
			}
		}
		for _, prep := range []string{A, De} {
			w := prep + " "
			if !strings.HasSuffix(before, w) {
				continue
			}
			head := strings.TrimSuffix(before, w)
			if head != "" && !strings.HasSuffix(head, " ") && !strings.HasSuffix(head, "\n") && !strings.HasSuffix(head, "(") {
				continue // "voilà %s" is not "à %s"
			}
			prefix, rest := Contract(prep, string(p))
			b.WriteString(head + prefix + md)
			out[arg] = rest
			last = start
			break
		}
	}
	if last == 0 {
		return template, out
	}
	b.WriteString(template[last:])
	return b.String(), out
}
