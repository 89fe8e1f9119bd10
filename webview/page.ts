// The Visualize GIL panel's markup, between <body> and its script: the extension writes it into the webview, and the
// bench into the page it renders in Chromium, so the two cannot drift apart. The script (main.ts) fills it in.

export const PANEL_BODY = `<header>
  <h1 id="title">GIL timeline</h1>
  <div class="actions"><button id="measure" type="button" title="Run the file under a tracer and draw what really happened">Measure</button><button id="copy" type="button">Copy as Mermaid</button><button id="export" type="button">Export trace (Perfetto)</button></div>
</header>
<ul class="legend">
  <li><span class="swatch state-running"></span>running (holds the GIL)</li>
  <li><span class="swatch state-waiting"></span>waiting for the GIL</li>
  <li><span class="swatch state-io"></span>I/O, sleep or waiting on another thread (GIL released)</li>
  <li><span class="swatch state-native"></span>native code without the GIL</li>
</ul>
<p id="notice"></p>
<div id="chart" aria-label="Predicted timeline">Drawing the timeline…</div>
<h2>Scenarios</h2>
<table><thead><tr><th>scenario</th><th>wall time</th><th>speed-up</th></tr></thead><tbody id="scenarios"></tbody></table>
<h2>Assumptions</h2>
<ul id="assumptions"></ul>
<section id="measured" hidden>
<h2>Measured</h2>
<p id="measured-wall"></p>
<div id="measured-chart" aria-label="Measured timeline"></div>
<table><thead><tr><th>thread</th><th>line</th><th>CPU</th><th title="Ready to run but not running: waiting for the GIL, or for a free core">waiting</th><th title="Sleep, I/O, locks, queues, joins">blocked</th><th>predicted CPU</th><th>predicted wait</th></tr></thead><tbody id="measured-threads"></tbody></table>
<ul id="measured-notes"></ul>
</section>
`;
