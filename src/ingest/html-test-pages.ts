/** Pages of the shapes where an HTML tree builder has choices to make, for the tests that compare trees (html-dom, html-light). */
export const treePages: Record<string, string> = {
  news: `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Valmora &amp; Osmora</title>
    <script>var tracking = "<p>not a paragraph</p>";</script><style>p{margin:0}</style></head>
    <body><nav><a href="/">Inicio</a></nav><article><h1>El concejo de Valmora vota</h1>
    <p class="byline">Por Inés Arrate</p><p>El alcalde dijo &laquo;no&raquo; el martes &#8212; y la votación&nbsp;se aplazó.</p></article></body></html>`,
  // parsed as raw text when scripting is on, as jsdom parses it when it keeps node locations
  noscript: '<html><body><noscript><p>Enable <b>scripts</b></p></noscript><p>Texto del artículo.</p></body></html>',
  crlf: '<html>\r\n<body>\r\n<p>First line\r\nsecond line &amp; more</p>\r\n</body></html>',
  malformed: '<p>One<p>Two<table><tr><td>cell<div>inside</td></tr></table><b><i>crossed</b></i><template><p>kept apart</p></template>',
  empty: '',
};
