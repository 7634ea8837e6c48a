enum DocsText { static let theory = "TODO"; static let addingAConjecture = "TODO" }
