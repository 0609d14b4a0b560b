"""Generate a bilingual handbook site from a municipality's outsourcing standard in data/."""
