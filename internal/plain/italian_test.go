package plain

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestScriptsItalian runs scripts at an Italian site: its steps speak
// Italian whatever the user's language, the list of sites the user's.
func TestScriptsItalian(t *testing.T) {
	cases := []scriptCase{
		{
			name:  "scoring, don't know and a comment",
			site:  "it",
			user:  "it",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "4", "d", "c Gli orari non vanno bene", "?"},
			want: []string{"1 sito:", "Siti: scrivete il numero di un sito, da 1 a 1, o a per aggiungerne uno.",
				"Le cinque fasi:", "3. Questionario: 0 risposte su 123, da 3 interni.",
				"Questionario: 3 interni.", "1. Alice, responsabile intermedio, 0 affermazioni su 41 con risposta.",
				"Affermazione 1.1, 1 di 41, in La capacità delle comunità di partecipare:",
				"Gli incontri si tengono in orari e luoghi comodi per i cittadini e le associazioni.",
				"Questionario, affermazione 1.1, 1 di 41, Alice, interno: punteggio da 1 a 5, d per non so.",
				"Salvato: Alice, affermazione 1.1: 4, D'accordo.",
				"Salvato: Alice, affermazione 1.2: Non so / non applicabile.",
				"Salvato: il commento di Alice sull'affermazione 1.3.",
				"I comandi di questo punto:", "Da 1 a 5: il punteggio, salvato subito; poi l'affermazione successiva.",
				"b: torna indietro."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				wantAnswer(t, ts, d, "Alice", "1.1", 4, false, "")
				wantAnswer(t, ts, d, "Alice", "1.2", 0, true, "")
				wantAnswer(t, ts, d, "Alice", "1.3", 0, false, "Gli orari non vanno bene")
			},
		},
		{
			name:  "the user's language for the sites, the site's for its steps",
			site:  "it",
			user:  "en",
			setup: threeInsiders,
			lines: []string{"1", "3", "2", "5"},
			want: []string{"1 site:", "1. Eastbrook pilot, Eastbrook City Council, in Italiano.", "Sito Eastbrook pilot",
				"Questionario, affermazione 1.1, 1 di 41, Bob, interno", "Salvato: Bob, affermazione 1.1: 5, Pienamente d'accordo."},
		},
		{
			name:  "the Map in Italian, adding a partnership",
			site:  "it",
			user:  "it",
			lines: []string{"1", "1", "a", "Tavolo anziani", "1", "-", "1", "2 5", "2010", "3", "-", "l"},
			want: []string{"Mappa di Eastbrook pilot: 0 partenariati mappati.", "Per area di servizio:",
				"Nuovo partenariato di Eastbrook pilot, titolo: scrivetelo.",
				"Nuovo partenariato di Eastbrook pilot, partner per settore: scrivete il numero di ognuno che vale",
				"Salvato: partenariato Tavolo anziani aggiunto, in Servizi sociali e sanità.", "Ritorno a: Mappa, 1 partenariato.",
				"Servizi sociali e sanità, 1 partenariato:",
				"1. Tavolo anziani: Comunità territoriale; partner Sanità, Terzo settore; iniziato nel 2010; non si sa se è ancora attivo."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				if len(d.Partnerships) != 1 || !d.Partnerships[0].OngoingUnknown || d.Partnerships[0].Community != workbook.CommunityGeographical {
					t.Errorf("partnerships %+v", d.Partnerships)
				}
			},
		},
		{
			name: "Barriers in Italian: figures with a decimal comma, and the disclosure rule",
			site: "it",
			user: "it",
			setup: func(ts *testStore) {
				ins := ts.people(workbook.Insider, workbook.RoleMiddle, "Alice", "Bob", "Carol")
				ts.score(ins, 2, ts.statementID("1.1"), ts.statementID("1.2"))
				outs := ts.people(workbook.Outsider, workbook.RoleCommunity, "Olu", "Pia")
				ts.score(outs, 5, ts.statementID("1.1"))
			},
			lines: []string{"1", "5", "f", "2", "1", "Gli incontri vanno spostati di sera"},
			// Everyone's figure would give the 2 outsiders' away.
			not: []string{"media di tutti", "media degli esterni"},
			want: []string{"Barriere: ciò che mostrano i punteggi. Hanno risposto 3 interni e 2 esterni.",
				"Questione chiave 1, La capacità delle comunità di partecipare: media degli interni 2,00, una barriera, da 3 persone su 2 affermazioni.",
				"Questioni chiave che sono barriere: questione chiave 1.",
				"2 affermazioni sono nella fascia delle barriere, dalla più bassa:",
				"1. Affermazione 1.1, media degli interni 2,00 da 3 persone:",
				"Nuova conclusione: 3 domande", "1. Punto di forza.", "2. Aspetto da migliorare.",
				"Salvato: conclusione scritta, Aspetto da migliorare."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				if len(d.Findings) != 1 || d.Findings[0].Kind != workbook.FindingImprove || d.Findings[0].KeyIssueID != "community-ability" {
					t.Errorf("findings %+v", d.Findings)
				}
			},
		},
		{
			name:  "a refusal of the domain, in Italian words around the domain's reason",
			site:  "it",
			user:  "it",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "9", "q"},
			want:  []string{"Non salvato: score: 9 is not on the scale of 1 to 5.", "Arrivederci."},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runCase(t, c) })
	}
}
