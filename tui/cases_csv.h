/* SPDX-License-Identifier: GPL-3.0-or-later */
/* guanai cases --csv (tui/cases_csv.c), called by "guanai cases" with its
 * own arguments when they hold --csv. */
#ifndef GUANAI_TUI_CASES_CSV_H
#define GUANAI_TUI_CASES_CSV_H

#include <stdio.h>

/* Runs "cases --csv" with the cases command's argv (argv[0] "cases");
 * returns the exit status. */
int gu_cases_csv(int argc, char **argv);
/* Prints the help of the CSV options to f. */
void gu_cases_csv_usage(FILE *f);

#endif
