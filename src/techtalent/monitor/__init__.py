"""The monitor: indicators on technology education and the labour market, by region and period, sourced."""
