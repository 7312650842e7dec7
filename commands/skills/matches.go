package skills

// Matches are the new offers and needs (fresh, in their order) of others
// that answer one of the member's own: an offer of what they seek, a need
// of what they offer. The same skill under one key matches whatever its
// spelling.
func Matches(userID string, mine, fresh []Holding) []Holding {
	want := map[Kind]map[string]bool{Offer: {}, Seek: {}}
	for _, h := range mine {
		want[h.Kind.Other()][h.Skill.Key] = true
	}
	var out []Holding
	for _, n := range fresh {
		if n.UserID != userID && want[n.Kind][n.Skill.Key] {
			out = append(out, n)
		}
	}
	return out
}
