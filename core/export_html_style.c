/*
 * export_html_style.c: the page's one stylesheet and its one script, as
 * constants (export_html_internal.h). The look follows the GOV.UK Design
 * System's published values: its type scale (16px body on phones, 19px
 * from 641px), colours (text #0b0c0c, secondary #505a5f, links #1d70b8,
 * visited #4c2c92, borders #b1b4b6), its yellow focus with a black
 * underline, and its 5px spacing steps; GDS Transport may only be used
 * on gov.uk, so the type is its documented fallback, arial. Nothing is
 * fetched: no font, image or request leaves the page.
 *
 * Reflow (WCAG 1.4.10): nothing is wider than the screen at 320 CSS px;
 * wide tables scroll inside their own labelled,
 * focusable region. SVG text stays at least 12 CSS px at every width.
 * Print: A4, each chart and table row kept whole, headings kept with what
 * follows, an area per page.
 */
#include "export_html_internal.h"

/* Colours: text on its background is at least 4.5:1 (most above 7:1);
 * marks and bars are at least 3:1 against white, and words carry meaning. */
const char html_style[] =
    ":root{color:#0b0c0c;background:#fff;font:16px/1.25 arial,sans-serif}"
    "*,*::before,*::after{box-sizing:border-box}[hidden]{display:none!important}"
    "body{max-width:1020px;margin:0 auto;padding:0 15px 30px;overflow-wrap:break-word}"
    "h1,h2,h3,h4,h5{font-weight:700;line-height:1.1;margin:30px 0 15px}"
    "h1{font-size:32px;margin-top:20px}h2{font-size:24px;margin-top:40px;padding-bottom:5px;"
    "border-bottom:1px solid #b1b4b6}h3{font-size:18px}h4,h5{font-size:16px;margin:20px 0 10px}"
    "p,ul,ol,dl{margin:0 0 15px}.lead{font-size:18px}.summary{border-left:5px solid #1d70b8;"
    "padding:5px 0 5px 15px}"
    "a{color:#1d70b8;text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);"
    "text-underline-offset:.1578em}a:visited{color:#4c2c92}a:hover{color:#003078;"
    "text-decoration-thickness:max(3px,.1875rem)}"
    "a:focus,.table-scroll:focus,select:focus,.skip-link:focus{outline:3px solid transparent;"
    "color:#0b0c0c;background-color:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;"
    "text-decoration:none}"
    ".table-scroll:focus{box-shadow:0 0 0 3px #ffdd00,0 0 0 6px #0b0c0c}"
    /* Hidden until focused, clipped in place rather than moved off the
     * screen (which would widen the page to the left). */
    ".skip-link{position:absolute;width:1px;height:1px;margin:0;padding:0;overflow:hidden;"
    "clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}"
    ".skip-link:focus{position:static;width:auto;height:auto;overflow:visible;clip:auto;"
    "clip-path:none;white-space:normal;display:block;padding:10px 15px;margin:0 -15px}"
    ".contents ol{padding-left:20px}.contents ul{padding-left:20px;margin:5px 0}"
    ".contents li{margin:5px 0}"
    ".filter{background:#f3f2f1;padding:15px;margin:0 0 20px}.filter h2{margin-top:0;border:0}"
    ".filter label{display:block;font-weight:700;margin:10px 0 5px}.filter select{font:inherit;"
    "min-height:40px;max-width:100%;border:2px solid #0b0c0c;background:#fff;padding:5px}"
    ".filter select:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:inset 0 0 0 2px}"
    ".filter p{margin:15px 0 0;font-weight:700}"
    ".table-scroll{overflow-x:auto;max-width:100%;margin:0 0 20px}"
    "table{border-collapse:collapse;width:100%;margin:0}"
    "caption{text-align:left;font-weight:700;padding:5px 0 10px}"
    "th,td{border-bottom:1px solid #b1b4b6;padding:10px 20px 10px 0;text-align:left;"
    "vertical-align:top}"
    "thead th{border-bottom:2px solid #0b0c0c}.matrix td p{margin:0 0 5px}.matrix td{"
    "min-width:11rem}.matrix th[scope=row]{min-width:8rem}"
    "table.records td:nth-child(2){min-width:14rem}"
    ".mark{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border:1px solid #0b0c0c;"
    "vertical-align:-.05em;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".mark.ins{background:#d4351c}.mark.suf{background:#00703c}.mark.con{background:#1d70b8}"
    ".mark.unj{background:#fff}"
    ".badge{display:inline-block;padding:2px 8px 3px;font-weight:700;white-space:nowrap}"
    ".badge.ins{color:#942514;background:#f4cdc6}.badge.suf{color:#005a30;background:#cce2d8}"
    ".badge.unj{color:#282d30;background:#e5e6e7}"
    ".none,.small,.themes,.secondary{color:#505a5f}"
    ".card{border-top:5px solid #1d70b8;padding:0 0 15px;margin:40px 0}"
    ".card>h3{font-size:24px;margin-top:15px}"
    "dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:5px 20px}"
    "dt{font-weight:700}dd{margin:0}ul.plain{list-style:none;padding:0;margin:0}"
    ".weaknesses li,.conflicts li,.reviews li{margin:10px 0}"
    "sup.refs{font-size:.75em;margin-left:.15em;line-height:0}"
    ".notes ol{font-size:.875em;padding-left:2.2rem}.notes li{margin:5px 0}"
    ".chart svg{max-width:100%;height:auto}svg text{font:13px arial,sans-serif;fill:#0b0c0c}"
    "figure{margin:15px 0 30px}figcaption{font-size:.875em}"
    ".synthetic{border:5px solid #d4351c;background:#fff;color:#0b0c0c;padding:15px;"
    "margin:15px 0;font-size:1.1em}"
    ".board-area h3{font-size:19px}.board-area table{font-size:.875em}"
    "@media (min-width:641px){:root{font-size:19px;line-height:1.32}body{padding:0 30px 40px}"
    "h1{font-size:48px;margin-top:40px}h2{font-size:36px}h3{font-size:24px}"
    "h4,h5{font-size:19px}.lead{font-size:24px}.card>h3{font-size:27px}"
    ".skip-link:focus{margin:0 -30px;padding:10px 30px}"
    ".contents>ol{columns:2;column-gap:40px}.contents>ol>li{break-inside:avoid}}"
    "@page{size:A4;margin:15mm 15mm 18mm}"
    "@media print{:root{font-size:11pt;line-height:1.3}body{max-width:none;padding:0}"
    ".skip-link,.filter{display:none}a{color:inherit;text-decoration:none}"
    "h1{font-size:22pt;margin-top:0}h2{font-size:17pt}h3{font-size:14pt}h4,h5{font-size:12pt}"
    ".card{border-top:0;padding:0;margin:0;break-before:page}"
    "h2,h3,h4,h5,caption,figcaption{break-after:avoid;page-break-after:avoid}"
    "h2,h3,h4,h5{break-inside:avoid}"
    "tr,li,figure,dl,.weaknesses li,.summary,.legend,.stats figure{break-inside:avoid;"
    "page-break-inside:avoid}"
    "thead{display:table-header-group}.badge,thead th{background:none}"
    ".table-scroll{overflow:visible}"
    /* The "Areas" heading starts the page its first area is on. */
    "#areas{break-before:page}#areas>section.card:first-of-type{break-before:auto}"
    ".contents>ol{columns:1}}";

/* Progressive enhancement: with scripts off the page is whole, and its
 * contents list links every area and theme. With them on, this adds a
 * form of two selects (area, theme) that hides, with the hidden
 * attribute, what does not match: elements carrying data-area another
 * area's, and elements carrying data-themes without the theme; a polite
 * live region says how many areas are shown. Names come from the page's
 * own text and are set as text, never as markup. */
const char html_script[] =
    "(function(){'use strict';"
    "var slot=document.getElementById('filter');"
    "if(!slot||!document.querySelectorAll||!('hidden' in slot))return;"
    "function all(s){return Array.prototype.slice.call(document.querySelectorAll(s));}"
    "var cards=all('section.card[data-area]'),rows=all('tr[data-theme]');"
    "if(!cards.length)return;"
    "function el(tag,attrs,text){var e=document.createElement(tag);"
    "for(var k in attrs)e.setAttribute(k,attrs[k]);if(text)e.textContent=text;return e;}"
    "function select(id,label,all_label,items){"
    "var s=el('select',{id:id,name:id});s.appendChild(el('option',{value:''},all_label));"
    "items.forEach(function(i){s.appendChild(el('option',{value:i[0]},i[1]));});"
    "return [el('label',{'for':id},label),s];}"
    "var names={};all('table.matrix thead th[data-area]').forEach(function(h){"
    "names[h.getAttribute('data-area')]=h.textContent;});"
    "var areas=cards.map(function(c){var code=c.getAttribute('data-area');"
    "return [code,names[code]||code];});"
    "var themes=rows.map(function(r){var h=r.querySelector('th');"
    "return [r.getAttribute('data-theme'),h?h.textContent:r.getAttribute('data-theme')];});"
    "var form=el('form',{'class':'filter','aria-labelledby':'filter-h'});"
    "form.appendChild(el('h2',{id:'filter-h'},'Show one area or theme'));"
    "var a=select('filter-area','Area','All areas',areas),"
    "t=select('filter-theme','Theme','All themes',themes);"
    "[a[0],a[1],t[0],t[1]].forEach(function(e){form.appendChild(e);});"
    "var status=el('p',{id:'filter-status',role:'status','aria-live':'polite'});"
    "form.appendChild(status);"
    "form.addEventListener('submit',function(e){e.preventDefault();});"
    "function apply(){var area=a[1].value,theme=t[1].value;"
    "all('[data-area],[data-themes]').forEach(function(e){"
    "if(e.closest('form'))return;"
    "var code=e.getAttribute('data-area'),list=e.getAttribute('data-themes');"
    "e.hidden=!!(area&&code&&code!==area)||"
    "!!(theme&&list!==null&&(' '+list+' ').indexOf(' '+theme+' ')<0);});"
    "rows.forEach(function(r){r.hidden=!!(theme&&r.getAttribute('data-theme')!==theme);});"
    "var shown=cards.filter(function(c){return !c.hidden;}).length;"
    "var words='Showing '+shown+' of '+cards.length+' area'+(cards.length===1?'':'s');"
    "if(theme)words+=' with the theme '+t[1].options[t[1].selectedIndex].text;"
    "status.textContent=words+'.';}"
    "a[1].addEventListener('change',apply);t[1].addEventListener('change',apply);"
    "slot.appendChild(form);slot.hidden=false;apply();})();";
