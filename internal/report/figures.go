package report

// The site report's charts as data: what each chart shows, with every
// figure formatted once, for the editions to draw ([sink]).

// plotScale is the scale of points with its bands, in l's words.
func (l *labels) plotScale(points int, improve, good float64) plotScale {
	s := plotScale{points: points, improve: improve, good: good,
		names: [3]string{l.BandBarrier, l.BandImprove, l.BandGood}}
	for v := 1; v <= points; v++ {
		s.ticks = append(s.ticks, l.num(float64(v), 0))
	}
	return s
}

// scale is the plot scale of the assessment's questionnaire.
func (r *report) scale() plotScale {
	q := r.data.Questionnaire
	return r.l.plotScale(q.Scale.Points, q.Bands.Improve, q.Bands.Good)
}

// charted is v with its figures as a chart prints them: the mean with one
// decimal (never across a band edge), n and the band's name.
func (r *report) charted(v groupValue) groupValue {
	v.nText = r.l.nShort(v.n)
	if v.shown {
		v.text, v.bandText = r.mean(v.mean, 1), r.l.bandShort(v.band)
	}
	return v
}

// compareChart draws the legend and rows of insider and outsider means on
// the scale, with the bands shaded; alt says what the chart shows.
func (r *report) compareChart(head, alt string, rows []compareRow) {
	for i := range rows {
		rows[i].ins, rows[i].outs = r.charted(rows[i].ins), r.charted(rows[i].outs)
	}
	r.out.meansChart(meansChart{
		scale: r.scale(), head: head, insiders: r.l.Insiders, outsiders: r.l.Outsiders,
		legend: r.l.LegendCompare, nHead: r.l.N, alt: alt + " " + r.hl.bandsSaid(r.scale()), rows: rows,
	})
}

// dotChart draws every score of each statement as a dot, with the mean.
func (r *report) dotChart(alt string, rows []dotRow) {
	r.out.dotChart(dotChart{
		scale: r.scale(), head: r.l.Statement, whoseHead: r.l.ScoresOf, nHead: r.l.N, meanHead: r.l.Mean,
		bandHead: r.l.Band, outsidersOf: r.hl.OutsidersOf, alt: alt + " " + r.hl.bandsSaid(r.scale()), rows: rows,
	})
}
