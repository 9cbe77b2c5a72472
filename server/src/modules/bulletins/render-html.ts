import type { BulletinDocument, BulletinNode } from './bulletin-document.js';

// The web page: one self-contained HTML file (photos inline), printable on A4.

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, "宋体", serif; max-width: 210mm;
  margin: 0 auto; padding: 16mm; line-height: 1.8; color: #111; }
h1.title { text-align: center; font-size: 1.6em; }
h1 { text-align: center; font-size: 1.3em; margin-top: 2em; }
h2 { font-size: 1.15em; } h3 { font-size: 1.05em; }
p { text-indent: 2em; margin: .4em 0; } p.right { text-align: right; } p.center { text-align: center; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .5em 0 1.2em; font-size: .9em; }
caption { font-weight: bold; margin-bottom: .3em; }
th, td { border: 1px solid #333; padding: 2px 4px; vertical-align: top; word-break: break-all; }
th { background: #f0f0f0; } td.right { text-align: right; } td.center { text-align: center; }
figure { text-align: center; } img { max-width: 100%; }
@page { size: A4; margin: 15mm; }
`;

function nodeHtml(node: BulletinNode, photos: Map<string, Buffer>): string {
  switch (node.type) {
    case 'title':
      return `<h1 class="title">${escapeHtml(node.text)}</h1>`;
    case 'heading':
      return `<h${node.level}>${escapeHtml(node.text)}</h${node.level}>`;
    case 'paragraph':
      return `<p${node.align ? ` class="${node.align}"` : ''}>${escapeHtml(node.text)}</p>`;
    case 'photo': {
      const bytes = photos.get(node.photo.storageKey);
      const img = bytes
        ? `<img src="data:${escapeHtml(node.photo.contentType)};base64,${bytes.toString('base64')}" alt="${escapeHtml(node.photo.caption)}">`
        : '';
      return `<figure>${img}${node.photo.caption ? `<figcaption>${escapeHtml(node.photo.caption)}</figcaption>` : ''}</figure>`;
    }
    case 'table': {
      const total = node.columns.reduce((s, c) => s + c.width, 0);
      const cols = node.columns
        .map((c) => `<col style="width:${((c.width / total) * 100).toFixed(1)}%">`)
        .join('');
      const head = node.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
      const body = node.rows
        .map(
          (r) =>
            `<tr>${node.columns
              .map(
                (c, i) =>
                  `<td${c.align && c.align !== 'left' ? ` class="${c.align}"` : ''}>${escapeHtml(String(r[i] ?? ''))}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('\n');
      const footer = node.footer
        ? `<tr><th colspan="${Math.min(2, node.columns.length)}">${escapeHtml(node.footer.label)}</th><td colspan="${Math.max(
            1,
            node.columns.length - 2,
          )}">${escapeHtml(node.footer.text)}</td></tr>`
        : '';
      return `<table><caption>${escapeHtml(node.title)}</caption><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${body}\n${footer}</tbody></table>`;
    }
  }
}

export function renderHtml(doc: BulletinDocument, photos: Map<string, Buffer>): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head>
<body>
${nodeHtml({ type: 'title', text: doc.title }, photos)}
${doc.nodes.map((n) => nodeHtml(n, photos)).join('\n')}
</body>
</html>
`;
}
