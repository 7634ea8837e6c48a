// Bounds: lemmas as predicates (issue 3).
