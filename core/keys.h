/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The city's fixed numbers and the well-known answer keys: the one place
 * the program names them.  Everything else about the list (its items, its
 * counties, its questions) comes from the policy file. */
#ifndef GUANAI_CORE_KEYS_H
#define GUANAI_CORE_KEYS_H

/* The number of items a policy file has when its header says no "items:"
 * (the city's basic list of 2024). */
#define GU_ITEMS_DEFAULT 39
/* The highest item number any policy may use (arrays indexed by item are
 * this long plus one). */
#define GU_ITEMS_MAX 99

/* At most this many household members (member.1 .. member.GU_MAX_MEMBERS):
 * the answers contract numbers them 1 to 20. */
#define GU_MAX_MEMBERS 20

/* Keys the program itself reads or fills (docs/answers-format.md). */
#define GU_KEY_INTERVIEW_DATE "interview.date"
#define GU_KEY_INTERVIEW_WORKER "interview.worker"
#define GU_KEY_INTERVIEW_TOWNSHIP "interview.township"
#define GU_KEY_CONSENT_DATE "consent.date"
#define GU_KEY_CHILD_NAME "child.name"
#define GU_KEY_CHILD_DOB "child.dob"
#define GU_KEY_CHILD_SEX "child.sex"
#define GU_KEY_CHILD_ID "child.id_number"
#define GU_KEY_CHILD_HUKOU_COUNTY "child.hukou_county"
#define GU_KEY_CHILD_RESIDENCE_COUNTY "child.residence_county"
#define GU_KEY_CHILD_SCHOOL_COUNTY "child.school_county"

/* The policy's alerts that ask for a report the case records (强制报告 to
 * the public security organ, 控辍保学 to the school or education office). */
#define GU_ALERT_MANDATORY_REPORT "mandatory_report"
#define GU_ALERT_DROPOUT "dropout"

/* The group of difficult children and the facts of its three kinds (国发
 * 〔2016〕36号: (a) family poverty, (b) the child's own disability, (c)
 * missing or improper guardianship), counted apart by the ledger. */
#define GU_GROUP_DIFFICULT "difficult"
#define GU_FACT_DIFFICULT_A "difficult_a"
#define GU_FACT_DIFFICULT_B "difficult_b"
#define GU_FACT_DIFFICULT_C "difficult_c"

#endif
