/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Building a printed document block by block (core/doc.h). */

#include <stdlib.h>
#include <string.h>

#include "core/doc.h"

/* Returns a malloc'd copy of s (NULL for NULL), setting d->failed when
 * memory runs out. */
static char *copy(gu_doc *d, const char *s)
{
	char *c;

	if (!s)
		return NULL;
	c = strdup(s);
	if (!c)
		d->failed = true;
	return c;
}

/* Starts an empty document: sets its title and no blocks. */
void gu_doc_init(gu_doc *d, const char *title)
{
	memset(d, 0, sizeof *d);
	d->title = copy(d, title ? title : "");
}

/* Appends one block with its texts copied, or marks the document failed. */
void gu_doc_add(gu_doc *d, enum gu_doc_kind kind, const char *c0, const char *c1,
	const char *c2, const char *c3)
{
	const char *in[GU_DOC_CELLS] = { c0, c1, c2, c3 };
	gu_doc_block *b;
	int i;

	if (d->failed)
		return;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		gu_doc_block *v = realloc(d->v, cap * sizeof *v);

		if (!v) {
			d->failed = true;
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	b = &d->v[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	for (i = 0; i < GU_DOC_CELLS && in[i]; i++)
		b->cell[i] = copy(d, in[i]);
}

/* Frees every block's texts, the blocks and the title. */
void gu_doc_free(gu_doc *d)
{
	size_t i;
	int c;

	for (i = 0; i < d->n; i++)
		for (c = 0; c < GU_DOC_CELLS; c++)
			free(d->v[i].cell[c]);
	free(d->v);
	free(d->title);
	memset(d, 0, sizeof *d);
}
