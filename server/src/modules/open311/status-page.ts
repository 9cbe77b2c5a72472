import type { PublicStatus } from '@cityloop/contracts/open311';
import { escapeXml } from './xml.js';

/** The public status page: server-rendered, no script, only fields of PublicStatus. */
export function renderStatusPage(status: PublicStatus | null): string {
  const body = status
    ? `<h1>办理进度</h1>
<p class="no">编号 <strong>${escapeXml(status.trackingNo)}</strong></p>
<p class="state ${status.status}">${escapeXml(status.statusLabel)}${status.status === 'closed' ? '（已办结）' : ''}</p>
<dl>
<dt>问题类别</dt><dd>${escapeXml(status.category)}</dd>
<dt>问题描述</dt><dd>${escapeXml(status.description)}</dd>
<dt>上报时间</dt><dd>${escapeXml(status.reportedAt.replace('T', ' ').slice(0, 16))}</dd>
${status.expectedAt ? `<dt>处置时限</dt><dd>${escapeXml(status.expectedAt.replace('T', ' ').slice(0, 16))}</dd>` : ''}
</dl>
<h2>办理经过</h2>
<ol class="steps">${status.steps
        .map(
          (s) =>
            `<li><time>${escapeXml(s.at.replace('T', ' ').slice(0, 16))}</time> ${escapeXml(s.label)}</li>`,
        )
        .join('')}</ol>`
    : '<h1>未找到</h1><p>没有这个编号的上报，或该上报不公开。请核对编号。</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>办理进度 - 公众随手拍</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:40rem;padding:1rem;line-height:1.6;color:#1f1f1f}
h1{font-size:1.4rem}.state{font-size:1.2rem;font-weight:bold}.state.closed{color:#237804}.state.open{color:#0958d9}
dt{font-weight:bold;margin-top:.5rem}dd{margin:0}ol.steps{padding-left:1.2rem}time{color:#595959;margin-right:.5rem}
a{color:#0958d9}
</style></head>
<body><main>${body}
<p><a href="/report">再报一个问题</a></p></main></body></html>`;
}
