// 公众随手拍 page script: plain browser JavaScript, no framework, no third-party origin.
// Location: GPS or typed coordinates, checked against the city's grids by /api/public/locate.
// Anti-abuse: before submitting, the page solves the server's proof-of-work challenge with
// WebCrypto (find a nonce so sha256(challenge + nonce) starts with N zero bits).

const form = document.getElementById('report');
const message = document.getElementById('message');
const submit = document.getElementById('submit');
const place = document.getElementById('place');
const lat = document.getElementById('lat');
const lng = document.getElementById('lng');

function show(text, kind) {
  message.hidden = false;
  message.className = kind;
  message.textContent = text;
}

function deviceId() {
  let id = localStorage.getItem('cityloop-device');
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem('cityloop-device', id);
  }
  return id;
}

async function loadCategories() {
  const response = await fetch('/api/public/categories');
  if (!response.ok) return;
  const select = document.getElementById('category');
  const groups = new Map();
  for (const c of await response.json()) {
    if (!groups.has(c.group)) {
      const group = document.createElement('optgroup');
      group.label = c.group;
      groups.set(c.group, group);
      select.append(group);
    }
    const option = document.createElement('option');
    option.value = c.serviceCode;
    option.textContent = c.name;
    groups.get(c.group).append(option);
  }
}

async function describePlace() {
  const la = Number(lat.value);
  const lo = Number(lng.value);
  if (!lat.value || !lng.value || !Number.isFinite(la) || !Number.isFinite(lo)) return;
  const response = await fetch(`/api/public/locate?lat=${la}&lng=${lo}`);
  if (!response.ok) return;
  const result = await response.json();
  place.textContent = result.inside
    ? `位置：${result.district} ${result.street} ${result.community}（网格 ${result.grid}）`
    : '该位置不在本市管理范围内，请调整。';
}

document.getElementById('locate').addEventListener('click', () => {
  if (!navigator.geolocation) {
    place.textContent = '此设备不支持定位，请手动填写经纬度。';
    return;
  }
  place.textContent = '正在定位…';
  navigator.geolocation.getCurrentPosition(
    (position) => {
      lat.value = position.coords.latitude.toFixed(6);
      lng.value = position.coords.longitude.toFixed(6);
      describePlace();
    },
    () => {
      place.textContent = '定位失败，请手动填写经纬度。';
    },
    { enableHighAccuracy: true, timeout: 15000 },
  );
});
lat.addEventListener('change', describePlace);
lng.addEventListener('change', describePlace);

function zeroBits(bytes) {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

async function solve(challenge, difficulty) {
  const encoder = new TextEncoder();
  for (let nonce = 0; ; nonce++) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(challenge + nonce)));
    if (zeroBits(digest) >= difficulty) return String(nonce);
  }
}

async function errorText(response) {
  try {
    const body = await response.json();
    const text = body.error?.message ?? '提交失败';
    if (response.status === 429) {
      return `${text}（请在 ${response.headers.get('retry-after') ?? '稍后'} 秒后再试）`;
    }
    return text;
  } catch {
    return `提交失败（${response.status}）`;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!form.description.value.trim() || !lat.value || !lng.value) {
    show('请填写问题描述和位置。', 'error');
    return;
  }
  submit.disabled = true;
  try {
    show('正在进行安全校验，请稍候…', 'ok');
    const challengeResponse = await fetch('/api/public/challenge');
    if (!challengeResponse.ok) throw new Error(await errorText(challengeResponse));
    const { challenge, difficulty } = await challengeResponse.json();
    const nonce = await solve(challenge, difficulty);
    const data = new FormData();
    data.set('challenge', challenge);
    data.set('nonce', nonce);
    data.set('deviceId', deviceId());
    for (const name of ['serviceCode', 'description', 'lat', 'lng', 'address', 'phone']) {
      data.set(name, form[name].value);
    }
    for (const file of Array.from(form.photos.files).slice(0, 3)) data.append('photos', file);
    show('正在提交…', 'ok');
    const response = await fetch('/api/public/reports', { method: 'POST', body: data });
    if (!response.ok) throw new Error(await errorText(response));
    const result = await response.json();
    message.hidden = false;
    message.className = 'ok';
    message.textContent = `提交成功！查询编号：${result.trackingNo}。请保存编号，`;
    const link = document.createElement('a');
    link.href = result.statusUrl;
    link.textContent = '查看办理进度';
    message.append(link);
    form.reset();
  } catch (error) {
    show(error instanceof Error ? error.message : '提交失败', 'error');
  } finally {
    submit.disabled = false;
  }
});

loadCategories();
