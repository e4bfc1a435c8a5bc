// A minimal API reference built from the service's own openapi.json (no external assets).
import { escapeHtml } from "./vnpolicytext.js";

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.type === "array") return `${schemaName(schema.items)}[]`;
  return schema.type || "";
}

function fields(spec, schema) {
  const name = schema && schema.$ref ? schema.$ref.split("/").pop() : null;
  const model = name ? spec.components.schemas[name] : null;
  if (!model || !model.properties) return "";
  const rows = Object.entries(model.properties)
    .map(([key, prop]) => {
      const type = prop.anyOf ? prop.anyOf.map(schemaName).join(" | ") : prop.enum ? prop.enum.join(" | ") : schemaName(prop);
      return `<tr><td><code>${escapeHtml(key)}</code></td><td>${escapeHtml(type)}</td><td>${escapeHtml(prop.description || "")}</td></tr>`;
    })
    .join("");
  return `<table class="scores"><tr><th>field</th><th>type</th><th>description</th></tr>${rows}</table>`;
}

async function main() {
  const spec = await (await fetch("openapi.json")).json();
  const out = [`<p>${escapeHtml(spec.info.title)} ${escapeHtml(spec.info.version)} — ${escapeHtml(spec.info.description || "")}</p>`];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody && op.requestBody.content["application/json"].schema;
      const responses = Object.entries(op.responses)
        .map(([code, r]) => {
          const s = r.content && r.content["application/json"] ? schemaName(r.content["application/json"].schema) : "";
          return `<li><strong>${code}</strong> ${escapeHtml(r.description || "")} <code>${escapeHtml(s)}</code></li>`;
        })
        .join("");
      out.push(
        `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code> — ${escapeHtml(op.summary || "")}</h2>` +
          `<p>${escapeHtml(op.description || "")}</p>` +
          (body ? `<h3>Request body: <code>${escapeHtml(schemaName(body))}</code></h3>${fields(spec, body)}` : "") +
          `<h3>Responses</h3><ul>${responses}</ul></section>`,
      );
    }
  }
  document.getElementById("endpoints").innerHTML = out.join("");
}

main().catch((err) => {
  document.getElementById("endpoints").textContent = `Cannot read openapi.json: ${err.message}`;
});
