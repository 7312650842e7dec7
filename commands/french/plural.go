package french

import (
	"fmt"
	"regexp"
	"strconv"
)

// One reports whether n takes the singular in lang, by CLDR's cardinal
// rules: in French 0 and 1 are singular (« 0 personne »), in English only 1.
func One(lang string, n int) bool {
	if lang == "fr" {
		return n == 0 || n == 1
	}
	return n == 1
}

// selector is an inline plural choice in a message template:
// {2:nouvelle|nouvelles} picks the first form when argument 2 (counted from
// 1, like fmt's %[2]d) is singular, the second otherwise. Each count of a
// message has its own selectors, so a sentence may hold several counts
// (« %[1]d {1:personne|personnes}, dont %[2]d {2:nouvelle|nouvelles} »).
// At the conversion to message files, each becomes an ICU plural on a
// named argument: {New, plural, one {nouvelle} other {nouvelles}}.
var selector = regexp.MustCompile(`\{(\d+):([^{}|]*)\|([^{}|]*)\}`)

// Select resolves the plural selectors of template for args in lang. An
// argument that is not an integer, or out of range, selects the plural
// form: the message then still reads, and a test catches the mistake.
func Select(lang, template string, args []any) string {
	if !hasSelector(template) {
		return template
	}
	return selector.ReplaceAllStringFunc(template, func(m string) string {
		p := selector.FindStringSubmatch(m)
		i, _ := strconv.Atoi(p[1])
		if i >= 1 && i <= len(args) {
			if n, ok := count(args[i-1]); ok && One(lang, n) {
				return p[2]
			}
		}
		return p[3]
	})
}

func hasSelector(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '{' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

// Selectors lists the argument numbers a template's selectors refer to.
func Selectors(template string) []int {
	var out []int
	for _, p := range selector.FindAllStringSubmatch(template, -1) {
		i, _ := strconv.Atoi(p[1])
		out = append(out, i)
	}
	return out
}

func count(a any) (int, bool) {
	switch v := a.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case int32:
		return int(v), true
	case uint:
		return int(v), true
	case fmt.Stringer:
		return 0, false
	}
	return 0, false
}
