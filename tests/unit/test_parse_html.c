/* test_parse_html.c: tab-separated cells and the HTML fragments in them:
 * plain text of a fragment, the items of its lists; on small inputs, on
 * hostile ones, and on Worcestershire's plan (plugins/worcestershire/
 * sources/app-2022-2023.txt), expectations read off the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "documents.h"
#include "parse/parse.h"

static sl_arena *arena;

static int document_read(const char *relative, sl_document *doc) {
  return test_document_read(arena, relative, doc);
}

static const char *text(const char *html) { return sl_parse_html_text(arena, html); }

static void test_cells(void) {
  sl_strings cells = sl_parse_cells(arena, "a\t\tb <b>c</b>\t");
  CHECK(cells.count == 4);
  if (cells.count == 4) {
    CHECK_STR(cells.items[0], "a");
    CHECK_STR(cells.items[1], "");
    CHECK_STR(cells.items[2], "b <b>c</b>");
    CHECK_STR(cells.items[3], "");
  }
  cells = sl_parse_cells(arena, "");
  CHECK(cells.count == 1 && strcmp(cells.items[0], "") == 0);
  cells = sl_parse_cells(arena, "\t");
  CHECK(cells.count == 2);
  cells = sl_parse_cells(arena, "no tab at all");
  CHECK(cells.count == 1 && strcmp(cells.items[0], "no tab at all") == 0);
}

static void test_text(void) {
  CHECK_STR(text("<b>1: THE LACK</b>  <i>LEAD:</i> SEND Group"), "1: THE LACK LEAD: SEND Group");
  CHECK_STR(text("Sufficiency &amp; Place"), "Sufficiency & Place");
  CHECK_STR(text("&lt;b&gt; &quot;q&quot; &#39;s&#39; a&nbsp;b"), "<b> \"q\" 's' a b");
  CHECK_STR(text("&#8211; &#x2013; &ndash; &pound;5"),
            "\xE2\x80\x93 \xE2\x80\x93 \xE2\x80\x93 \xC2\xA3"
            "5");
  CHECK_STR(text("one<li>two</li><li>three</li>"), "one two three");
  CHECK_STR(text("<ul style=\"list-style-type: none\"><li>A</li></ul>"), "A");
  CHECK_STR(text("W<b>o</b>rd"), "Word"); /* inline tags do not split words */
  CHECK_STR(text("line<br>break<br/>s"), "line break s");
  CHECK_STR(text("  \t spaced \n\n out  "), "spaced out");
  CHECK_STR(text("<!-- note -->kept"), "kept");
  CHECK_STR(text(""), "");
  CHECK_STR(text(NULL), "");
  /* Not tags or not entities: kept as written. */
  CHECK_STR(text("a < b and c > d"), "a < b and c > d");
  CHECK_STR(text("R&D &unknown; &amp &#;"), "R&D &unknown; &amp &#;");
  CHECK_STR(text("<b unclosed"), "<b unclosed");
  /* Entities that would make NUL or invalid UTF-8 give U+FFFD instead. */
  CHECK_STR(text("a&#0;b&#xD800;c&#x110000;d"), "a\xEF\xBF\xBD"
                                                "b\xEF\xBF\xBD"
                                                "c\xEF\xBF\xBD"
                                                "d");
  CHECK_STR(text("x&#99999999999;y"), "x&#99999999999;y");
}

static void test_list_items(void) {
  sl_strings items = sl_parse_html_list_items(
      arena, "<b>Membership:</b> <ul style=\"x\"><li>Parent carer forum</li>"
             "<LI class='y'>Sufficiency &amp; Place</LI><li>  </li><li>Open item</ul>");
  CHECK(items.count == 3);
  if (items.count == 3) {
    CHECK_STR(items.items[0], "Parent carer forum");
    CHECK_STR(items.items[1], "Sufficiency & Place");
    CHECK_STR(items.items[2], "Open item");
  }
  /* A nested list: each item its own, the outer without the inner's text. */
  items = sl_parse_html_list_items(arena, "<ul><li>Outer<ul><li>Inner</li></ul></li></ul>");
  CHECK(items.count == 2);
  if (items.count == 2) {
    CHECK_STR(items.items[0], "Outer");
    CHECK_STR(items.items[1], "Inner");
  }
  CHECK(sl_parse_html_list_items(arena, "no list here").count == 0);
  CHECK(sl_parse_html_list_items(arena, "<link rel=x><lit>").count == 0);
  CHECK(sl_parse_html_list_items(arena, "<li").count == 0);
  CHECK(sl_parse_html_list_items(arena, "<li>").count == 0);
  CHECK(sl_parse_html_list_items(arena, NULL).count == 0);
}

static void test_hostile(void) {
  size_t length = 10u * 1024 * 1024;
  char *html = malloc(length + 1);
  CHECK(html != NULL);
  if (!html) return;
  /* "<a<a<a..." never closes a tag: linear, and all kept. */
  for (size_t i = 0; i < length; i++)
    html[i] = i % 2 ? 'a' : '<';
  html[length] = '\0';
  CHECK(strlen(text(html)) == length);
  CHECK(sl_parse_html_list_items(arena, html).count == 0);
  /* Ten megabytes of list items. */
  static const char item[] = "<li>x &amp; y</li>";
  size_t count = length / (sizeof item - 1);
  for (size_t i = 0; i < count; i++)
    memcpy(html + i * (sizeof item - 1), item, sizeof item - 1);
  html[count * (sizeof item - 1)] = '\0';
  sl_strings items = sl_parse_html_list_items(arena, html);
  CHECK(items.count == count);
  CHECK(items.count == count && strcmp(items.items[count - 1], "x & y") == 0);
  /* "&&&&..." and "&#1&#1..." are text. */
  memset(html, '&', length);
  CHECK(strlen(text(html)) == length);
  free(html);
}

static void test_worcestershire(void) {
  sl_document doc;
  if (document_read("plugins/worcestershire/sources/app-2022-2023.txt", &doc)) {
    CHECK(!"the document reads");
    return;
  }
  CHECK(doc.line_count >= 29);
  if (doc.line_count < 29) return;
  /* Line 4: the table's header row, two headings then four empty cells. */
  sl_strings cells = sl_parse_cells(arena, doc.lines[3]);
  CHECK(cells.count == 6);
  if (cells.count == 6) {
    CHECK_STR(cells.items[0], "KEY CONCERN WORKSTREAMS");
    CHECK_STR(cells.items[1], "ACTIONS/ACTIVITY");
    CHECK_STR(cells.items[5], "");
  }
  CHECK(sl_parse_cells(arena, doc.lines[12]).count == 1); /* line 13 is empty */
  /* Line 29 of the glossary: its fourth cell is empty. */
  cells = sl_parse_cells(arena, doc.lines[28]);
  CHECK(cells.count == 6);
  if (cells.count == 6) {
    CHECK_STR(cells.items[0], "APP - Accelerated Progress Plan");
    CHECK_STR(text(cells.items[1]), "EHC - Education & Health Care");
    CHECK_STR(cells.items[3], "");
  }
  /* Line 9, workstream 2: its membership list has five members, the second
   * written with "&amp;". */
  cells = sl_parse_cells(arena, doc.lines[8]);
  CHECK(cells.count == 6);
  if (cells.count == 6) {
    sl_strings members = sl_parse_html_list_items(arena, cells.items[0]);
    CHECK(members.count == 5);
    if (members.count == 5) {
      CHECK_STR(members.items[0], "Parent carer forum (FiP) and WAC and stakeholder groups");
      CHECK_STR(members.items[1], "Sufficiency & Place Planning Group Manager (WFC)");
      CHECK_STR(members.items[4], "Early Years and Childcare Strategy Manager (WCF)");
    }
    const char *title = text(cells.items[0]);
    static const char start[] = "2: THE LACK OF SUITABLE SPECIALIST PROVISION TO MEET THE "
                                "IDENTIFIED NEEDS OF CHILDREN AND YOUNG PEOPLE LEAD WCF AND "
                                "HEALTH: SEND Group Manager (WCF)";
    CHECK(strncmp(title, start, sizeof start - 1) == 0);
    CHECK(strstr(title, "&amp;") == NULL && strstr(title, "<") == NULL);
  }
  /* Line 5, workstream 1: six members, one with an en dash. */
  cells = sl_parse_cells(arena, doc.lines[4]);
  CHECK(cells.count == 6);
  if (cells.count == 6) {
    sl_strings members = sl_parse_html_list_items(arena, cells.items[0]);
    CHECK(members.count == 6);
    if (members.count == 6)
      CHECK_STR(members.items[1], "School Phases (First and Primary, Middle, Secondary and High "
                                  "\xE2\x80\x93 for LA maintained and Academies)");
  }
}

int main(void) {
  arena = sl_arena_new();
  test_cells();
  test_text();
  test_list_items();
  test_hostile();
  test_worcestershire();
  sl_arena_free(arena);
  return CHECK_DONE();
}
