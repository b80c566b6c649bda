package cluster

import "math"

// profileLinks ties the units (their files' atoms) of the call edges a runtime profile saw
// (model.Edge.Samples, from --profile) with Weights.Profile times
// 1 + ln(1 + 99·s/max), s the edge's value and max the largest: any
// observed edge at least Profile, the hottest about 5.6 times it, so
// that hot call paths tend to stay inside one service. Off (0) by
// default; profiles of different lengths give the same links.
func (s *state) profileLinks() {
	w := s.opts.Weights.Profile
	if w <= 0 {
		return
	}
	var most int64
	for _, e := range s.m.Edges {
		most = max(most, e.Samples)
	}
	if most == 0 {
		return
	}
	for _, e := range s.m.Edges {
		if e.Samples <= 0 {
			continue
		}
		a, ok1 := s.idx[e.From]
		b, ok2 := s.idx[e.To]
		if !ok1 || !ok2 || !s.active(a) || !s.active(b) {
			continue
		}
		s.link(s.atomOf[a], s.atomOf[b], quantize(w*(1+math.Log1p(99*float64(e.Samples)/float64(most)))))
	}
}
