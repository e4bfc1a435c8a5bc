// The editor page: paste, press "Kiểm tra", read the traffic lights, the heat map and the findings.
import { ApiError, Client, escapeHtml, isSentenceLevel, markedHtml, replacementFor } from "./vnpolicytext.js";

const $ = (id) => document.getElementById(id);
const client = new Client();
let current = null; // {source, result}

const NAMES = {
  text: "Bảng mã và dấu tiếng Việt",
  sentence_length: "Độ dài câu",
  passive: "Câu bị động",
  jargon: "Từ ngữ khó hiểu, sáo rỗng",
  abbreviation: "Chữ viết tắt",
  glossary: "Thuật ngữ pháp lý",
  readability: "Độ dễ đọc",
};
const SEVERITY = { error: "Lỗi", warning: "Cảnh báo", info: "Lưu ý" };
const LIGHT = { green: "Xanh — tốt", orange: "Cam — nên sửa", red: "Đỏ — cần sửa" };
const RANK = { info: 0, warning: 1, error: 2 };

function fmt(n, digits = 1) {
  return Number(n).toLocaleString("vi-VN", { maximumFractionDigits: digits });
}

function detectFormat(source) {
  const chosen = document.querySelector('input[name="format"]:checked').value;
  if (chosen !== "auto") return chosen;
  if (/^\s*</.test(source) && /<\/?[a-zA-Z][^>]*>/.test(source)) return "html";
  if (/^\s{0,3}#{1,6}\s|^\s*[-*]\s|\*\*[^*]+\*\*/m.test(source)) return "markdown";
  return "text";
}

function count(findings, predicate) {
  return findings.filter(predicate).length;
}

/** Traffic light per analyzer that ran: colour and the reason, in Vietnamese. */
export function trafficLights(result) {
  const report = result.report;
  const fs = report.findings;
  const by = (name) => fs.filter((f) => f.analyzer === name);
  const worst = (list) => list.reduce((w, f) => Math.max(w, RANK[f.severity]), -1);
  const colourOf = (list) => ["green", "green", "orange", "red"][worst(list) + 1];
  const lights = [];
  const t = report.text;
  lights.push({
    name: "text",
    colour: t.problems.length ? "red" : t.syllables ? "green" : "orange",
    reason: t.problems.length
      ? `Không chấm điểm được: ${by("text").map((f) => f.message).join(" ") || t.problems.join(", ")}`
      : t.syllables
        ? `Văn bản tiếng Việt có dấu, đọc được: ${fmt(t.sentences, 0)} câu, ${fmt(t.syllables, 0)} tiếng.`
        : "Văn bản rỗng.",
  });
  const sl = report.sentence_length;
  if (sl) {
    const list = by("sentence_length");
    const veryLong = count(list, (f) => f.rule === "sentence_length.very_long");
    const long = count(list, (f) => f.rule === "sentence_length.long");
    lights.push({
      name: "sentence_length",
      colour: colourOf(list),
      reason: list.length
        ? `${veryLong} câu quá dài (trên ${sl.limits.very_long} tiếng) và ${long} câu dài (trên ${sl.limits.long} tiếng); trung bình ${fmt(sl.mean_syllables)} tiếng/câu.`
        : `Không có câu nào dài quá ${sl.limits.long} tiếng; trung bình ${fmt(sl.mean_syllables)} tiếng/câu.`,
    });
  }
  if (report.passive) {
    const list = by("passive");
    const short = count(list, (f) => f.rule === "passive.short");
    lights.push({
      name: "passive",
      colour: colourOf(list),
      reason: short
        ? `${short} câu bị động không nói rõ ai làm (được/bị + động từ). Hãy viết chủ động, nêu cơ quan hay người thực hiện.`
        : list.length
          ? `${list.length} câu bị động đã nêu chủ thể hoặc là quyền lợi được hưởng; có thể giữ.`
          : "Không có câu bị động che mất người thực hiện.",
    });
  }
  if (report.jargon) {
    const list = by("jargon");
    lights.push({
      name: "jargon",
      colour: colourOf(list),
      reason: list.length
        ? `${list.length} từ ngữ khó hiểu hoặc sáo rỗng (${fmt(report.jargon.density)} từ trên 100 từ); xem gợi ý thay thế.`
        : "Không thấy từ ngữ khó hiểu hay sáo rỗng.",
    });
  }
  if (report.abbreviation) {
    const a = report.abbreviation;
    const list = by("abbreviation");
    lights.push({
      name: "abbreviation",
      colour: colourOf(list),
      reason: a.undefined || a.used_before_definition
        ? `${a.undefined} chữ viết tắt chưa được giải thích, ${a.used_before_definition} chữ dùng trước khi giải thích.`
        : a.used
          ? `Cả ${a.used} chữ viết tắt đều đã được giải thích hoặc quen thuộc.`
          : "Không dùng chữ viết tắt.",
    });
  }
  if (report.glossary) {
    const g = report.glossary;
    const list = by("glossary");
    lights.push({
      name: "glossary",
      colour: colourOf(list),
      reason: g.undefined || g.used_before_definition
        ? `${g.undefined} thuật ngữ không được giải thích ở đâu, ${g.used_before_definition} thuật ngữ dùng trước khi định nghĩa.`
        : g.terms_used
          ? `${g.terms_used} thuật ngữ đều đã có giải thích (trong văn bản hoặc bảng thuật ngữ).`
          : "Không dùng thuật ngữ pháp lý cần giải thích.",
    });
  }
  const rd = report.readability;
  if (rd && rd.clarity_score !== null) {
    const gate = result.failures.find((f) => f.gate === "min_clarity");
    const colour = gate || rd.level_id === "very_hard" ? "red" : rd.level_id === "hard" ? "orange" : "green";
    lights.push({
      name: "readability",
      colour,
      reason: `Điểm rõ ràng ${fmt(rd.clarity_score)}/100, mức ${rd.level}.` + (gate ? ` ${gate.message}` : ""),
    });
  }
  return lights;
}

function renderOverall(result) {
  const rd = result.report.readability;
  const score = rd && rd.clarity_score !== null ? `${fmt(rd.clarity_score)}/100` : "—";
  const level = rd && rd.level ? rd.level : "không chấm được";
  const verdict = result.passed
    ? '<p class="passed">Đạt yêu cầu kiểm tra trước khi đăng.</p>'
    : `<p class="failed">Chưa đạt yêu cầu kiểm tra trước khi đăng:</p><ul>${result.failures
        .map((f) => `<li>${escapeHtml(f.message)}</li>`)
        .join("")}</ul>`;
  $("overall").innerHTML =
    `<div class="overall"><p>Điểm rõ ràng: <span id="score" class="big">${score}</span></p>` +
    `<p>Mức độ dễ đọc: <span id="level" class="big">${escapeHtml(level)}</span></p></div>${verdict}`;
}

function renderLights(result) {
  const ul = $("lights");
  ul.innerHTML = "";
  for (const light of trafficLights(result)) {
    const li = document.createElement("li");
    li.dataset.analyzer = light.name;
    li.dataset.colour = light.colour;
    const has = result.report.findings.some((f) => f.analyzer === light.name);
    li.innerHTML =
      `<span class="light light-${light.colour}" aria-hidden="true"></span>` +
      `<div class="what"><strong>${escapeHtml(NAMES[light.name] || light.name)}</strong>: ` +
      `<span class="state">${LIGHT[light.colour]}</span><br><span class="reason">${escapeHtml(light.reason)}</span></div>` +
      (has ? `<button type="button" class="only" aria-pressed="false">Chỉ tô mục này</button>` : "");
    ul.appendChild(li);
  }
}

function sentenceOf(sentences, offset) {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function renderHeatmap(report) {
  const { sentences, findings } = report;
  const weight = sentences.map(() => ({ score: 0, n: 0, worst: -1 }));
  for (const f of findings) {
    const k = sentenceOf(sentences, f.start);
    if (k < 0) continue;
    weight[k].n += 1;
    weight[k].score += [1, 2, 4][RANK[f.severity]];
    weight[k].worst = Math.max(weight[k].worst, RANK[f.severity]);
  }
  const box = $("heatmap");
  box.innerHTML = "";
  let row = null;
  let paragraph = -1;
  sentences.forEach((s, k) => {
    if (s.paragraph !== paragraph) {
      paragraph = s.paragraph;
      row = document.createElement("div");
      row.className = "heat-row";
      box.appendChild(row);
    }
    const w = weight[k];
    const level = w.score === 0 ? 0 : w.score <= 1 ? 1 : w.score <= 3 ? 2 : w.score <= 6 ? 3 : 4;
    const b = document.createElement("button");
    b.type = "button";
    b.className = `heat heat-${level}`;
    b.dataset.sentence = String(k);
    b.textContent = String(k + 1);
    const worst = w.worst >= 0 ? `, nặng nhất: ${SEVERITY[["info", "warning", "error"][w.worst]].toLowerCase()}` : "";
    b.setAttribute("aria-label", `Câu ${k + 1} (đoạn ${s.paragraph + 1}): ${w.n} phát hiện${worst}`);
    b.title = b.getAttribute("aria-label");
    row.appendChild(b);
  });
}

function renderFindings(source, report) {
  const ol = $("findings");
  ol.innerHTML = "";
  $("h-findings").textContent = `Phát hiện (${report.findings.length})`;
  report.findings.forEach((f, i) => {
    const li = document.createElement("li");
    li.id = `fi-${i}`;
    li.tabIndex = -1;
    li.className = `finding sev-${f.severity}`;
    li.dataset.index = String(i);
    li.dataset.analyzer = f.analyzer;
    const fix = replacementFor(f);
    const quote = f.text.length > 90 ? `${f.text.slice(0, 87)}…` : f.text;
    li.innerHTML =
      `<p><span class="badge badge-${f.severity}">${SEVERITY[f.severity]}</span> ` +
      `<span class="quote">«${escapeHtml(quote)}»</span> <span class="rule">${escapeHtml(f.rule)} · dòng ${f.line}, cột ${f.column}</span></p>` +
      `<p class="msg">${escapeHtml(f.message)}</p>` +
      (f.suggestion ? `<p class="sugg">Gợi ý: ${escapeHtml(f.suggestion)}</p>` : "") +
      `<div class="actions"><button type="button" class="show" data-index="${i}">Xem</button>` +
      (fix ? `<button type="button" class="apply" data-index="${i}">Áp dụng: «${escapeHtml(fix.text)}»</button>` : "") +
      "</div>";
    ol.appendChild(li);
  });
  const analyzers = [...new Set(report.findings.filter((f) => !isSentenceLevel(f)).map((f) => f.analyzer))].sort();
  $("legend").innerHTML =
    analyzers.map((a) => `<span class="a-${a}" style="background:var(--c)">${escapeHtml(NAMES[a] || a)}</span>`).join("") +
    (report.findings.some(isSentenceLevel) ? '<span style="text-decoration:underline wavy #f77f00">Câu quá dài</span>' : "");
  for (const span of $("legend").querySelectorAll("span[class]")) {
    const mark = document.createElement("mark");
    mark.className = span.className;
    document.body.appendChild(mark);
    span.style.background = getComputedStyle(mark).backgroundColor;
    mark.remove();
  }
}

function marksOf(i) {
  return [...$("marked").querySelectorAll("mark")].filter((m) => m.dataset.f.split(" ").includes(String(i)));
}

function show(i) {
  for (const m of $("marked").querySelectorAll("mark.current")) m.classList.remove("current");
  for (const li of $("findings").querySelectorAll("li.current")) li.classList.remove("current");
  const marks = marksOf(i);
  const li = $(`fi-${i}`);
  if (li) li.classList.add("current");
  if (!marks.length) return;
  for (const m of marks) m.classList.add("current");
  marks[0].scrollIntoView({ block: "center" });
  marks[0].focus({ preventScroll: true });
  const f = current.result.report.findings[i];
  $("status").textContent = `Đang xem: «${f.text.slice(0, 80)}» — ${f.message}`;
}

function selectFinding(i) {
  const li = $(`fi-${i}`);
  if (!li) return;
  for (const x of $("findings").querySelectorAll("li.current")) x.classList.remove("current");
  li.classList.add("current");
  li.scrollIntoView({ block: "nearest" });
  li.focus({ preventScroll: true });
}

function filterAnalyzer(name, on) {
  const marked = $("marked");
  for (const b of $("lights").querySelectorAll("button.only")) {
    b.setAttribute("aria-pressed", String(on && b.closest("li").dataset.analyzer === name));
  }
  marked.classList.toggle("only-filter", on);
  for (const m of marked.querySelectorAll("mark")) {
    const keep = name === "sentence_length" ? m.classList.contains("sl") : m.classList.contains(`a-${name}`);
    m.classList.toggle("keep", on && keep);
  }
}

function render(source, result) {
  current = { source, result };
  const report = result.report;
  renderOverall(result);
  renderLights(result);
  renderHeatmap(report);
  $("marked").innerHTML = markedHtml(source, report.findings, { sentences: report.sentences });
  renderFindings(source, report);
  $("results").hidden = false;
}

async function run() {
  const source = $("source").value;
  const button = $("run");
  if (!source.trim()) {
    $("status").className = "error";
    $("status").textContent = "Chưa có văn bản để kiểm tra.";
    $("source").focus();
    return;
  }
  button.disabled = true;
  $("status").className = "";
  $("status").textContent = "Đang kiểm tra…";
  try {
    const format = detectFormat(source);
    const result = await client.check(source, { format, profile: $("profile").value || null });
    render(source, result);
    const n = result.report.findings.length;
    $("status").textContent = `Đã kiểm tra: ${n} phát hiện.`;
  } catch (err) {
    $("status").className = "error";
    if (err instanceof ApiError) {
      const reason = err.status === 413 ? "Văn bản quá dài cho máy chủ này." : err.status === 504 ? "Máy chủ xử lý quá lâu." : "Máy chủ từ chối yêu cầu.";
      $("status").textContent = `${reason} (${err.status}: ${err.message})`;
    } else {
      $("status").textContent = `Không kết nối được tới máy chủ: ${err.message}`;
    }
  } finally {
    button.disabled = false;
  }
}

function apply(i) {
  const f = current.result.report.findings[i];
  const fix = replacementFor(f);
  if (!fix) return;
  const source = current.source;
  // Offsets are UTF-16 units, the unit of JavaScript strings: slice directly.
  $("source").value = source.slice(0, fix.start) + fix.text + source.slice(fix.end);
  $("status").textContent = `Đã thay «${f.text}» bằng «${fix.text}». Đang kiểm tra lại…`;
  run();
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", run);
  $("source").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
  });
  $("findings").addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (!b) return;
    const i = Number(b.dataset.index);
    if (b.classList.contains("show")) show(i);
    else if (b.classList.contains("apply")) apply(i);
  });
  const pickMark = (e) => {
    const m = e.target.closest("mark");
    if (m) selectFinding(Number(m.dataset.f.split(" ")[0]));
  };
  $("marked").addEventListener("click", pickMark);
  $("marked").addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") pickMark(e);
  });
  $("heatmap").addEventListener("click", (e) => {
    const b = e.target.closest("button.heat");
    if (!b) return;
    const k = Number(b.dataset.sentence);
    const anchor = document.getElementById(`s-${k}`);
    if (anchor) {
      anchor.scrollIntoView({ block: "center" });
      anchor.focus({ preventScroll: true });
    }
    const s = current.result.report.sentences[k];
    $("status").textContent = `Câu ${k + 1}: ${s.text.slice(0, 120)}${s.text.length > 120 ? "…" : ""}`;
  });
  $("lights").addEventListener("click", (e) => {
    const b = e.target.closest("button.only");
    if (!b) return;
    const on = b.getAttribute("aria-pressed") !== "true";
    filterAnalyzer(b.closest("li").dataset.analyzer, on);
  });
});
