"""Skills passports and explainable matching of people, occupations and vacancies on ESCO."""
