"""Small shared pieces: text normalisation, languages, errors, database helpers."""
