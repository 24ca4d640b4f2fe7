"""Vacancies an employer saves: text, occupation and accepted skills, ranked against opted-in passports."""
