package demo

import (
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// valleDelSole is pilot site 5: an Italian ambito territoriale of six
// comuni working on its Piano di Zona. Few outsiders answered one
// statement, so that breakdown is not shown.
func valleDelSole() sitePlan {
	const (
		ambito   = "Intero ambito"
		capofila = "Castelvecchio del Sole"
		selected = "Tavolo tematico anziani – Piano di Zona"
	)
	return sitePlan{
		n: 5, seed: 5005,
		site: workbook.SiteInput{
			Name:         "Ambito Valle del Sole",
			Organisation: "Ambito Territoriale Valle del Sole",
			Area:         "Valle del Sole (sei comuni)",
			Language:     questionnaire.Italian,
			Context: "Ambito territoriale di sei comuni, con capofila Castelvecchio del Sole. Il Piano di Zona è " +
				"costruito con tavoli tematici aperti al terzo settore e al Distretto sanitario; l'Ufficio di Piano " +
				"ha facilitato l'autovalutazione con il tavolo anziani. Molti anziani vivono nelle frazioni, " +
				"senza trasporto pubblico.",
		},
		partnerships: []partnershipSpec{
			interest(selected, ambito, dirSocial, council, health, vcs, residents).shortlisted().since(2003).
				noted("Si riunisce ogni due mesi; partecipano i centri sociali anziani dei sei comuni."),
			interest("Tavolo tematico minori e famiglie – Piano di Zona", ambito, dirSocial, council, health, schools, vcs).shortlisted().since(2003),
			interest("Tavolo tematico disabilità – Piano di Zona", ambito, dirSocial, council, health, vcs, residents).shortlisted().since(2003),
			interest("Tavolo tematico povertà e inclusione sociale", ambito, dirSocial, council, vcs, business),
			interest("Tavolo salute mentale e dipendenze", ambito, dirSocial, health, council, vcs),
			geo("Centro per le famiglie – comitato di gestione", capofila, dirSocial, council, health, vcs, residents),
			interest("Rete antiviolenza di ambito", ambito, dirSocial, council, health, police, vcs),
			interest("Progetto Dopo di Noi – cabina di regia", ambito, dirSocial, council, vcs, residents).since(2017),
			interest("Tavolo immigrazione e mediazione culturale", ambito, dirSocial, council, vcs, residents),
			interest("Punto Unico di Accesso – coordinamento socio-sanitario", ambito, dirSocial, council, health).unknownCommunity().
				noted("Tavolo tecnico tra Comuni e Distretto sanitario: non partecipano cittadini."),
			interest("Consulta del terzo settore", ambito, dirCommunication, vcs, council, residents),
			interest("Forum delle associazioni di volontariato", ambito, dirCommunication, vcs, residents),
			geo("Assemblea pubblica sul Piano di Zona – Montalto Valle", "Montalto Valle", dirCommunication, council, residents).oneOffEvent().since(2021),
			geo("Laboratorio di comunità – San Vito al Monte", "San Vito al Monte", dirCulture, council, vcs, residents),
			interest("Rete del servizio civile universale", ambito, dirCulture, council, vcs),
			geo("Consulta giovani – Castelvecchio del Sole", capofila, dirEducation, council, schools, residents),
			geo("Patto educativo di comunità – Roccafiorita", "Roccafiorita", dirEducation, schools, council, vcs, residents),
			geo("Orti sociali – Borgo Sereno", "Borgo Sereno", dirEnvironment, council, vcs, residents),
			interest("Tavolo per l'abitare sociale", ambito, dirEnvironment, council, vcs, business),
			geo("Banco alimentare – rete delle parrocchie, Pieve del Sole", "Pieve del Sole", dirNone, vcs, residents).
				noted("Rete informale delle parrocchie: non rientra in nessuna area dell'ambito."),
		},
		years: [2]int{2001, 2022},
		names: true,
		insiderOrgs: []string{
			"Ufficio di Piano – Comune di Castelvecchio del Sole", "Comune di San Vito al Monte", "Distretto sanitario Valle del Sole",
		},
		communityOrgs: []string{"Associazione Anziani Attivi", "Centro sociale anziani di Roccafiorita", "Volontari per l'anziano"},
		partnerOrgs:   []string{"Cooperativa sociale Il Girasole"},
		assessments: []assessmentPlan{{
			title:       "Autovalutazione tavolo anziani 2026",
			started:     "2026-02-16",
			completed:   "2026-03-02",
			partnership: selected,
			reason: "Soddisfa tutti i criteri: è attivo dal 2003, partecipano le associazioni degli anziani, il " +
				"Distretto sanitario e operatori di ogni livello, ed è collegato al Piano di Zona.",
			insiders: 7, outsiders: 4,
			levels:   [issueSlots]float64{3.4, 3.7, 3.8, 3.3},
			outShift: [issueSlots]float64{-0.4, -0.3, -0.3, -0.3},
			spread:   0.45,
			items: []itemPlan{
				{ref: ref{"ca-meeting-times", issueCommunity, 0}, level: 2.5},
				{ref: ref{"os-diversity-training", issueSkills, 2}, outsiders: 2},
				{ref: ref{"os-know-the-community", issueSkills, 5}, level: 4.4},
				{ref: ref{"sc-interagency-working", issueService, 6}, level: 4.5},
				{ref: ref{"sc-welcome-newcomers", issueService, 7}, level: 4.3},
				{ref: ref{"oc-decisions-elsewhere", issueCulture, 4}, level: 2.1},
				{ref: ref{"oc-budget", issueCulture, 5}, level: 2.3},
			},
			notes: []notePlan{
				{ref{"ca-meeting-times", issueCommunity, 0}, 2,
					"Il tavolo si riunisce alle 15 presso il Comune capofila: per gli anziani delle frazioni, senza trasporto, è difficile arrivare. Proposta: incontri a rotazione nei centri anziani."},
				{ref{"os-diversity-training", issueSkills, 2}, 0,
					"Gli esterni non sanno quale formazione abbia il personale: solo due hanno risposto, per cui il dato degli esterni non compare nel rapporto."},
				{ref{"os-know-the-community", issueSkills, 5}, 4,
					"Le assistenti sociali conoscono bene le famiglie e i volontari dei centri anziani."},
				{ref{"oc-decisions-elsewhere", issueCulture, 4}, 2,
					"Le scelte sul Piano di Zona vengono prese dal Comitato dei Sindaci e comunicate al tavolo a cose fatte."},
			},
			issueNotes: [issueSlots]string{
				"Gli esterni confermano le difficoltà di orari e sedi, e sono più critici sulla restituzione delle proposte.",
				"Sulla formazione del personale gli esterni non sanno rispondere; riconoscono che gli operatori conoscono il territorio.",
				"Buona collaborazione tra servizi, riconosciuta anche dagli esterni; meno chiari i ruoli.",
				"Interni ed esterni concordano: le decisioni si prendono altrove e i fondi sono annuali.",
			},
			findings: []findingPlan{
				good(issueService, "sc-interagency-working", "Lunga abitudine alla collaborazione tra servizi comunali, Distretto sanitario e terzo settore."),
				good(issueSkills, "os-know-the-community", "Gli operatori conoscono bene il territorio e le famiglie."),
				improve(issueService, "sc-roles-clear", "Chiarire il ruolo di ciascun partner del tavolo con un regolamento condiviso."),
				improve(issueCommunity, "ca-feedback", "Restituire ai partecipanti che cosa è stato fatto delle loro proposte."),
				barrier(issueCulture, "oc-decisions-elsewhere", "Le decisioni vere sono prese dal Comitato dei Sindaci, non dal tavolo."),
				barrier(issueCulture, "oc-budget", "Fondi annuali e rigidi: il tavolo non può programmare."),
				barrier(issueCommunity, "ca-meeting-times", "Orari e sedi escludono gli anziani delle frazioni."),
			},
			actions: []actionPlan{
				{"Invitare due rappresentanti della Consulta del terzo settore nella cabina di regia del Piano di Zona", "Coordinatrice d'ambito", "2026-05-15",
					issueCulture, workbook.StatusPlanned, nil},
				{"Approvare un regolamento del tavolo che chiarisca ruoli e modalità decisionali", "Ufficio di Piano", "2026-04-30",
					issueService, workbook.StatusPlanned, reviews(
						rv("2026-02-26", "Chiara Ricci", workbook.StatusInProgress, "Bozza discussa al tavolo di febbraio."))},
				{"Tenere gli incontri a rotazione nei centri anziani dei sei comuni, con trasporto dalle frazioni", "Servizio sociale professionale", "2026-03-31",
					issueCommunity, workbook.StatusPlanned, nil},
				{"Concordare un glossario comune tra Comuni, ASL e terzo settore", "Coordinatrice d'ambito", "2026-06-30",
					issueService, workbook.StatusPlanned, nil},
			},
		}},
	}
}
