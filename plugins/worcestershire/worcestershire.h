/*
 * worcestershire.h: what the Worcestershire plugin's files share: the state
 * of one load and the helpers of text.c.
 *
 * The area publishes one document, its Accelerated Progress Plan as a table
 * export: tab-separated cells holding HTML fragments. table.c walks its rows
 * and hands each to its reader: worcestershire.c (the title row: area and
 * plan), workstream.c (a key-concern workstream: title, leads, membership),
 * table.c itself (numbered actions), measures.c (outcome/progress measures)
 * and glossary.c (the glossary).
 */
#ifndef WO_H
#define WO_H

#include <stddef.h>

#include "sendlens/plugin.h"

/* The one document in sources/. */
#define WO_APP "app-2022-2023.txt"

/* The area's name as the document writes it (the descriptor's too). */
#define WO_AREA_NAME "Worcestershire"

/* Where the walk through the table is: each row is read by what came
 * before it, since the table's columns change meaning from row to row. */
typedef enum wo_phase {
  WO_TITLE,          /* before the title row */
  WO_HEAD,           /* after the title, before the first workstream */
  WO_ACTIONS,        /* in a workstream, reading its numbered actions */
  WO_MEASURES_NEXT,  /* the OUTCOME/PROGRESS MEASURES marker row was read */
  WO_AFTER_MEASURES, /* measures read; a row may continue the membership */
  WO_GLOSSARY        /* in the glossary */
} wo_phase;

/* One load; handles are 0 until their record is emitted. */
typedef struct wo_load {
  sl_host *host;
  const sl_document *doc;
  sl_id plan;
  wo_phase phase;
  const char *measures_heading; /* the marker row's words, as written */
  /* The workstream being read. */
  sl_id concern;
  const char *concern_ref;
  size_t concern_line;
  size_t action_count;
  long last_action;       /* the last action number, to warn of gaps */
  const char *lead_label; /* the workstream's "LEAD ...:" label, as written */
} wo_load;

/* One row of the table: its line (1-based) and its cells as written. */
typedef struct wo_row {
  size_t line;
  sl_strings cells;
} wo_row;

/* ---- the readers; each returns 0 or -1 (the host has the reason) ---- */

/* table.c: every row of the document in order, then the end check. */
int wo_table_row(wo_load *w, size_t line);
int wo_table_end(wo_load *w);

/* worcestershire.c: the title row gives the area and the plan. */
int wo_title(wo_load *w, const wo_row *row);

/* workstream.c: is raw (cell 1) a workstream's heading cell ("<b>1: ...")?
 * Read it: the concern, its leads and members. */
int wo_is_workstream(wo_load *w, const char *raw);
int wo_workstream(wo_load *w, const wo_row *row);
/* Members in a list cell that continues the workstream's membership. */
int wo_members(wo_load *w, const char *raw, size_t line, size_t cell);

/* measures.c: the row after the OUTCOME/PROGRESS MEASURES marker. */
int wo_measures(wo_load *w, const wo_row *row);

/* glossary.c: one "TERM - Expansion" cell. */
int wo_glossary_cell(wo_load *w, const wo_row *row, size_t cell);

/* ---- text.c ---- */

/* Cell n (1-based) of row as written, or "" past the last. */
const char *wo_cell(const wo_row *row, size_t n);

/* The plain text of a cell (html_text); "" for an empty one. */
const char *wo_text(wo_load *w, const char *raw);
int wo_cell_blank(wo_load *w, const char *raw);
/* Does cell n's plain text read exactly marker? */
int wo_cell_is(wo_load *w, const wo_row *row, size_t n, const char *marker);

/* The first occurrence of needle in [start, end), ignoring ASCII case. */
const char *wo_find(const char *start, const char *end, const char *needle);
/* The same, minding case. */
const char *wo_find_exact(const char *start, const char *end, const char *needle);
int wo_starts(const char *text, const char *prefix); /* ignoring case */

/* [*start, *end) with space and whole tags ("</i>", "<b>") trimmed from
 * both ends, so what is left is quotable text. */
void wo_trim(const char **start, const char **end);

/* A host-owned copy of [start, end). */
const char *wo_copy(wo_load *w, const char *start, const char *end);

/* The next <li> item of the raw HTML in [p, end): sets [*inner,
 * *inner_end) to the item's HTML between its tags (trimmed) and returns
 * where to look for the next, or NULL if there is none. The quotable
 * counterpart of the host's html_list_items. */
const char *wo_list_item(const char *p, const char *end, const char **inner,
                         const char **inner_end);

/* A source in the document: "line N cell M", with " item K" if item. */
sl_source wo_source(wo_load *w, size_t line, size_t cell, size_t item, const char *quote);

/* roles.c: a role of parent as written (name), its post and organisation
 * split where the entry shows them; is_post: an entry that is not split
 * is a post (the title's labels name posts), else it stays a name. */
int wo_role(wo_load *w, sl_id parent, const char *kind, const char *role, const char *name,
            int is_post, sl_source source);
/* The lead an action's text names ("commissioning Families in
 * Partnership to lead on this work"), as a role of the action. */
int wo_action_roles(wo_load *w, sl_id action, const char *text, size_t line, size_t cell);
/* The title cell's labelled roles of the plan in [from, end) of the raw
 * cell ("Project Sponsors: ...; ... Business Lead: ..."). */
int wo_title_roles(wo_load *w, size_t line, const char *from, const char *end);

#endif
