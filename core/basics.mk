## core basics: dates, ID numbers, region codes, text width.
