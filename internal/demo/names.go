package demo

// Names insiders are given at the sites that record names, by language.
// Names are optional in Engage and never shown in reports.
var firstNames = map[string][]string{
	"en": {
		"Sarah", "David", "Helen", "Mark", "Priya", "James", "Fiona", "Paul", "Aisha", "Gareth",
		"Joanne", "Tom", "Ruth", "Andrew", "Nadia", "Kevin", "Claire", "Simon", "Yasmin", "Martin",
		"Bev", "Lee", "Anita", "Chris",
	},
	"it": {
		"Giulia", "Marco", "Francesca", "Luca", "Chiara", "Paolo", "Elena", "Giorgio", "Sara",
		"Antonio", "Valentina", "Roberto", "Anna", "Stefano", "Laura", "Davide", "Silvia", "Matteo",
	},
}

var lastNames = map[string][]string{
	"en": {
		"Ahmed", "Barker", "Collins", "Dawson", "Evans", "Fletcher", "Grant", "Hughes", "Iqbal",
		"Jenkins", "Kaur", "Lawson", "Morgan", "Nolan", "O'Neill", "Patel", "Quinn", "Reid",
		"Shaw", "Turner", "Walsh", "Young",
	},
	"it": {
		"Rossi", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
		"Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
	},
}
