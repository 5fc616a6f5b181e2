/*
 * table.c: the walk through the plan's table, row by row. The table's
 * columns change meaning from row to row, so each row is read by what came
 * before it (wo_phase):
 *
 *   title row                      the plan's title, sponsors and leads
 *   column headings                "KEY CONCERN WORKSTREAMS", "ACTIONS/ACTIVITY"
 *   workstream row                 heading cell, then actions or the
 *                                  "ACTIONS/ACTIVITY" marker
 *   action rows (cell 1 empty)     numbered actions, one per cell
 *   marker row                     "OUTCOME/PROGRESS MEASURES"
 *   measures row                   lists of measures, one or more per cell
 *   membership row (cell 1 only)   continues the workstream's membership
 *   "GLOSSARY" row, then terms
 *
 * Numbered actions are read here; the other readers have their own files.
 */
#include <stdlib.h>
#include <string.h>

#include "worcestershire.h"

static const char MARK_ACTIONS[] = "ACTIONS/ACTIVITY";
static const char MARK_MEASURES[] = "OUTCOME/PROGRESS MEASURES";
static const char MARK_GLOSSARY[] = "GLOSSARY";

static int row_blank(wo_load *w, const wo_row *row) {
  for (size_t n = 1; n <= row->cells.count; n++)
    if (!wo_cell_blank(w, wo_cell(row, n))) return 0;
  return 1;
}

/* The first cell of row (from cell `from`) reading marker, or 0. */
static size_t marker_cell(wo_load *w, const wo_row *row, size_t from, const char *marker) {
  for (size_t n = from; n <= row->cells.count; n++)
    if (wo_cell_is(w, row, n, marker)) return n;
  return 0;
}

/* Are all cells of row but `except` blank? */
static int only_cell(wo_load *w, const wo_row *row, size_t except) {
  for (size_t n = 1; n <= row->cells.count; n++)
    if (n != except && !wo_cell_blank(w, wo_cell(row, n))) return 0;
  return 1;
}

/* One action cell: "3. Provide ...", quoted whole. A cell whose number
 * item_number does not see ("0-25 SEND ...") is an action the document
 * does not number: its ref stays NULL. */
static int action(wo_load *w, const wo_row *row, size_t cell) {
  const char *raw = wo_cell(row, cell), *start = raw, *end = raw + strlen(raw), *rest = NULL;
  if (wo_find(start, end, "<li"))
    return sl_fail(w->host, WO_APP, row->line,
                   "cell %zu: a list among workstream %s's actions (is the \"%s\" row missing?)",
                   cell, w->concern_ref, MARK_MEASURES);
  wo_trim(&start, &end);
  const char *quote = wo_copy(w, start, end);
  const char *text = wo_text(w, quote);
  const char *ref = sl_item_number(w->host, text, &rest);
  if (ref) {
    long number = strtol(ref, NULL, 10);
    if (number != w->last_action + 1)
      sl_log(w->host, SL_LOG_WARN, "%s: line %zu: workstream %s: action %s follows action %ld",
             WO_APP, row->line, w->concern_ref, ref, w->last_action);
    w->last_action = number;
    text = rest;
  } else {
    sl_log(w->host, SL_LOG_WARN, "%s: line %zu cell %zu: workstream %s: an unnumbered action",
           WO_APP, row->line, cell, w->concern_ref);
  }
  sl_action_record record = {.concern = w->concern,
                             .ref = ref,
                             .text = text && *text ? text : NULL,
                             .source = wo_source(w, row->line, cell, 0, quote)};
  sl_id action;
  if (sl_emit_action(w->host, &record, &action)) return -1;
  if (record.text && wo_action_roles(w, action, record.text, row->line, cell)) return -1;
  w->action_count++;
  return 0;
}

/* Cells from..count of row, each an action unless blank or the
 * ACTIONS/ACTIVITY heading. */
static int actions(wo_load *w, const wo_row *row, size_t from) {
  for (size_t n = from; n <= row->cells.count; n++)
    if (!wo_cell_blank(w, wo_cell(row, n)) && !wo_cell_is(w, row, n, MARK_ACTIONS) &&
        action(w, row, n))
      return -1;
  return 0;
}

/* A workstream is complete once its measures are read. */
static int workstream_complete(wo_load *w, size_t line) {
  if (w->phase == WO_ACTIONS)
    return sl_fail(w->host, WO_APP, line,
                   "workstream %s (line %zu) has no \"%s\" row before this one", w->concern_ref,
                   w->concern_line, MARK_MEASURES);
  if (w->phase == WO_MEASURES_NEXT)
    return sl_fail(w->host, WO_APP, line, "workstream %s (line %zu): no measures after \"%s\"",
                   w->concern_ref, w->concern_line, MARK_MEASURES);
  return 0;
}

static int workstream_row(wo_load *w, const wo_row *row) {
  if (w->phase == WO_GLOSSARY)
    return sl_fail(w->host, WO_APP, row->line, "a workstream after the %s", MARK_GLOSSARY);
  if (workstream_complete(w, row->line) || wo_workstream(w, row)) return -1;
  w->phase = WO_ACTIONS;
  return actions(w, row, 2);
}

static int glossary_row(wo_load *w, const wo_row *row, size_t from) {
  for (size_t n = from; n <= row->cells.count; n++)
    if (!wo_cell_blank(w, wo_cell(row, n)) && wo_glossary_cell(w, row, n)) return -1;
  return 0;
}

static int glossary_start(wo_load *w, const wo_row *row) {
  if (w->phase == WO_HEAD)
    return sl_fail(w->host, WO_APP, row->line, "the %s comes before any workstream", MARK_GLOSSARY);
  if (workstream_complete(w, row->line)) return -1;
  w->phase = WO_GLOSSARY;
  return glossary_row(w, row, 2);
}

/* In a workstream's actions: more actions (cell 1 empty), or the marker
 * row that ends them. */
static int action_row(wo_load *w, const wo_row *row) {
  size_t marker = marker_cell(w, row, 1, MARK_MEASURES);
  if (marker) {
    if (!only_cell(w, row, marker))
      return sl_fail(w->host, WO_APP, row->line, "the \"%s\" row holds other text", MARK_MEASURES);
    if (w->action_count == 0)
      return sl_fail(w->host, WO_APP, row->line, "workstream %s (line %zu) has no actions",
                     w->concern_ref, w->concern_line);
    w->measures_heading = wo_text(w, wo_cell(row, marker));
    w->phase = WO_MEASURES_NEXT;
    return 0;
  }
  if (!wo_cell_blank(w, wo_cell(row, 1)))
    return sl_fail(w->host, WO_APP, row->line,
                   "cell 1: expected workstream %s's actions (cell 1 empty) or its \"%s\" row",
                   w->concern_ref, MARK_MEASURES);
  return actions(w, row, 2);
}

/* After the measures, before the next workstream: a list alone in cell 1
 * continues the workstream's membership (the export split it off). */
static int after_measures_row(wo_load *w, const wo_row *row) {
  const char *first = wo_cell(row, 1);
  if (!only_cell(w, row, 1) || !wo_find(first, first + strlen(first), "<li"))
    return sl_fail(w->host, WO_APP, row->line,
                   "unexpected row after workstream %s's measures (only a membership list "
                   "in cell 1, the next workstream or the %s may follow)",
                   w->concern_ref, MARK_GLOSSARY);
  return wo_members(w, first, row->line, 1);
}

/* Before the first workstream: the column headings. */
static int head_row(wo_load *w, const wo_row *row) {
  if (!marker_cell(w, row, 1, MARK_ACTIONS))
    return sl_fail(w->host, WO_APP, row->line,
                   "expected the column headings (\"%s\") or the first workstream", MARK_ACTIONS);
  return 0;
}

int wo_table_row(wo_load *w, size_t line) {
  wo_row row = {line, sl_split_cells(w->host, w->doc->lines[line - 1])};
  if (row_blank(w, &row)) return 0;
  if (w->phase == WO_TITLE) {
    w->phase = WO_HEAD;
    return wo_title(w, &row);
  }
  if (wo_is_workstream(w, wo_cell(&row, 1))) return workstream_row(w, &row);
  if (wo_cell_is(w, &row, 1, MARK_GLOSSARY) && w->phase != WO_GLOSSARY)
    return glossary_start(w, &row);
  switch (w->phase) {
  case WO_HEAD:
    return head_row(w, &row);
  case WO_ACTIONS:
    return action_row(w, &row);
  case WO_MEASURES_NEXT:
    w->phase = WO_AFTER_MEASURES;
    return wo_measures(w, &row);
  case WO_AFTER_MEASURES:
    return after_measures_row(w, &row);
  case WO_GLOSSARY:
    return glossary_row(w, &row, 1);
  case WO_TITLE:
    break;
  }
  return 0;
}

int wo_table_end(wo_load *w) {
  size_t last = w->doc->line_count;
  switch (w->phase) {
  case WO_TITLE:
    return sl_fail(w->host, WO_APP, 0, "the document is empty");
  case WO_HEAD:
    return sl_fail(w->host, WO_APP, last, "the document ends before any workstream");
  case WO_ACTIONS:
    return sl_fail(w->host, WO_APP, last,
                   "the document ends inside workstream %s (line %zu), before its \"%s\" row",
                   w->concern_ref, w->concern_line, MARK_MEASURES);
  case WO_MEASURES_NEXT:
    return sl_fail(w->host, WO_APP, last,
                   "the document ends inside workstream %s (line %zu), before its measures",
                   w->concern_ref, w->concern_line);
  case WO_AFTER_MEASURES:
    return sl_fail(w->host, WO_APP, last, "the document ends without its %s", MARK_GLOSSARY);
  case WO_GLOSSARY:
    break;
  }
  return 0;
}
