package report

import (
	"fmt"
	"strings"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// cmpLabels holds the texts of the comparison report that the site report
// does not have, in one language. The shared ones (bands, groups, dates,
// numbers) come from [labels].
type cmpLabels struct {
	Title, Kicker, SitesCompared, Basis, HowToRead                      string
	KeyIssues, Grid, MeansSpread, Verification, SharedBarriers, Mapping string
	ByDirectorate, CriteriaRates, Context                               string

	Site, Assessment, Partnership, People, Where, AtSites, AllCriteria string
	NoContext, NotVerified, NoOne, NoShared, NoIssues                  string
	// NoGaps says that no compared statement has a gap of 1.0 or more.
	NoGaps                                                     func(compared int) string
	Mean, Spread, Unassigned, Total, Legend, InShort, OutShort string

	ReadOrder, ReadOrderAll, ReadMeans, ReadSpread, ReadGrid, ReadAnonymity string
	VerificationIntro, SharedIntro, MappingIntro, CriteriaIntro             string
	GapsByIssue, GapUnknown, CriteriaKey, DirectoratesKey, NotListedKey     string
	// OverStatements says how many statements a key-issue gap compares.
	OverStatements func(n int) string
	Organisation   string
	// Draft marks a site whose current assessment is in progress;
	// DraftNote says what that means.
	Draft, DraftNote string

	// Sentences with figures.
	Subtitle      func(sites int, date string) string
	SameQ         func(q string, sites int) string
	SameStructure func(qs string) string
	MixedIntro    func(n int) string
	UsedBy        func(q, sites string) string
	ComparedOn    func(issues string) string
	NotComparedOn func(issues string) string
	OwnMeans      string
	OnlySameQ     string
	NothingShared string
	ScalesDiffer  string
	BandsDiffer   string
	BarrierAt     func(k, of int) string
	People2       func(ins, outs int) string
	SD            func(sd string) string
	CriterionCell func(met, total int) string
}

// cmpLabelsFor returns the comparison texts of a language.
func cmpLabelsFor(lang string) (*cmpLabels, bool) {
	switch lang {
	case questionnaire.English:
		return cmpEnglish(), true
	case questionnaire.Italian:
		return cmpItalian(), true
	}
	return nil, false
}

func cmpEnglish() *cmpLabels {
	return &cmpLabels{
		Title: "Comparing sites", Kicker: "Community engagement self-assessment",
		SitesCompared: "The sites compared", Basis: "What is compared", HowToRead: "How to read this report",
		Draft:     "DRAFT – in progress",
		DraftNote: "DRAFT – in progress: the site's current assessment is not completed yet, so its figures may still change.",
		KeyIssues: "Key issues side by side", Grid: "Key-issue means by site",
		MeansSpread:  "Insiders and outsiders, with the spread between people",
		Verification: "Verification: blind spots and unrecognised strengths by site", SharedBarriers: "Barriers at two or more sites",
		Mapping: "Mapping and selection", ByDirectorate: "Mapped partnerships by directorate",
		CriteriaRates: "Partnerships meeting each criterion", Context: "Each site's context",

		Site: "Site", Assessment: "Assessment", Partnership: "Partnership assessed", People: "People", Where: "Where it is a barrier (mean, n)", AtSites: "At",
		AllCriteria: "All", NoContext: "No context note was recorded for this site.",
		NoGaps: func(n int) string {
			return fmt.Sprintf("No blind spot or unrecognised strength: insiders and outsiders agree within 1.0 on each of the %s both groups scored.",
				plural(n, "statement", "statements"))
		},
		NotVerified: "Not verified: no statement was scored by 3 or more outsiders (and 3 or more insiders).",
		NoOne:       "No one has scored the statements yet.",
		NoShared:    "No statement is in the barrier band at two or more sites.",
		NoIssues:    "No key issue is compared: see “What is compared” on the first page.",
		Mean:        "Mean", Spread: "n, spread", Unassigned: "Unassigned", Total: "Total",
		Legend:  "mean; the line spans one standard deviation either side",
		InShort: "in", OutShort: "out",
		OverStatements: func(n int) string { return plural(n, "statement", "statements") + " compared" },

		ReadOrder:    "The sites are listed in the order they were chosen, not ranked: this is not a league table.",
		ReadOrderAll: "The sites are listed by name, not ranked: this is not a league table.",
		ReadMeans: "A key issue's mean is the mean of its statements' means, so that issues with more statements do " +
			"not weigh more; n is the number of people who scored it.",
		ReadSpread: "The spread (sd) is the standard deviation of the people's own scores for the key issue: how far " +
			"they agree with each other.",
		ReadGrid: "Shading follows the bands, and the band is written in each cell, so nothing depends on colour. " +
			"Each cell says whose score it is: everyone's, or the insiders' where everyone's cannot be shown (on one " +
			"of the key issue's statements only 1 or 2 outsiders scored, so everyone's would reveal theirs).",
		ReadAnonymity: "No figure is shown for a group of fewer than 3 people, and no participant is named. Each site " +
			"is compared on its most recent assessment.",
		VerificationIntro: "A blind spot is a statement that insiders score 1.0 or more higher than outsiders do. " +
			"An unrecognised strength is one that outsiders score 1.0 or more higher. Each site's own are listed, " +
			"blind spots first, largest gap first.",
		SharedIntro: "Statements whose mean is in the barrier band at two or more sites that used the same " +
			"questionnaire, those shared by most sites first. Each mean is everyone's at that site, or, where " +
			"marked, the insiders': on statements outside the verification set only insiders score, and where only " +
			"1 or 2 outsiders scored, everyone's would reveal theirs.",
		MappingIntro:  "The partnerships each site mapped in step 1, by directorate.",
		CriteriaIntro: "The share of each site's mapped partnerships marked as meeting each selection criterion (step 2).",
		GapsByIssue:   "Key-issue gaps (insiders − outsiders)",
		GapUnknown: "Each gap is the insiders' mean minus the outsiders' over the statements both groups scored " +
			"(3 or more people each), with the two means beside it. –: not known, because a group has fewer than " +
			"3 people or no scores.",
		CriteriaKey: "Each cell: the share and number of the site's mapped partnerships marked as meeting the criterion; " +
			"? n: partnerships marked unknown (considered, not known); · n: partnerships not yet marked on it. The criteria:",
		DirectoratesKey: "The directorates:",
		NotListedKey:    "–: not one of the site's directorates.",
		Organisation:    "Organisation",

		Subtitle: func(sites int, date string) string {
			return fmt.Sprintf("%d sites · data as of %s", sites, date)
		},
		SameQ: func(q string, sites int) string {
			return fmt.Sprintf("All %d sites used the same questionnaire, %s: key issues and statements are compared.", sites, q)
		},
		SameStructure: func(qs string) string {
			return "The sites used different versions of the questionnaire (" + qs + ") with the same key issues and " +
				"statements: they are compared in full."
		},
		MixedIntro: func(n int) string {
			return fmt.Sprintf("The sites did not all use the same questionnaire (%d were used), so they are not compared on "+
				"everything:", n)
		},
		UsedBy:        func(q, sites string) string { return q + ": " + sites + "." },
		ComparedOn:    func(issues string) string { return "Compared only on the key issues they share: " + issues + "." },
		NotComparedOn: func(issues string) string { return "Not compared: " + issues + "." },
		OwnMeans: "Each site's key-issue mean is over the statements of its own questionnaire. Statements are matched " +
			"across sites only within the same questionnaire.",
		OnlySameQ:     "Statements are matched across sites only within the same questionnaire.",
		NothingShared: "The questionnaires have no key issue in common that can be compared: no figure is compared across them. Each site's own figures are listed.",
		ScalesDiffer:  "The questionnaires score on scales of different lengths, whose means cannot be compared.",
		BandsDiffer:   "The questionnaires set different bands: each site's band is its own questionnaire's.",
		BarrierAt:     func(k, of int) string { return fmt.Sprintf("%d of %d", k, of) },
		People2:       func(ins, outs int) string { return fmt.Sprintf("%d in · %d out", ins, outs) },
		SD:            func(sd string) string { return "sd " + sd },
		CriterionCell: func(met, total int) string { return fmt.Sprintf("%d of %d", met, total) },
	}
}

func cmpItalian() *cmpLabels {
	return &cmpLabels{
		Title: "Confronto tra i siti", Kicker: "Autovalutazione del coinvolgimento delle comunità",
		SitesCompared: "I siti confrontati", Basis: "Che cosa si confronta", HowToRead: "Come leggere questo rapporto",
		Draft:     "BOZZA – in corso",
		DraftNote: "BOZZA – in corso: la valutazione attuale del sito non è ancora conclusa, quindi i suoi dati possono ancora cambiare.",
		KeyIssues: "Le questioni chiave a confronto", Grid: "Medie delle questioni chiave per sito",
		MeansSpread:  "Interni ed esterni, con la dispersione tra le persone",
		Verification: "Verifica: i punti ciechi e le forze non riconosciute di ogni sito", SharedBarriers: "Ostacoli in due o più siti",
		Mapping: "Mappatura e selezione", ByDirectorate: "Partenariati mappati per area",
		CriteriaRates: "Partenariati che soddisfano ogni criterio", Context: "Il contesto di ogni sito",

		Site: "Sito", Assessment: "Autovalutazione", Partnership: "Partenariato valutato", People: "Persone", Where: "Dove è un ostacolo (media, n)", AtSites: "In",
		AllCriteria: "Tutti", NoContext: "Per questo sito non è stata scritta una nota di contesto.",
		NoGaps: func(n int) string {
			return "Nessun punto cieco né forza non riconosciuta: interni ed esterni concordano entro 1,0 su " +
				pick(n, "l'unica affermazione valutata da entrambi.", fmt.Sprintf("ciascuna delle %d affermazioni valutate da entrambi.", n))
		},
		NotVerified: "Non verificato: nessuna affermazione è stata valutata da almeno 3 esterni (e 3 interni).",
		NoOne:       "Nessuno ha ancora valutato le affermazioni.",
		NoShared:    "Nessuna affermazione è nella fascia degli ostacoli in due o più siti.",
		NoIssues:    "Nessuna questione chiave è confrontata: vedi «Che cosa si confronta» nella prima pagina.",
		Mean:        "Media", Spread: "n, dispersione", Unassigned: "Non assegnati", Total: "Totale",
		Legend:  "media; la linea copre una deviazione standard per parte",
		InShort: "int.", OutShort: "est.",
		OverStatements: func(n int) string {
			return pick(n, "1 affermazione", fmt.Sprintf("%d affermazioni", n)) + " a confronto"
		},

		ReadOrder:    "I siti sono elencati nell'ordine scelto, senza classifica: non è una graduatoria.",
		ReadOrderAll: "I siti sono elencati per nome, senza classifica: non è una graduatoria.",
		ReadMeans: "La media di una questione chiave è la media delle medie delle sue affermazioni, così le questioni " +
			"con più affermazioni non pesano di più; n è il numero di persone che l'hanno valutata.",
		ReadSpread: "La dispersione (ds) è la deviazione standard dei punteggi delle singole persone sulla questione " +
			"chiave: quanto sono d'accordo tra loro.",
		ReadGrid: "Il colore segue le fasce e la fascia è scritta in ogni casella: nulla dipende dal solo colore. " +
			"Ogni casella dice di chi è il punteggio: di tutti, o degli interni dove quello di tutti non si può " +
			"mostrare (su una delle affermazioni della questione hanno risposto solo 1 o 2 esterni, e il punteggio " +
			"di tutti rivelerebbe il loro).",
		ReadAnonymity: "Nessun dato è mostrato per gruppi di meno di 3 persone e nessun partecipante è nominato. Ogni " +
			"sito è confrontato sulla sua autovalutazione più recente.",
		VerificationIntro: "Un punto cieco è un'affermazione a cui gli interni danno almeno 1,0 punti più degli esterni. " +
			"Una forza non riconosciuta è un'affermazione a cui gli esterni danno almeno 1,0 punti più degli interni. " +
			"Per ogni sito sono elencati prima i punti ciechi, poi le forze, dallo scarto più grande.",
		SharedIntro: "Affermazioni con la media nella fascia degli ostacoli in due o più siti che hanno usato lo stesso " +
			"questionario, prima quelle comuni a più siti. Ogni media è di tutti in quel sito o, dove indicato, " +
			"degli interni: alle affermazioni fuori dalla verifica rispondono solo gli interni, e dove hanno " +
			"risposto solo 1 o 2 esterni il punteggio di tutti rivelerebbe il loro.",
		MappingIntro:  "I partenariati mappati da ogni sito nel passo 1, per area.",
		CriteriaIntro: "La quota dei partenariati mappati da ogni sito che soddisfano ciascun criterio di selezione (passo 2).",
		GapsByIssue:   "Scarti per questione chiave (interni − esterni)",
		GapUnknown: "Ogni scarto è la media degli interni meno quella degli esterni sulle affermazioni a cui hanno " +
			"risposto entrambi i gruppi (almeno 3 persone ciascuno), con le due medie accanto. –: non noto, perché " +
			"un gruppo ha meno di 3 persone o nessun punteggio.",
		CriteriaKey: "In ogni casella: quota e numero dei partenariati mappati dal sito che soddisfano il criterio; " +
			"? n: partenariati esaminati ma con esito non noto; · n: partenariati non ancora valutati sul criterio. I criteri:",
		DirectoratesKey: "Le aree:",
		NotListedKey:    "–: non è un'area del sito.",
		Organisation:    "Ente",

		Subtitle: func(sites int, date string) string {
			return fmt.Sprintf("%d siti · dati al %s", sites, date)
		},
		SameQ: func(q string, sites int) string {
			return fmt.Sprintf("Tutti i %d siti hanno usato lo stesso questionario, %s: si confrontano questioni chiave e affermazioni.", sites, q)
		},
		SameStructure: func(qs string) string {
			return "I siti hanno usato versioni diverse del questionario (" + qs + ") con le stesse questioni chiave e " +
				"affermazioni: il confronto è completo."
		},
		MixedIntro: func(n int) string {
			return fmt.Sprintf("I siti non hanno usato tutti lo stesso questionario (ne sono stati usati %d), quindi non "+
				"si confronta tutto:", n)
		},
		UsedBy: func(q, sites string) string { return q + ": " + sites + "." },
		ComparedOn: func(issues string) string {
			return "Si confrontano solo le questioni chiave in comune: " + issues + "."
		},
		NotComparedOn: func(issues string) string { return "Non confrontate: " + issues + "." },
		OwnMeans: "La media di ogni sito su una questione chiave è calcolata sulle affermazioni del suo questionario. " +
			"Le affermazioni si confrontano tra siti solo all'interno dello stesso questionario.",
		OnlySameQ:     "Le affermazioni si confrontano tra siti solo all'interno dello stesso questionario.",
		NothingShared: "I questionari non hanno questioni chiave confrontabili in comune: nessun dato è messo a confronto. Sono elencati i dati di ogni sito.",
		ScalesDiffer:  "I questionari usano scale di lunghezza diversa, le cui medie non si possono confrontare.",
		BandsDiffer:   "I questionari fissano fasce diverse: la fascia di ogni sito è quella del suo questionario.",
		BarrierAt:     func(k, of int) string { return fmt.Sprintf("%d su %d", k, of) },
		People2:       func(ins, outs int) string { return fmt.Sprintf("%d int. · %d est.", ins, outs) },
		SD:            func(sd string) string { return "ds " + sd },
		CriterionCell: func(met, total int) string { return fmt.Sprintf("%d su %d", met, total) },
	}
}

// joinList joins items with commas.
func joinList(items []string) string { return strings.Join(items, ", ") }
