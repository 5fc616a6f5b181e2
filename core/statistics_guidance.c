/*
 * statistics_guidance.c: reading a data guidance. Its shape, release after
 * release: a section per file opening "Filename: NAME.csv", then a table of
 * "variable  |  description" lines under a "Variable name | Variable
 * description" heading and a rule of dashes. Anything else is prose.
 */
#include "statistics_guidance.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Line [start, end) without surrounding white space, into the arena. */
static char *guidance_copy(sl_arena *arena, const char *start, const char *end) {
  while (start < end && isspace((unsigned char)*start))
    start++;
  while (end > start && isspace((unsigned char)end[-1]))
    end--;
  return sl_arena_copy(arena, start, (size_t)(end - start));
}

static int guidance_is_rule(const char *text) {
  for (; *text; text++)
    if (*text != '-' && *text != '|' && !isspace((unsigned char)*text)) return 0;
  return 1;
}

/* One line of a variable table: 0 added or skipped, -1 out of memory. */
static int guidance_line(sl_stat_guidance *guidance, const char *file, const char *start,
                         const char *end) {
  const char *bar = memchr(start, '|', (size_t)(end - start));
  if (!file || !bar) return 0;
  char *column = guidance_copy(guidance->arena, start, bar);
  char *label = guidance_copy(guidance->arena, bar + 1, end);
  if (!column || !label) return -1;
  if (!*column || strchr(column, ' ') || guidance_is_rule(column) ||
      strcasecmp(column, "Variable name") == 0)
    return 0;
  sl_stat_guidance_entry *entry = sl_arena_alloc(guidance->arena, sizeof *entry);
  if (!entry) return -1;
  *entry = (sl_stat_guidance_entry){file, column, label};
  return sl_arena_list_push(&guidance->entries, entry);
}

int sl_stat_guidance_read(sl_stat_guidance *guidance, const char *text, size_t length) {
  if (!guidance->arena) {
    if (!(guidance->arena = sl_arena_new())) return -1;
    sl_arena_list_init(&guidance->entries, guidance->arena);
  }
  static const char filename[] = "Filename:";
  const char *file = NULL, *end = text + length;
  for (const char *line = text; line < end;) {
    const char *next = memchr(line, '\n', (size_t)(end - line));
    if (!next) next = end;
    if ((size_t)(next - line) > sizeof filename - 1 &&
        strncmp(line, filename, sizeof filename - 1) == 0) {
      if (!(file = guidance_copy(guidance->arena, line + sizeof filename - 1, next))) return -1;
    } else if (guidance_line(guidance, file, line, next)) {
      return -1;
    }
    line = next + 1;
  }
  return 0;
}

const char *sl_stat_guidance_label(const sl_stat_guidance *guidance, const char *file,
                                   const char *column) {
  if (!guidance->arena) return NULL;
  for (size_t i = 0; i < guidance->entries.count; i++) {
    const sl_stat_guidance_entry *entry = guidance->entries.items[i];
    if (strcasecmp(entry->file, file) == 0 && strcasecmp(entry->column, column) == 0)
      return entry->label;
  }
  return NULL;
}

void sl_stat_guidance_free(sl_stat_guidance *guidance) {
  sl_arena_free(guidance->arena);
  guidance->arena = NULL;
}
