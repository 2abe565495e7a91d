package report

import (
	"fmt"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// italian returns the report's texts in Italian, in the words of Italian
// social-services staff (ambito, partenariato, terzo settore).
func italian() *labels {
	return &labels{
		LangTag: "it-IT",
		decimal: ",",
		quotes:  [2]string{"«", "»"},
		months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
			"agosto", "settembre", "ottobre", "novembre", "dicembre"},

		roles: map[workbook.Role]string{
			workbook.RoleSenior:    "Dirigenti",
			workbook.RoleMiddle:    "Responsabili intermedi",
			workbook.RoleFrontLine: "Operatori",
			workbook.RoleCommunity: "Cittadini e associazioni",
			workbook.RolePartner:   "Organizzazioni partner",
		},
		groups: map[workbook.Group]string{
			workbook.Insider:  "Interni",
			workbook.Outsider: "Esterni",
		},
		sectors: map[workbook.Sector]string{
			workbook.SectorCouncil:   "Comuni ed enti locali",
			workbook.SectorHealth:    "Sanità",
			workbook.SectorPolice:    "Forze dell'ordine",
			workbook.SectorSchools:   "Scuole",
			workbook.SectorVoluntary: "Terzo settore",
			workbook.SectorBusiness:  "Imprese",
			workbook.SectorResidents: "Cittadini",
		},
		communities: map[workbook.CommunityType]string{
			workbook.CommunityGeographical: "Comunità territoriale",
			workbook.CommunityOfInterest:   "Comunità di interesse",
		},
		statuses: map[workbook.Status]string{
			workbook.StatusPlanned:    "Prevista",
			workbook.StatusInProgress: "In corso",
			workbook.StatusDone:       "Fatta",
		},
		kinds: map[workbook.FindingKind]string{
			workbook.FindingBarrier: "Barriere confermate dal gruppo",
			workbook.FindingGood:    "Punti di forza",
			workbook.FindingImprove: "Aspetti da migliorare",
		},
		pops: map[analysis.Population]string{
			analysis.PopEveryone: "Tutti", analysis.PopInsiders: "Interni", analysis.PopOutsiders: "Esterni",
		},
		whose: map[analysis.Population]string{
			analysis.PopEveryone: "di tutti", analysis.PopInsiders: "degli interni", analysis.PopOutsiders: "degli esterni",
		},
		bands: map[analysis.Band]string{
			analysis.BandGood:    "un punto di forza",
			analysis.BandImprove: "un aspetto da migliorare",
			analysis.BandBarrier: "una barriera",
			analysis.BandNone:    "senza punteggio",
		},
		marks: map[workbook.Mark]string{
			workbook.Met:       "sì",
			workbook.NotMet:    "no",
			workbook.Unknown:   "?",
			workbook.NotMarked: "·",
		},
		natural: naturalGroups(),

		ReportTitle:       "Rapporto sulle barriere al coinvolgimento delle comunità",
		CoverKicker:       "Autovalutazione del partenariato",
		Cover:             "Copertina",
		Summary:           "Sintesi",
		Step1:             "Fase 1. La mappatura dei partenariati",
		Step2:             "Fase 2. La scelta del partenariato",
		Step34:            "Fasi 3 e 4. Il questionario e la verifica",
		Step5:             "Fase 5. Le barriere e dove intervenire",
		Appendix:          "Appendice. Tutte le affermazioni, con i commenti",
		ByDirectorate:     "Partenariati per area di servizio",
		ByCommunity:       "Partenariati per tipo di comunità",
		BySector:          "Partenariati per settore dei partner",
		Criteria:          "Quanti partenariati soddisfano ciascun criterio",
		Matrix:            "La matrice dei criteri",
		Shortlist:         "La rosa dei candidati",
		Selected:          "Il partenariato scelto",
		WhySelected:       "Perché è stato scelto",
		AtAGlance:         "Le questioni chiave in sintesi",
		MeansByGroup:      "Interni ed esterni",
		Spread:            "I punteggi di tutti",
		VerificationNotes: "Note della verifica",
		Gaps:              "Gli scarti della verifica",
		Ranked:            "Affermazioni nella fascia delle barriere, dalla più bassa",
		ActionPlan:        "Dove intervenire: il piano d'azione",
		Suggested:         "Interventi suggeriti dal questionario",
		IssuesThenNow:     "Le questioni chiave allora e oggi",
		BarriersThenNow:   "Le barriere allora e oggi",
		EarlierPlan:       "Il piano d'azione precedente",
		WhoTookPart:       "Chi ha partecipato",
		AboutSite:         "Il contesto",
		Names:             "Partecipanti",

		PartnershipAssessed:  "Partenariato valutato",
		Assessment:           "Autovalutazione",
		Started:              "Inizio",
		Completed:            "Conclusione",
		Questionnaire:        "Questionario",
		DataAsOf:             "Dati aggiornati al",
		Draft:                "BOZZA – valutazione in corso",
		InProgress:           "non ancora (in corso)",
		Version:              "versione",
		NoPartnership:        "Nessun partenariato ancora scelto",
		RoleLevel:            "Ruolo",
		Insiders:             "Interni",
		Outsiders:            "Esterni",
		InsidersShort:        "int",
		OutsidersShort:       "est",
		Everyone:             "Tutti",
		Total:                "Totale",
		Name:                 "Nome",
		Group:                "Gruppo",
		Organisation:         "Ente",
		Participant:          "un partecipante",
		And:                  "e",
		Partnerships:         "Partenariati",
		MappedPartnerships:   "Partenariati mappati",
		Share:                "Quota",
		Directorate:          "Area di servizio",
		Unassigned:           "Non assegnati",
		NotListed:            "(non nell'elenco dell'ente)",
		CommunityType:        "Tipo di comunità",
		NotRecorded:          "Non indicato",
		Sector:               "Settore dei partner",
		NoPartnersRecorded:   "Nessun partner indicato",
		Criterion:            "Criterio",
		Met:                  "Sì",
		NotMet:               "No",
		Unknown:              "Non si sa",
		NotMarked:            "Da valutare",
		Partnership:          "Partenariato",
		SelectedMark:         "(scelto)",
		Area:                 "Territorio",
		Partners:             "Partner",
		Running:              "Attività",
		CriteriaMet:          "Criteri soddisfatti",
		KeyIssue:             "Questione chiave",
		Statement:            "Affermazione",
		BandBarrier:          "Barriera",
		BandImprove:          "Migliorare",
		BandGood:             "Forza",
		N:                    "n",
		Mean:                 "Media",
		MeanN:                "media, n",
		SD:                   "DS",
		DontKnow:             "Non so",
		AgreeDisagree:        "D'accordo / in disaccordo",
		Gap:                  "Scarto",
		Reading:              "Lettura",
		BlindSpot:            "Punto cieco",
		UnrecognisedStrength: "Forza non riconosciuta",
		NoGap:                "Nessuno scarto di 1,0 o più",
		NotCompared:          "Non confrontato",
		Contested:            "controversa",
		Rank:                 "N.",
		Action:               "Azione",
		Owner:                "Responsabile",
		Due:                  "Scadenza",
		Status:               "Stato",
		StatusNow:            "Stato oggi",
		Review:               "Verifica",
		By:                   "entro il",
		Then:                 "Allora",
		Now:                  "Oggi",
		Change:               "Variazione",
		Reversed: "affermazione invertita: essere d'accordo è negativo, quindi i punteggi sono capovolti (5 diventa 1) " +
			"per la media, i punti e la fascia, dove più alto è meglio; le quote d'accordo e in disaccordo si riferiscono " +
			"alle parole così come sono scritte",
		InsidersOnly:  "solo interni: non fa parte della verifica",
		DialogueNotes: "Note della discussione",
		BarriersGone:  "Non più barriere",
		BarriersNew:   "Nuove barriere",
		BarriersStill: "Ancora barriere",
		None:          "Nessuna.",
		FewerThan3:    "meno di 3 persone: non mostrato",
		Withheld:      "non mostrato: un gruppo al suo interno ha meno di 3 persone",
		ReversedMark:  "(invertita)",
		ScoresOf:      "Punteggi di",
		Band:          "Fascia",
		IssueTableNote: "Gli stessi punteggi in cifre, con quello di tutti. La fascia è quella della prima cifra " +
			"mostrata (di tutti, altrimenti degli interni), che è anche quella del confronto fra i siti.",
		NoScores:          "nessun punteggio",
		NotInVerification: "non fa parte della verifica",
		NotAsked:          "non chiesto",

		AnonymityNote: "Ogni commento è attribuito a un gruppo di almeno 3 partecipanti (un ruolo, più ruoli " +
			"insieme o un intero gruppo; \"un partecipante\" quando interni o esterni sono meno di 3) e nessun " +
			"dato è mostrato per gruppi di meno di 3 persone. I nomi dei partecipanti restano nell'archivio " +
			"del facilitatore.",
		NamesShown: "Questa copia mostra i nomi dei partecipanti, come richiesto dal facilitatore. Condividetela " +
			"solo con chi ha partecipato; il rapporto ordinario attribuisce i commenti solo a gruppi di almeno 3 persone.",
		LegendCompare: "media sulla scala 1-5; fasce: barriera, da migliorare, punto di forza",
		IssueMeanNote: "Il punteggio di una questione chiave è la media delle medie delle sue affermazioni, così le " +
			"questioni con più affermazioni non pesano di più. Il punteggio di ciascun gruppo è sulle affermazioni a " +
			"cui ha risposto: gli interni tutte, gli esterni quelle della verifica. n è il numero di persone che hanno " +
			"dato un punteggio. Un gruppo di 1 o 2 persone non è mostrato, e allora nemmeno il punteggio di tutti, " +
			"che lo rivelerebbe.",
		SpreadNote: "Ogni segno è il punteggio di una persona: cerchi gli interni, triangoli gli esterni; la linea " +
			"nera è la media delle persone mostrate, quella grigia l'intervallo. " +
			"Un'affermazione è controversa quando ha punteggi da entrambi i lati del centro della scala, o una " +
			"deviazione standard di 1,0 o più.",
		NotListedNote: "Un'area segnata come non nell'elenco dell'ente è indicata su un partenariato ma manca fra le " +
			"aree dell'ente: controllate come è scritta nella mappatura.",
		SectorNote: "Un partenariato con partner di più settori conta una volta in ciascuno, quindi le righe sommano " +
			"più del numero dei partenariati.",
		MatrixKey: "sì: soddisfa il criterio; no: non lo soddisfa; ?: esaminato, non si sa; ·: ancora da valutare. Il partenariato scelto è in grassetto.",
		NoReason:  "Non è stata indicata una motivazione.",
		NoneSelected: "Per questa autovalutazione non è ancora stato scelto un partenariato. Applicate i criteri ai " +
			"partenariati mappati e sceglietene uno nella fase 2.",
		NoMapping:  "Non è ancora stato mappato alcun partenariato.",
		NoFindings: "Nulla ancora di scritto.",
		NoPlan:     "Non sono ancora state concordate azioni.",
		SuggestedNote: "Il questionario suggerisce questi interventi per le affermazioni nella fascia delle barriere. " +
			"Sono spunti per il gruppo, non decisioni.",
		AppendixIntro: "Per ogni affermazione: n (le persone che hanno dato un punteggio), la media, la deviazione " +
			"standard (DS), le risposte «non so» (mai conteggiate nel punteggio) e le quote d'accordo (4-5) e in " +
			"disaccordo (1-2) con le parole così come sono scritte, poi le note del gruppo e tutti i commenti, attribuiti a gruppi di almeno 3 partecipanti.",
		NoScoresNext: "Quando gli interni avranno compilato il questionario (fase 3) e gli esterni le affermazioni " +
			"della verifica (fase 4), questa parte mostrerà i punteggi di ogni questione chiave, la distribuzione di " +
			"ogni affermazione e gli scarti della verifica.",
		SummaryNoIssue:     "Nessuna questione chiave ha ancora punteggi da almeno 3 persone, quindi nessuna è valutata qui.",
		SummaryConfirmed:   "Le barriere confermate dal gruppo:",
		SummaryNoConfirmed: "Il gruppo non ha ancora scritto alcuna barriera.",
		SummaryNoPlan:      "Non sono ancora state concordate azioni.",
		MissingScores:      "nessuna risposta: nessuno ha ancora compilato il questionario",
		MissingMapping:     "nessun partenariato mappato",
		MissingSelection:   "nessun partenariato scelto",

		Mapped: func(total, directorates int) string {
			return fmt.Sprintf("Sono stati mappati %s in %s.", plural(total, "partenariato", "partenariati"),
				plural(directorates, "area di servizio", "aree di servizio"))
		},
		UnassignedNote: func(n int) string {
			return fmt.Sprintf("%s in nessuna area: %s fra i non assegnati, così le righe sommano al totale.",
				pick(n, "1 partenariato non è collocato", fmt.Sprintf("%d partenariati non sono collocati", n)),
				pick(n, "compare", "compaiono"))
		},
		MeetAll: func(all, total int) string {
			if total == 1 {
				return pick(all, "L'unico partenariato mappato soddisfa tutti i criteri.", "L'unico partenariato mappato non soddisfa tutti i criteri.")
			}
			return fmt.Sprintf("%d dei %s %s tutti i criteri.", all, plural(total, "partenariato mappato", "partenariati mappati"), pick(all, "soddisfa", "soddisfano"))
		},
		ShortlistNote: func(shown, total int) string {
			return fmt.Sprintf("I %d partenariati più vicini a soddisfare tutti i criteri, su %d mappati; per primo "+
				"quello scelto.", shown, total)
		},
		KeyIssueN: func(n int, title string) string { return fmt.Sprintf("Questione chiave %d. %s", n, title) },
		WorkbookIntro: func(improve, good string) string {
			return fmt.Sprintf("Gli interni (le persone del partenariato) hanno compilato il questionario; gli esterni "+
				"(cittadini, associazioni e partner) le affermazioni scelte per la verifica. I punteggi vanno da 1 (per "+
				"niente d'accordo) a 5 (pienamente d'accordo); una media da %s in su è un punto di forza, da %s un "+
				"aspetto da migliorare, sotto %s una barriera.", good, improve, improve)
		},
		GapsIntro: func(threshold string) string {
			return fmt.Sprintf("Lo scarto è la media degli interni meno quella degli esterni. Uno scarto di +%s o più è "+
				"un punto cieco (gli interni si valutano meglio di quanto faccia la comunità); di −%s o meno è una "+
				"forza non riconosciuta. n è il numero di persone di ciascun gruppo che hanno dato un punteggio. La riga "+
				"di una questione chiave confronta i due gruppi sulle stesse affermazioni, quelle a cui hanno risposto "+
				"entrambi (almeno 3 persone ciascuno): le sue medie sono su quelle affermazioni e possono differire dai "+
				"punteggi delle questioni chiave più sopra.", threshold, threshold)
		},
		GapLine: func(statement, gap, insMean string, insN int, outsMean string, outsN int) string {
			return fmt.Sprintf("%s: scarto %s = interni %s (n=%d) − esterni %s (n=%d)", statement, gap, insMean, insN, outsMean, outsN)
		},
		GapOver: func(n int) string {
			return "su " + pick(n, "1 affermazione a cui hanno risposto entrambi i gruppi",
				fmt.Sprintf("%d affermazioni a cui hanno risposto entrambi i gruppi", n))
		},
		NobodyYet: func(registered int) string {
			if registered == 0 {
				return "Non ha ancora partecipato nessuno: non ci sono partecipanti registrati."
			}
			return fmt.Sprintf("Non ha ancora partecipato nessuno: %s, ma nessuna risposta.",
				pick(registered, "1 partecipante registrato", fmt.Sprintf("%d partecipanti registrati", registered)))
		},
		NoScoresYet: func(insiders, outsiders int) string {
			return fmt.Sprintf("Non ci sono ancora punteggi da mostrare. Sono registrati %s e %s, ma nessuno ha "+
				"ancora dato un punteggio, quindi il rapporto non disegna grafici.",
				plural(insiders, "interno", "interni"), plural(outsiders, "esterno", "esterni"))
		},
		SummaryNoScores: func(registered int) string {
			return fmt.Sprintf("Questa autovalutazione non ha ancora risposte (%s), quindi il rapporto mostra la "+
				"mappatura, la scelta e gli eventuali piani, ma nessun punteggio.",
				pick(registered, "1 partecipante registrato", fmt.Sprintf("%d partecipanti registrati", registered)))
		},
		SummaryTookPart: func(insiders, insScored, statements, outsiders, outsScored, verification int) string {
			of := func(scored, total int, one, many string) string {
				if scored == total {
					return pick(total, "all'unica "+one, fmt.Sprintf("alle %d %s", total, many))
				}
				return fmt.Sprintf("a %d delle %d %s", scored, total, many)
			}
			s := fmt.Sprintf("%s %s un punteggio %s", plural(insiders, "interno", "interni"), pick(insiders, "ha dato", "hanno dato"),
				of(insScored, statements, "affermazione", "affermazioni"))
			if outsiders == 0 {
				return s + "; nessun esterno ha ancora risposto alle affermazioni della verifica."
			}
			return fmt.Sprintf("%s; %s %s.", s, plural(outsiders, "esterno", "esterni"),
				of(outsScored, verification, "affermazione della verifica", "affermazioni della verifica"))
		},
		SummaryIssues: func(whose, best, bestFig, worst, worstFig string) string {
			return fmt.Sprintf("Secondo i punteggi %s, la questione chiave più forte è «%s» (%s) e la più debole «%s» (%s).",
				whose, best, bestFig, worst, worstFig)
		},
		SummaryOneIssue: func(whose, title, fig string) string {
			return fmt.Sprintf("Solo una questione chiave ha abbastanza punteggi %s: «%s» (%s).", whose, title, fig)
		},
		IssueFig: func(group, mean, band, other, otherMean string, otherN int) string {
			s := fmt.Sprintf("%s %s, %s", group, mean, band)
			if otherN == 0 {
				return s
			}
			if otherMean == "" {
				return fmt.Sprintf("%s; %s n=%d, non mostrati", s, other, otherN)
			}
			return fmt.Sprintf("%s; %s %s", s, other, otherMean)
		},
		SummaryBarrierBand: func(n int, threshold, lowest, whose, mean string, nn int) string {
			return fmt.Sprintf("%s una media sotto %s (di tutti dove hanno risposto entrambi i gruppi, altrimenti degli interni), "+
				"nella fascia delle barriere; la più bassa è %s (media %s %s, n=%d).",
				pick(n, "1 affermazione ha", fmt.Sprintf("%d affermazioni hanno", n)), threshold, lowest, whose, mean, nn)
		},
		SummaryNoBlindSpots: func(compared int) string {
			return fmt.Sprintf("Non ci sono punti ciechi: su nessuna delle %s confrontate gli interni danno 1,0 o più "+
				"degli esterni.", pick(compared, "1 affermazione", fmt.Sprintf("%d affermazioni", compared)))
		},
		SummaryNoneCompared: func(outsiders int) string {
			if outsiders == 0 {
				return "Nessuno scarto della verifica si può calcolare: nessun esterno ha ancora risposto alle " +
					"affermazioni della verifica, quindi il punto di vista degli interni non è stato ancora verificato."
			}
			return fmt.Sprintf("Nessuno scarto della verifica si può calcolare: nessuna affermazione ha risposte da "+
				"almeno 3 esterni (%s), quindi non si sa se ci siano punti ciechi.",
				pick(outsiders, "ha partecipato 1 esterno", fmt.Sprintf("hanno partecipato %d esterni", outsiders)))
		},
		SummaryNoBarrierBand: func(threshold string) string {
			return fmt.Sprintf("Nessuna affermazione ha una media sotto %s: nessuna è nella fascia delle barriere.", threshold)
		},
		SummaryBlindSpots: func(n, shown int) string {
			s := fmt.Sprintf("%s, dove gli interni si danno un punteggio di 1,0 o più sopra quello degli esterni",
				plural(n, "punto cieco", "punti ciechi"))
			if shown < n {
				return fmt.Sprintf("%s; i %d maggiori:", s, shown)
			}
			return s + ":"
		},
		SummaryStrengths: func(n, shown int) string {
			s := fmt.Sprintf("%s, dove gli esterni danno al partenariato un punteggio di 1,0 o più sopra quello degli interni",
				plural(n, "forza non riconosciuta", "forze non riconosciute"))
			if shown < n {
				return fmt.Sprintf("%s; le %d maggiori:", s, shown)
			}
			return s + ":"
		},
		SummaryPlan: func(n int) string {
			return fmt.Sprintf("Che cosa intende fare l'ente (%s):", plural(n, "azione", "azioni"))
		},
		SummaryPlanMore: func(n int) string {
			return fmt.Sprintf("… e altre %d nel piano d'azione (fase 5).", n)
		},
		SummaryChanged: func(then string) string {
			return fmt.Sprintf("Lo stesso partenariato era già stato valutato, dal %s: l'ultima sezione dice che cosa è cambiato.", then)
		},
		AgreedScore: func(score, points int, reversed bool) string {
			if reversed {
				return fmt.Sprintf("Punteggio concordato dal gruppo: %d su %d come risposto, %d sulla scala capovolta "+
					"della media (più alto è meglio).", score, points, points+1-score)
			}
			return fmt.Sprintf("Punteggio concordato dal gruppo: %d su %d.", score, points)
		},
		Comments: func(n int) string { return fmt.Sprintf("Commenti (%d)", n) },
		MarkerNote: func(marker string) string {
			return fmt.Sprintf("%s indica un carattere che i caratteri tipografici del rapporto non sanno disegnare "+
				"(un'emoji, o una scrittura come il cinese o l'arabo); l'archivio conserva il testo come è stato scritto.", marker)
		},
		WhatChanged: func(then string) string { return "Che cosa è cambiato dall'autovalutazione del " + then },
		ChangesIntro: func(then string, insThen, outsThen int, now string, insNow, outsNow int) string {
			return fmt.Sprintf("Lo stesso partenariato è stato valutato dal %s (%s e %s) e di nuovo dal %s "+
				"(%s e %s). Le persone possono essere cambiate.",
				then, plural(insThen, "interno", "interni"), plural(outsThen, "esterno", "esterni"),
				now, plural(insNow, "interno", "interni"), plural(outsNow, "esterno", "esterni"))
		},
		Moved: func(threshold string) string {
			return "Affermazioni la cui media è cambiata di " + threshold + " o più"
		},
		NoneMoved: func(threshold string) string {
			return "Nessuna affermazione ha una media cambiata di " + threshold + " o più."
		},
		MovedMore: func(shown, total int) string {
			return fmt.Sprintf("Le %d cambiate di più, su %d.", shown, total)
		},
		Page:             func(n int, total string) string { return fmt.Sprintf("Pagina %d di %s", n, total) },
		Since:            func(year int) string { return fmt.Sprintf("dal %d", year) },
		StartNotRecorded: "inizio non indicato",
		Ongoing:          "ancora attivo",
		Ended:            "concluso",
		MeetsNone:        "nessuno",
		MeetsEvery:       "tutti i criteri",
		MeetsSome:        func(met, notMet string) string { return met + "; non " + notMet },
		NotComparedWhy: func(few, none []string) string {
			var why []string
			if len(few) > 0 {
				why = append(why, "meno di 3 "+strings.ToLower(strings.Join(few, " e ")))
			}
			if len(none) > 0 {
				why = append(why, "nessun punteggio dagli "+strings.ToLower(strings.Join(none, " né dagli ")))
			}
			if len(why) == 0 {
				return "Non confrontato"
			}
			return "Non confrontato: " + strings.Join(why, "; ")
		},
		StatementRef: func(number string) string { return "affermazione " + number },
		KeyIssueRef:  func(number int) string { return fmt.Sprintf("questione chiave %d", number) },
	}
}
