package demo

import "github.com/engage-toolkit/engage/internal/workbook"

// Comments participants write beside a score, by language, key-issue slot
// and polarity (disagreeing, neutral, agreeing). They are read-only tables.
var comments = map[string][issueSlots][3][]string{
	"en": {
		issueCommunity: {
			{
				"Meetings are at 2pm on a weekday. Most of our members work.",
				"The papers come out the night before, if at all.",
				"People don't know how to get involved unless someone asks them.",
				"Bus fares and childcare are not covered, so people stop coming.",
				"The same five faces every time. Young people are never there.",
				"We never hear what happened to what we said.",
			},
			{
				"Better than it was, but it depends who is organising.",
				"Some things are explained well, others are full of jargon.",
				"The evening meetings help, the daytime ones don't.",
			},
			{
				"The community centre venue works well for residents.",
				"Expenses are paid on the night, which makes a real difference.",
				"The newsletter explains what is coming up in plain words.",
				"Residents are well briefed before each meeting.",
				"The chair makes sure new people get a chance to speak.",
			},
		},
		issueSkills: {
			{
				"Training is the first thing cut when budgets are tight.",
				"Staff are recruited for qualifications, not for knowing the area.",
				"Little sign of training in working with community groups.",
				"Development plans are forms filled in once a year and forgotten.",
				"Many staff don't know the neighbourhood they work in.",
			},
			{
				"Diversity training was good; nothing on partnership working since.",
				"Some teams are strong on this, others not at all.",
				"The team plan is written but rarely looked at when we plan the year.",
			},
			{
				"Every team has a development plan and it is reviewed.",
				"The diversity training was practical and well attended.",
				"Joint training with the health trust helped a lot.",
				"Front-line staff here know the estate and the families well.",
				"Staff explain things without jargon.",
			},
		},
		issueService: {
			{
				"The agenda is set by officers before residents see it.",
				"Health and council staff use the same words to mean different things.",
				"Professionals talk to each other; residents listen.",
				"Nobody is clear who is responsible for what.",
				"When residents challenge, the meeting moves on.",
			},
			{
				"Leadership is shared on paper; in practice the council chairs.",
				"We work well across agencies, less well with residents.",
				"Roles are clearer than last year but still not written down.",
			},
			{
				"Good range of leadership: the voluntary sector chairs two groups.",
				"Long history of agencies working together here.",
				"New members are welcomed and given a briefing pack.",
				"Residents' knowledge is taken seriously.",
				"People are open to being challenged.",
			},
		},
		issueCulture: {
			{
				"Decisions are made at cabinet and reported back to us.",
				"Funding is year to year, so nothing can be planned.",
				"Budgets are locked into service silos.",
				"Every restructure sets the partnership back a year.",
				"National targets decide the priorities, not local people.",
			},
			{
				"Senior managers support it in principle, less so with money.",
				"Councillors come when there is a local issue.",
				"Some agreements are honoured, some are quietly dropped.",
			},
			{
				"The partnership is written into the community strategy.",
				"The director attends and follows things through.",
				"Ward councillors are engaged and supportive.",
				"What was agreed last year was delivered.",
				"It survived the last reorganisation intact.",
			},
		},
	},
	"it": {
		issueCommunity: {
			{
				"Gli incontri sono alle 15 in Comune: chi lavora non può venire.",
				"I materiali arrivano la sera prima, quando arrivano.",
				"Se non ti chiama qualcuno, non sai come partecipare.",
				"Il trasporto dalle frazioni non c'è: gli anziani restano a casa.",
				"Ci sono sempre le stesse associazioni, i giovani mai.",
				"Non sappiamo mai che fine fanno le nostre proposte.",
			},
			{
				"Meglio di prima, ma dipende da chi organizza.",
				"Alcune cose sono spiegate bene, altre sono piene di sigle.",
				"Gli incontri serali aiutano, quelli di mattina no.",
			},
			{
				"Il centro anziani è una sede comoda per tutti.",
				"Il verbale arriva a tutti, scritto in modo semplice.",
				"Prima di ogni tavolo riceviamo una sintesi chiara.",
				"La coordinatrice dà spazio a chi interviene per la prima volta.",
				"Chi viene dalle frazioni ha il rimborso del viaggio.",
			},
		},
		issueSkills: {
			{
				"La formazione è la prima voce tagliata quando mancano i fondi.",
				"Si assume per titoli, non per conoscenza del territorio.",
				"Poca formazione sul lavoro con le associazioni.",
				"Molti operatori non conoscono i comuni dove lavorano.",
				"Il turnover degli operatori è altissimo: ogni anno si ricomincia.",
			},
			{
				"La formazione sulle differenze culturali c'è stata, poi più nulla.",
				"Dipende dal servizio: alcuni sono preparati, altri no.",
				"Il piano formativo esiste, ma non guida il lavoro.",
			},
			{
				"La formazione congiunta con il distretto sanitario ha aiutato molto.",
				"Le assistenti sociali conoscono bene le famiglie del territorio.",
				"Ogni servizio ha un piano formativo e lo aggiorna.",
				"Gli operatori parlano in modo semplice, senza sigle.",
				"Chi arriva nuovo viene affiancato da un collega esperto.",
			},
		},
		issueService: {
			{
				"L'ordine del giorno lo decide l'Ufficio di Piano prima del tavolo.",
				"Comune e ASL usano le stesse parole con significati diversi.",
				"I tecnici parlano tra loro, le associazioni ascoltano.",
				"Non è chiaro chi deve fare cosa.",
				"Quando il terzo settore solleva un problema, si passa oltre.",
			},
			{
				"La conduzione è condivisa sulla carta, in pratica guida il Comune.",
				"Tra enti si lavora bene, con i cittadini meno.",
				"I ruoli sono più chiari dell'anno scorso, ma non scritti.",
			},
			{
				"Le cooperative coordinano due gruppi di lavoro: buona leadership diffusa.",
				"C'è una lunga abitudine a lavorare insieme tra servizi.",
				"Le nuove associazioni sono accolte bene.",
				"L'esperienza dei volontari viene presa sul serio.",
				"Si accettano le critiche senza mettersi sulla difensiva.",
			},
		},
		issueCulture: {
			{
				"Le decisioni vere le prende il Comitato dei Sindaci, a noi vengono comunicate.",
				"I fondi sono annuali: non si può programmare.",
				"Le risorse sono rigide, legate ai singoli servizi.",
				"A ogni cambio di giunta si riparte da zero.",
				"Le priorità le decidono i bandi regionali, non il territorio.",
			},
			{
				"I dirigenti sono favorevoli a parole, meno con le risorse.",
				"I sindaci vengono quando c'è un problema nel loro comune.",
				"Alcuni impegni sono rispettati, altri spariscono.",
			},
			{
				"Il tavolo è previsto nel Piano di Zona e ne segue l'attuazione.",
				"La coordinatrice d'ambito partecipa e porta avanti le decisioni.",
				"Gli impegni dell'anno scorso sono stati mantenuti.",
				"Il tavolo ha superato il cambio di amministrazione.",
				"Comune e distretto sanitario lavorano davvero insieme.",
			},
		},
	},
}

// dontKnowComments go with a "don't know" answer.
var dontKnowComments = map[string][]string{
	"en": {
		"Not something I see from where I sit.",
		"I'm new to the partnership.",
		"Would need to ask the lead officer.",
		"We are not told about this.",
	},
	"it": {
		"Non lo vedo dal mio ruolo.",
		"Sono nuovo nel tavolo.",
		"Bisognerebbe chiedere all'Ufficio di Piano.",
		"Su questo non riceviamo informazioni.",
	},
}

// partnershipNotes are notes written beside some mapped partnerships.
var partnershipNotes = map[string][]string{
	"en": {
		"Meets quarterly; the chair rotates between council and community members.",
		"Minutes not kept since the coordinator post became vacant.",
		"Merged with a neighbouring forum; check it is not counted twice.",
		"Terms of reference out of date.",
		"Funding agreed year to year.",
		"Resident members appointed through the tenants' federation.",
		"Lead officer to confirm who attends.",
	},
	"it": {
		"Si riunisce ogni due mesi presso il Comune capofila.",
		"Verbali non disponibili dall'ultimo cambio di coordinatore.",
		"Regolamento da aggiornare.",
		"Finanziato annualità per annualità con il Fondo nazionale politiche sociali.",
		"Da verificare chi partecipa per l'ASL.",
		"Il referente delle associazioni è eletto dalla Consulta.",
	},
}

// criterionNotes explain a mark that is not met ([0]) or not known ([1]),
// by language and criterion slot.
var criterionNotes = map[string][critSlots][2]string{
	"en": {
		critNotOneOff:   {"A single round of consultation events.", "Check whether it met again after the launch."},
		critOngoing:     {"Wound up when its funding ended.", "Not sure it still meets."},
		critInvolvement: {"Agencies only; no community members attend.", "Ask the chair who attends."},
		critDecisions:   {"Residents attend but do not vote.", "Decision rules not written down."},
		critStrategic:   {"Not in any strategic plan.", "Check whether it is in the community strategy."},
		critStaff:       {"Front-line staff only; no senior manager attends.", "Ask the lead officer which staff attend."},
		critHealth:      {"No health partner at present.", "A health visitor came once; check."},
	},
	"it": {
		critNotOneOff:   {"Un solo ciclo di incontri di consultazione.", "Verificare se si è riunito dopo l'avvio."},
		critOngoing:     {"Concluso alla fine del finanziamento.", "Non è chiaro se si riunisca ancora."},
		critInvolvement: {"Solo enti, nessun cittadino o associazione.", "Chiedere alla coordinatrice chi partecipa."},
		critDecisions:   {"Le associazioni partecipano ma non decidono.", "Regole decisionali non scritte."},
		critStrategic:   {"Non compare nel Piano di Zona.", "Verificare se è citato nel Piano di Zona."},
		critStaff:       {"Solo operatori; nessun dirigente partecipa.", "Chiedere quali figure partecipano."},
		critHealth:      {"Nessuna partecipazione dell'ASL.", "Il distretto sanitario è stato invitato; da verificare."},
	},
}

// criterionNote returns a note for a mark that is not met, or for an open
// criterion (one the draw left NotMarked), "" when there is none.
func criterionNote(lang string, slot int, m workbook.Mark) string {
	if slot < 0 || slot >= critSlots {
		return ""
	}
	notes := criterionNotes[lang][slot]
	if m == workbook.NotMarked {
		return notes[1]
	}
	return notes[0]
}
